/*
 * render.c
 *		Random balanced reports and their renderings in six layouts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

static uint64_t
next_random(uint64_t *s)
{
	/* xorshift64*: deterministic across platforms */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int
random_below(uint64_t *s, int n)
{
	return (int) (next_random(s) % (uint64_t) n);
}

/* Small counts, mostly zero, sometimes large: like real tables. */
static int64_t
random_count(uint64_t *s)
{
	int			r = random_below(s, 100);

	if (r < 55)
		return 0;
	if (r < 90)
		return 1 + random_below(s, 9);
	if (r < 98)
		return 10 + random_below(s, 90);
	return 100 + random_below(s, 2000);
}

static void
set(GiarGenReport *g, int cell, int64_t v, int scale)
{
	g->cells[cell].digits = v;
	g->cells[cell].scale = (uint8_t) scale;
	g->cells[cell].present = true;
	g->stated[cell] = true;
}

static const char *const agencies[] = {
	"杭州市拱墅区人民政府办公室", "宁波市自然资源和规划局", "温州市瓯海区娄桥街道办事处",
	"湖州市人民政府", "嘉兴市南湖区新丰镇人民政府", "绍兴市市场监督管理局"
};

void
giar_gen_report(GiarGenReport *g, uint64_t *seed)
{
	memset(g, 0, sizeof(*g));
	g->year = 2021 + random_below(seed, 5);
	snprintf(g->agency, sizeof(g->agency), "%s",
			 agencies[random_below(seed, (int) (sizeof(agencies) / sizeof(agencies[0])))]);

	/* table 2 (2021): 规章 often blank for bodies without rule-making power */
	if (random_below(seed, 3) != 0)
	{
		set(g, GIAR_CELL_T2(GIAR_T2_REGULATIONS_ISSUED), random_count(seed), 0);
		set(g, GIAR_CELL_T2(GIAR_T2_REGULATIONS_REPEALED), random_count(seed), 0);
		set(g, GIAR_CELL_T2(GIAR_T2_REGULATIONS_IN_FORCE), random_count(seed) * 3, 0);
	}
	set(g, GIAR_CELL_T2(GIAR_T2_NORMATIVE_ISSUED), random_count(seed), 0);
	set(g, GIAR_CELL_T2(GIAR_T2_NORMATIVE_REPEALED), random_count(seed), 0);
	set(g, GIAR_CELL_T2(GIAR_T2_NORMATIVE_IN_FORCE), random_count(seed) * 5, 0);
	set(g, GIAR_CELL_T2(GIAR_T2_LICENSING_DECISIONS), random_count(seed) * 37, 0);
	set(g, GIAR_CELL_T2(GIAR_T2_PENALTIES_DECISIONS), random_count(seed) * 11, 0);
	set(g, GIAR_CELL_T2(GIAR_T2_COERCIVE_DECISIONS), random_count(seed), 0);
	if (random_below(seed, 2))
		set(g, GIAR_CELL_T2(GIAR_T2_ADMIN_FEES_AMOUNT_WAN), random_below(seed, 100000), 2);
	else
		set(g, GIAR_CELL_T2(GIAR_T2_ADMIN_FEES_AMOUNT_WAN), random_count(seed), 0);

	/* table 3: balanced column by column, totals as sums */
	for (int c = 0; c < GIAR_T3_TOTAL; c++)
	{
		int64_t		handled = 0,
					forward,
					fresh,
					carried;
		bool		empty_column = random_below(seed, 3) != 0 && c > 0;

		for (int r = GIAR_T3_DISCLOSED; r <= GIAR_T3_OTHER_OTHER; r++)
		{
			int64_t		v = empty_column ? 0 : random_count(seed);

			set(g, GIAR_CELL_T3(r, c), v, 0);
			handled += v;
		}
		forward = empty_column ? 0 : random_count(seed);
		carried = empty_column ? 0 : random_below(seed, (int) (handled + forward + 1));
		fresh = handled + forward - carried;
		set(g, GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, c), handled, 0);
		set(g, GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, c), forward, 0);
		set(g, GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, c), fresh, 0);
		set(g, GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, c), carried, 0);
	}
	for (int r = 0; r < GIAR_T3_OTHER_HANDLING; r++)
	{
		int64_t		sum = 0;

		for (int c = 0; c < GIAR_T3_TOTAL; c++)
			sum += g->cells[GIAR_CELL_T3(r, c)].digits;
		set(g, GIAR_CELL_T3(r, GIAR_T3_TOTAL), sum, 0);
	}

	/* table 4 */
	for (int grp = 0; grp < GIAR_T4_NGROUPS; grp++)
	{
		int64_t		sum = 0;

		for (int o = 0; o < GIAR_T4_TOTAL; o++)
		{
			int64_t		v = random_below(seed, 4) == 0 ? random_below(seed, 12) : 0;

			set(g, GIAR_CELL_T4(grp, o), v, 0);
			sum += v;
		}
		set(g, GIAR_CELL_T4(grp, GIAR_T4_TOTAL), sum, 0);
	}
}

/* ------------------------------------------------------------------ */

typedef struct Buf
{
	char	   *s;
	size_t		len;
	size_t		cap;
} Buf;

static void
put(Buf *b, const char *fmt,...)
{
	va_list		ap;
	int			n;

	for (;;)
	{
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if ((size_t) n < b->cap - b->len)
			break;
		b->cap = (b->cap + (size_t) n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	b->len += (size_t) n;
}

static const char *
val(const GiarGenReport *g, int cell, char *buf)
{
	if (!g->stated[cell])
		return "";
	giar_number_format(g->cells[cell], buf, 32);
	return buf;
}

typedef struct T3Print
{
	const char *group;			/* printed on the group's first row */
	int			group_rows;
	const char *label;
	int			row;
} T3Print;

static const T3Print t3_print[] = {
	{NULL, 0, "一、本年新收政府信息公开申请数量", GIAR_T3_NEW_REQUESTS},
	{NULL, 0, "二、上年结转政府信息公开申请数量", GIAR_T3_CARRIED_OVER},
	{"三、本年度办理结果", 22, "(一)予以公开", GIAR_T3_DISCLOSED},
	{NULL, 0, "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", GIAR_T3_PARTIALLY_DISCLOSED},
	{"(三)不予公开", 8, "1.属于国家秘密", GIAR_T3_WITHHELD_STATE_SECRET},
	{NULL, 0, "2.其他法律行政法规禁止公开", GIAR_T3_WITHHELD_PROHIBITED_BY_LAW},
	{NULL, 0, "3.危及“三安全一稳定”", GIAR_T3_WITHHELD_SECURITY_STABILITY},
	{NULL, 0, "4.保护第三方合法权益", GIAR_T3_WITHHELD_THIRD_PARTY_RIGHTS},
	{NULL, 0, "5.属于三类内部事务信息", GIAR_T3_WITHHELD_INTERNAL_AFFAIRS},
	{NULL, 0, "6.属于四类过程性信息", GIAR_T3_WITHHELD_DELIBERATIVE_PROCESS},
	{NULL, 0, "7.属于行政执法案卷", GIAR_T3_WITHHELD_ENFORCEMENT_CASE_FILE},
	{NULL, 0, "8.属于行政查询事项", GIAR_T3_WITHHELD_ADMINISTRATIVE_QUERY},
	{"(四)无法提供", 3, "1.本机关不掌握相关政府信息", GIAR_T3_UNAVAILABLE_NOT_HELD},
	{NULL, 0, "2.没有现成信息需要另行制作", GIAR_T3_UNAVAILABLE_NEEDS_CREATION},
	{NULL, 0, "3.补正后申请内容仍不明确", GIAR_T3_UNAVAILABLE_STILL_UNCLEAR},
	{"(五)不予处理", 5, "1.信访举报投诉类申请", GIAR_T3_NOT_PROCESSED_COMPLAINT},
	{NULL, 0, "2.重复申请", GIAR_T3_NOT_PROCESSED_DUPLICATE},
	{NULL, 0, "3.要求提供公开出版物", GIAR_T3_NOT_PROCESSED_PUBLICATION},
	{NULL, 0, "4.无正当理由大量反复申请", GIAR_T3_NOT_PROCESSED_EXCESSIVE},
	{NULL, 0, "5.要求行政机关确认或重新出具已获取信息", GIAR_T3_NOT_PROCESSED_CONFIRMATION},
	{"(六)其他处理", 3, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", GIAR_T3_OTHER_NO_CORRECTION},
	{NULL, 0, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", GIAR_T3_OTHER_FEE_UNPAID},
	{NULL, 0, "3.其他", GIAR_T3_OTHER_OTHER},
	{NULL, 0, "(七)总计", GIAR_T3_TOTAL_HANDLED},
	{NULL, 0, "四、结转下年度继续办理", GIAR_T3_CARRIED_FORWARD},
};

typedef struct T2Print
{
	const char *section;		/* 第二十条第(x)项 header before the row */
	const char *header[3];
	const char *label;
	int			cells[3];
	int			ncells;
} T2Print;

static const T2Print t2_print[] = {
	{"第二十条第(一)项", {"本年制发件数", "本年废止件数", "现行有效件数"}, "规章",
	{GIAR_CELL_T2(GIAR_T2_REGULATIONS_ISSUED), GIAR_CELL_T2(GIAR_T2_REGULATIONS_REPEALED), GIAR_CELL_T2(GIAR_T2_REGULATIONS_IN_FORCE)}, 3},
	{NULL, {NULL}, "行政规范性文件",
	{GIAR_CELL_T2(GIAR_T2_NORMATIVE_ISSUED), GIAR_CELL_T2(GIAR_T2_NORMATIVE_REPEALED), GIAR_CELL_T2(GIAR_T2_NORMATIVE_IN_FORCE)}, 3},
	{"第二十条第(五)项", {"本年处理决定数量"}, "行政许可",
	{GIAR_CELL_T2(GIAR_T2_LICENSING_DECISIONS)}, 1},
	{"第二十条第(六)项", {"本年处理决定数量"}, "行政处罚",
	{GIAR_CELL_T2(GIAR_T2_PENALTIES_DECISIONS)}, 1},
	{NULL, {NULL}, "行政强制", {GIAR_CELL_T2(GIAR_T2_COERCIVE_DECISIONS)}, 1},
	{"第二十条第(八)项", {"本年收费金额(单位:万元)"}, "行政事业性收费",
	{GIAR_CELL_T2(GIAR_T2_ADMIN_FEES_AMOUNT_WAN)}, 1},
};

static const char *const t3_header[] = {
	"(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况",
	"自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织",
	"法律服务机构", "其他"
};

static const char *const t4_header[] = {
	"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
	"未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
	"总计", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"
};

#define N(a) ((int) (sizeof(a) / sizeof((a)[0])))

/* A sequence of cells as one row in the layout. */
static void
row(Buf *b, GiarLayout layout, const char *const *cells, int n)
{
	switch (layout)
	{
		case GIAR_LAYOUT_PIPE:
			for (int i = 0; i < n; i++)
				put(b, "%s |%s", cells[i], i + 1 < n ? " " : "");
			put(b, "\n");
			break;
		case GIAR_LAYOUT_MARKDOWN:
			put(b, "|");
			for (int i = 0; i < n; i++)
				put(b, " %s |", cells[i]);
			put(b, "\n");
			break;
		case GIAR_LAYOUT_CELL_PER_LINE:
			for (int i = 0; i < n; i++)
				if (cells[i][0])
					put(b, "%s\n\n", cells[i]);
			break;
		case GIAR_LAYOUT_CELL_PER_LINE_PIPE:
			for (int i = 0; i < n; i++)
				put(b, "%s |\n", cells[i]);
			break;
		case GIAR_LAYOUT_SPACES:
			put(b, "  ");
			for (int i = 0; i < n; i++)
				put(b, "%s%s", cells[i], i == 0 ? "        " : "     ");
			put(b, "\n");
			break;
		case GIAR_LAYOUT_HTML:
			put(b, "<tr>");
			for (int i = 0; i < n; i++)
				put(b, "<td><p class=\"MsoNormal\"><span>%s</span></p></td>",
					cells[i][0] ? cells[i] : "&nbsp;");
			put(b, "</tr>\n");
			break;
		case GIAR_NLAYOUTS:
			break;
	}
}

static void
heading(Buf *b, GiarLayout layout, const char *text)
{
	if (layout == GIAR_LAYOUT_HTML)
		put(b, "<p><strong>%s</strong></p>\n", text);
	else if (layout == GIAR_LAYOUT_MARKDOWN)
		put(b, "\n## %s\n\n", text);
	else
		put(b, "%s\n", text);
}

static void
paragraph(Buf *b, GiarLayout layout, const char *text)
{
	if (layout == GIAR_LAYOUT_HTML)
		put(b, "<p>%s</p>\n", text);
	else
		put(b, "%s\n", text);
}

static void
table_open(Buf *b, GiarLayout layout)
{
	if (layout == GIAR_LAYOUT_HTML)
		put(b, "<table border=\"1\">\n");
}

static void
table_close(Buf *b, GiarLayout layout)
{
	if (layout == GIAR_LAYOUT_HTML)
		put(b, "</table>\n");
	else if (layout == GIAR_LAYOUT_MARKDOWN)
		put(b, "\n");
}

char *
giar_render(const GiarGenReport *g, GiarLayout layout, size_t *len)
{
	Buf			b = {malloc(4096), 0, 4096};
	char		v[7][32];
	const char *cells[12];
	char		text[512];

	if (layout == GIAR_LAYOUT_HTML)
		put(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s%d年政府信息公开工作年度报告</title>"
			"<script>var nav = '<td>1</td>';</script><style>td{border:1px}</style></head><body>\n"
			"<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a>政务公开</a></div>\n",
			g->agency, g->year);
	snprintf(text, sizeof(text), "%s%d年政府信息公开工作年度报告", g->agency, g->year);
	heading(&b, layout, text);
	snprintf(text, sizeof(text),
			 "本报告所列数据统计期限为%d年1月1日至12月31日。", g->year);
	paragraph(&b, layout, text);
	heading(&b, layout, "一、总体情况");
	paragraph(&b, layout, "全年主动公开政府信息1.9万余条，持续推进政务公开标准化规范化。");
	heading(&b, layout, "二、主动公开政府信息情况");

	table_open(&b, layout);
	for (int i = 0; i < N(t2_print); i++)
	{
		const T2Print *p = &t2_print[i];

		if (p->section)
		{
			cells[0] = p->section;
			row(&b, layout, cells, 1);
			cells[0] = "信息内容";
			for (int k = 0; k < p->ncells; k++)
				cells[k + 1] = p->header[k];
			row(&b, layout, cells, p->ncells + 1);
			if (layout == GIAR_LAYOUT_MARKDOWN && i == 0)
				put(&b, "|---|---|---|---|\n");
		}
		cells[0] = p->label;
		for (int k = 0; k < p->ncells; k++)
			cells[k + 1] = val(g, p->cells[k], v[k]);
		row(&b, layout, cells, p->ncells + 1);
	}
	table_close(&b, layout);

	heading(&b, layout, "三、收到和处理政府信息公开申请情况");
	table_open(&b, layout);
	if (layout == GIAR_LAYOUT_HTML)
		put(&b, "<tr><td colspan=\"3\" rowspan=\"3\">%s</td><td colspan=\"7\">%s</td></tr>\n"
			"<tr><td rowspan=\"2\">%s</td><td colspan=\"5\">%s</td><td rowspan=\"2\">%s</td></tr>\n"
			"<tr><td>商业<br>企业</td><td>科研<br>机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n",
			t3_header[0], t3_header[1], t3_header[2], t3_header[3], t3_header[4]);
	else
	{
		row(&b, layout, t3_header, 2);
		row(&b, layout, t3_header + 2, 3);
		row(&b, layout, t3_header + 5, 5);
		if (layout == GIAR_LAYOUT_MARKDOWN)
			put(&b, "|---|---|---|---|---|---|---|---|\n");
	}
	for (int i = 0; i < N(t3_print); i++)
	{
		const T3Print *p = &t3_print[i];
		int			n = 0;

		if (layout == GIAR_LAYOUT_HTML)
		{
			put(&b, "<tr>");
			if (p->group)
				put(&b, "<td rowspan=\"%d\">%s</td>", p->group_rows, p->group);
			put(&b, "<td%s>%s</td>", p->group || i >= 2 ? "" : " colspan=\"3\"", p->label);
			for (int c = 0; c < GIAR_T3_NCOLS; c++)
				put(&b, "<td>%s</td>", val(g, GIAR_CELL_T3(p->row, c), v[c]));
			put(&b, "</tr>\n");
			continue;
		}
		if (p->group)
			cells[n++] = p->group;
		cells[n++] = p->label;
		for (int c = 0; c < GIAR_T3_NCOLS; c++)
			cells[n++] = val(g, GIAR_CELL_T3(p->row, c), v[c]);
		row(&b, layout, cells, n);
	}
	table_close(&b, layout);

	heading(&b, layout, "四、政府信息公开行政复议、行政诉讼情况");
	table_open(&b, layout);
	if (layout == GIAR_LAYOUT_HTML)
		put(&b, "<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>\n"
			"<tr><td rowspan=\"2\">结果维持</td><td rowspan=\"2\">结果纠正</td><td rowspan=\"2\">其他结果</td>"
			"<td rowspan=\"2\">尚未审结</td><td rowspan=\"2\">总计</td>"
			"<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>\n"
			"<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"
			"<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>\n");
	else
	{
		row(&b, layout, t4_header, 2);
		row(&b, layout, t4_header + 2, 7);
		row(&b, layout, t4_header + 9, 10);
	}
	{
		char		v15[15][32];
		const char *c15[15];

		for (int k = 0; k < 15; k++)
			c15[k] = val(g, GIAR_CELL_T4_BASE + k, v15[k]);
		row(&b, layout, c15, 15);
	}
	table_close(&b, layout);

	heading(&b, layout, "五、存在的主要问题及改进情况");
	paragraph(&b, layout, "一是政策解读形式不够丰富；二是依申请公开答复规范性有待提高。");
	heading(&b, layout, "六、其他需要报告的事项");
	paragraph(&b, layout, "本年度未收取信息处理费。");
	if (layout == GIAR_LAYOUT_HTML)
		put(&b, "<div class=\"footer\">扫一扫在手机打开 <a>打印</a> <a>关闭</a></div></body></html>\n");
	*len = b.len;
	return b.s;
}

const char *
giar_layout_name(GiarLayout layout)
{
	static const char *const names[] = {
		"pipe", "markdown", "cell-per-line", "cell-per-line-pipe", "spaces", "html"
	};

	return layout < GIAR_NLAYOUTS ? names[layout] : "?";
}
