/*
 * check.c
 *		The rules a careful assessor applies to a report (单份报告) and to two
 *		successive reports of one agency (跨年度), as data.
 *
 * The catalogue below names every rule, its severity, its description in
 * Chinese and English and its source.  The arithmetic identities of the
 * format (table-3 row sums, outcome sums and balance, table-4 totals) are
 * generated from the format tables as lists of cells that must sum alike,
 * and one evaluator handles them all: a blank or NA cell makes an identity
 * "not assessable", never a mismatch; a blank total whose parts are not
 * zero is "total missing".
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

const GiarRule giar_rules[] = {
	{"T3_ROW_SUM", GIAR_SEVERITY_ERROR,
		"表三各行：总计等于自然人与五类法人或其他组织之和",
		"Table 3, every row: 总计 equals the six applicant columns.",
	"国办公开办函〔2021〕30号 表三", false},
	{"T3_OUTCOME_SUM", GIAR_SEVERITY_ERROR,
		"表三各列：（七）总计等于各项办理结果之和",
		"Table 3, every column: （七）总计 equals the sum of the outcome rows.",
	"国办公开办函〔2021〕30号 表三", false},
	{"T3_BALANCE", GIAR_SEVERITY_ERROR,
		"表三各列：第一项加第二项之和，等于第三项加第四项之和",
		"Table 3, every column: 一 + 二 = （七）总计 + 四 (the printed 勾稽关系).",
	"国办公开办函〔2021〕30号 表三注", false},
	{"T4_GROUP_SUM", GIAR_SEVERITY_ERROR,
		"表四各组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
		"Table 4, every group: 总计 = 维持 + 纠正 + 其他 + 尚未审结.",
	"国办公开办函〔2021〕30号 表四", false},
	{"CELL_NEGATIVE", GIAR_SEVERITY_ERROR,
		"件数和金额不得为负（2019年格式的本年增/减除外）",
		"Counts and amounts are not negative (the 2019 format's 本年增/减 excepted).",
	"国办公开办函〔2021〕30号", false},
	{"CELL_INTEGER", GIAR_SEVERITY_ERROR,
		"件数、项目数为整数（只有收费金额可有小数）",
		"Counts are whole numbers; only the fee amount may have decimals.",
	"国办公开办函〔2021〕30号", false},
	{"TOTAL_MISSING", GIAR_SEVERITY_WARNING,
		"合计栏空白而其组成项不全为零（合计缺失）",
		"A total is blank while its parts are stated and not all zero (total missing).",
	"国办公开办函〔2021〕30号 表三、表四", false},
	{"REPORT_FORMAT", GIAR_SEVERITY_ERROR,
		"文本应为政府信息公开工作年度报告",
		"The text is a government information disclosure annual report.",
	"《条例》第五十条", false},
	{"PARTS_PRESENT", GIAR_SEVERITY_ERROR,
		"报告应包括第一至第五部分",
		"The report has parts 一 to 五.",
	"《条例》第五十条；国办公开办函〔2021〕30号", false},
	{"TABLE_READABLE", GIAR_SEVERITY_ERROR,
		"表二至表四应以可读文本公布（而非图片或附件）",
		"Tables 二 to 四 are published as readable text, not as images or attachments.",
	"国办公开办函〔2021〕30号", false},
	{"YEAR_CONSISTENT", GIAR_SEVERITY_ERROR,
		"统计期限的年份与标题年份一致",
		"The year of the 统计期限 equals the year in the title.",
	"国办公开办函〔2021〕30号", false},
	{"FORMAT_YEAR", GIAR_SEVERITY_WARNING,
		"2021年及以后的报告使用2021年格式，2019、2020年的报告使用2019年格式",
		"Reports on 2021 onward use the 2021 format; reports on 2019 and 2020 the 2019 trial format.",
	"国办公开办函〔2021〕30号；国办公开办函〔2019〕60号", false},
	{"NARRATIVE_TABLE", GIAR_SEVERITY_WARNING,
		"正文引用的数字与表格一致",
		"Figures quoted in the prose equal the tables.",
	"《条例》第五十条（内容准确）", false},
	{"PERCENTAGE", GIAR_SEVERITY_WARNING,
		"正文“X件，占Y%”的比例以（七）总计为基数并按所印精度四舍五入",
		"A printed share \"X件，占Y%\" is X over （七）总计, rounded as printed.",
	"国办公开办函〔2021〕30号", false},
	{"DEADLINE", GIAR_SEVERITY_WARNING,
		"部门于1月31日前、县级以上地方人民政府于3月31日前公布上一年度报告（2019年以前的报告：3月31日前）",
		"Departments publish by 31 January, local governments by 31 March of the following year (reports before 2019: everyone by 31 March).",
	"《条例》第四十九条", false},
	{"CARRY_FORWARD_SHARE", GIAR_SEVERITY_INFO,
		"结转下年度的申请占一、二项之和的比例偏高",
		"The share of requests carried into next year is high against 一 + 二.",
	"核查经验", false},
	{"REGULATION_SCOPE", GIAR_SEVERITY_INFO,
		"无规章制定权的机关填报了规章件数",
		"规章 figures from a body without rule-making power.",
	"《立法法》第九十三条", false},
	{"FEE_COLLECTED", GIAR_SEVERITY_ERROR,
		"信息处理费：实际收取金额不超过通知收取金额",
		"Fee table of part 六: 实际收取金额 is not more than 通知收取金额.",
	"国办函〔2020〕109号", false},
	{"FEE_NOTICES", GIAR_SEVERITY_ERROR,
		"信息处理费：通知收取件数为0时，通知收取金额和实际收取金额均为0",
		"Fee table of part 六: with no 通知收取件数, both amounts are 0.",
	"国办函〔2020〕109号", false},
	{"FEE_UNIT", GIAR_SEVERITY_INFO,
		"行政事业性收费金额疑似以元而非万元填报",
		"The 行政事业性收费 amount looks like 元 rather than 万元.",
	"国办公开办函〔2021〕30号 表二", false},
	{"FEE_ROW", GIAR_SEVERITY_INFO,
		"表三逾期未缴费行有数，而正文称未收取信息处理费",
		"Table 3 counts requests closed for unpaid fees while the prose says no fee was charged.",
	"国办函〔2020〕109号", false},
	{"SEQ_YEARS", GIAR_SEVERITY_INFO,
		"两份报告应为同一机关相邻两个年度",
		"The two reports are of one agency and of consecutive years.",
	"核查经验", true},
	{"SEQ_CARRY", GIAR_SEVERITY_WARNING,
		"本年上年结转等于上年报告的结转下年度（各列）",
		"上年结转 this year equals 结转下年度 of last year's report, per column.",
	"国办公开办函〔2021〕30号 表三", true},
	{"SEQ_IN_FORCE", GIAR_SEVERITY_INFO,
		"现行有效件数约等于上年现行有效加本年制发减本年废止",
		"现行有效 ≈ last year's 现行有效 + 本年制发 − 本年废止 (the residual is reported).",
	"国办公开办函〔2021〕30号 表二", true},
	{"SEQ_ITEMS", GIAR_SEVERITY_WARNING,
		"本年上一年项目数量等于上年的上一年项目数量加本年增/减",
		"上一年项目数量 equals last year's 上一年项目数量 + 本年增/减 (2019 format).",
	"国办公开办函〔2019〕60号 表二", true},
	{"SEQ_IDENTICAL_TABLES", GIAR_SEVERITY_INFO,
		"表格与上年完全相同（内容雷同）",
		"The tables are identical to last year's (内容雷同).",
	"国办公开办函〔2021〕30号（内容雷同）", true},
	{"SEQ_SIMILAR_TEXT", GIAR_SEVERITY_INFO,
		"正文与上年高度相似（内容雷同）",
		"The prose is nearly identical to last year's (内容雷同); the message says how similar.",
	"国办公开办函〔2021〕30号（内容雷同）", true},
};

const int	giar_nrules = sizeof(giar_rules) / sizeof(giar_rules[0]);

const GiarDeadlines giar_default_deadlines = {1, 31, 3, 31, 3, 31};

/* Thresholds of the plausibility (info) rules. */
#define CARRY_SHARE_LIMIT 0.3	/* 结转下年度 / (一 + 二) */
#define CARRY_SHARE_MIN 5		/* ... and at least this many requests */
#define FEE_WAN_LIMIT 10000		/* 1亿元 in 万元: more looks like 元 */
#define SIMILAR_TEXT_LIMIT 0.8	/* fingerprint similarity */
#define IDENTICAL_TABLES_MIN 20 /* cells compared before calling tables identical */

/* ------------------------------------------------------------------ */
/* Findings                                                            */
/* ------------------------------------------------------------------ */

static const GiarRule *
rule(const char *id)
{
	for (int i = 0; i < giar_nrules; i++)
		if (strcmp(giar_rules[i].id, id) == 0)
			return &giar_rules[i];
	return NULL;
}

static GiarFinding *
add_finding(GiarContext *cx, GiarFindings *out, const char *rule_id,
			bool assessable, const char *fmt,...)
	__attribute__((format(printf, 5, 6)));

static GiarFinding *
add_finding(GiarContext *cx, GiarFindings *out, const char *rule_id,
			bool assessable, const char *fmt,...)
{
	GiarFinding *f;
	char		buf[512];
	va_list		ap;
	int			n;

	out->items = giar_grow(cx, out->items, sizeof(GiarFinding), &out->cap, out->n);
	f = &out->items[out->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule(rule_id);
	f->assessable = assessable;
	/* an identity that cannot be assessed is information, not an error */
	f->severity = assessable ? f->rule->severity : GIAR_SEVERITY_INFO;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	f->message = giar_strndup(cx, buf, giar_message_finish(buf, sizeof(buf), n));
	return f;
}

static void
set_cells(GiarContext *cx, GiarFinding *f, const int *cells, int n)
{
	f->cells = giar_alloc(cx, sizeof(char *) * (size_t) (n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
	{
		const GiarDictEntry *e = giar_dict_by_cell(cells[i]);

		f->cells[f->ncells++] = e ? e->key : "?";
	}
}

static void
set_keys(GiarContext *cx, GiarFinding *f, const char *const *keys, int n)
{
	f->cells = giar_alloc(cx, sizeof(char *) * (size_t) (n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		f->cells[f->ncells++] = keys[i];
}

static GiarNumber
whole(int64_t v)
{
	GiarNumber	n = {v, 0, true};

	return n;
}

/*
 * Figures that cannot be computed: cells of up to 18 digits (all a stored
 * report holds) sum beyond int64 in long enough identities.
 */
#define BEYOND_RANGE "beyond the 64-bit integer range"

/* a - b written out exactly: the difference of two int64 may not be one */
static void
format_difference(int64_t a, int64_t b, char *buf, size_t size)
{
	int64_t		d;

	if (!__builtin_sub_overflow(a, b, &d))
		snprintf(buf, size, "%lld", (long long) d);
	else if (a > b)
		snprintf(buf, size, "%llu", (unsigned long long) a - (unsigned long long) b);
	else
		snprintf(buf, size, "-%llu", (unsigned long long) b - (unsigned long long) a);
}

/* 10^exponent, false beyond int64 (a scale no printed figure has) */
static bool
power_of_ten(int exponent, int64_t *power)
{
	*power = 1;
	for (int k = 0; k < exponent; k++)
		if (__builtin_mul_overflow(*power, 10, power))
			return false;
	return true;
}

/* Equal values, whatever the printed decimals (12.50 = 12.5). */
static bool
same_value(GiarNumber a, GiarNumber b)
{
	while (a.scale > b.scale && a.digits % 10 == 0)
	{
		a.digits /= 10;
		a.scale--;
	}
	while (b.scale > a.scale && b.digits % 10 == 0)
	{
		b.digits /= 10;
		b.scale--;
	}
	return a.scale == b.scale && a.digits == b.digits;
}

/*
 * The whole number a cell states: 12.0 is 12, 12.5 is none (CELL_INTEGER
 * reports it), so identities never add a fraction's digits as a count.
 */
static bool
whole_value(GiarNumber n, int64_t *value)
{
	if (!n.present)
		return false;
	while (n.scale > 0 && n.digits % 10 == 0)
	{
		n.digits /= 10;
		n.scale--;
	}
	if (n.scale != 0)
		return false;
	*value = n.digits;
	return true;
}

/* ------------------------------------------------------------------ */
/* Identities                                                          */
/* ------------------------------------------------------------------ */

#define MAX_TERMS 32

/* An identity: the cells of lhs sum to those of rhs. */
typedef struct Identity
{
	const char *rule_id;
	const int  *lhs;
	int			nlhs;
	const int  *rhs;
	int			nrhs;
	/* its name, "table 3 row <key>": put together only for a finding */
	const char *what_before;
	const char *what_key;
	const char *what_after;
} Identity;

/*
 * The identities of a table, generated once from the format tables: table
 * 3 as printed in the 2019 format (one （六） row) and in the 2021 format
 * (three), and table 4.  Their terms live in the list's pool.
 */
#define MAX_IDENTITIES (GIAR_T3_NROWS + 2 * GIAR_T3_NCOLS + GIAR_T4_NGROUPS)
#define MAX_IDENTITY_TERMS (MAX_IDENTITIES * MAX_TERMS)

typedef struct IdentityList
{
	Identity	ids[MAX_IDENTITIES];
	int			n;
	int			pool[MAX_IDENTITY_TERMS];
	int			npool;
} IdentityList;

static void
identity_name(const Identity *id, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", id->what_before, id->what_key,
			 id->what_after ? id->what_after : "");
}

/* A new identity of the list, its terms to follow (identity_term). */
static Identity *
identity_start(IdentityList *list, const char *rule_id, const char *what_before,
			   const char *what_key, const char *what_after)
{
	Identity   *id = &list->ids[list->n++];

	id->rule_id = rule_id;
	id->lhs = id->rhs = &list->pool[list->npool];
	id->nlhs = id->nrhs = 0;
	id->what_before = what_before;
	id->what_key = what_key;
	id->what_after = what_after;
	return id;
}

/* Terms are added left side first, then right side. */
static void
identity_term(IdentityList *list, Identity *id, bool left, int cell)
{
	list->pool[list->npool++] = cell;
	if (left)
	{
		id->nlhs++;
		id->rhs = &list->pool[list->npool];
	}
	else
		id->nrhs++;
}

/* The printed rows of table 3: 25, or 23 with the single （六） row (2019). */
static int
t3_printed_rows(bool single_other_row, int *rows)
{
	int			n = 0;

	for (int row = GIAR_T3_NEW_REQUESTS; row <= GIAR_T3_NOT_PROCESSED_CONFIRMATION; row++)
		rows[n++] = row;
	if (single_other_row)
		rows[n++] = GIAR_T3_OTHER_HANDLING;
	else
	{
		rows[n++] = GIAR_T3_OTHER_NO_CORRECTION;
		rows[n++] = GIAR_T3_OTHER_FEE_UNPAID;
		rows[n++] = GIAR_T3_OTHER_OTHER;
	}
	rows[n++] = GIAR_T3_TOTAL_HANDLED;
	rows[n++] = GIAR_T3_CARRIED_FORWARD;
	return n;
}

static bool
table_read(const GiarReport *r, int table)
{
	return r->table_status[table] == GIAR_TABLE_PARSED ||
		r->table_status[table] == GIAR_TABLE_PARTIAL;
}

/* Sum of terms of a side: whole values added, the others counted missing. */
static inline void
sum_terms(const GiarReport *r, const int *terms, int nterms, int64_t *sum,
		  int *missing, int *present, bool *overflow)
{
	for (int i = 0; i < nterms; i++)
	{
		const GiarNumber *n = &r->cells[terms[i]];
		int64_t		v;

		/* whole as printed (most cells) without whole_value's loop */
		if (n->present && n->scale == 0)
			v = n->digits;
		else if (!whole_value(*n, &v))
		{
			(*missing)++;
			continue;
		}
		(*present)++;
		*overflow |= __builtin_add_overflow(*sum, v, sum);
	}
}

/*
 * Sum of terms that are all printed whole numbers (most identities of most
 * reports), without a branch per term; false when one is not, or the sum
 * overflows, and sum_terms decides.
 */
static inline bool
sum_whole_terms(const GiarReport *r, const int *terms, int nterms, int64_t *sum)
{
	int64_t		s = 0;
	bool		whole = true,
				overflow = false;

	for (int i = 0; i < nterms; i++)
	{
		const GiarNumber *n = &r->cells[terms[i]];

		whole &= n->present & (n->scale == 0);
		overflow |= __builtin_add_overflow(s, n->digits, &s);
	}
	*sum = s;
	return whole & !overflow;
}

static void
evaluate(GiarContext *cx, const GiarReport *r, const Identity *id,
		 GiarFindings *out)
{
	int64_t		left = 0,
				right = 0;
	int			cells[2 * MAX_TERMS];
	int			ncells = 0;
	int			missing_left = 0,
				missing_right = 0,
				present = 0;
	bool		overflow = false;
	GiarFinding *f;
	char		what[128];
	char		off_by[32];

	if (sum_whole_terms(r, id->lhs, id->nlhs, &left) &&
		sum_whole_terms(r, id->rhs, id->nrhs, &right))
	{
		if (left == right)
			return;				/* it holds (most identities) */
		present = id->nlhs + id->nrhs;
	}
	else
	{
		left = right = 0;
		sum_terms(r, id->lhs, id->nlhs, &left, &missing_left, &present, &overflow);
		sum_terms(r, id->rhs, id->nrhs, &right, &missing_right, &present, &overflow);
	}
	if (present == 0)
		return;					/* the row is not in the report at all */
	if (missing_left == 0 && missing_right == 0 && !overflow && left == right)
		return;					/* it holds (most identities) */
	/* the cells a finding names: the total(s), then the parts */
	for (int i = 0; i < id->nlhs; i++)
		cells[ncells++] = id->lhs[i];
	for (int i = 0; i < id->nrhs; i++)
		cells[ncells++] = id->rhs[i];

	if (overflow)
	{
		/* no cell need be blank: the sum is what cannot be assessed */
		identity_name(id, what, sizeof(what));
		f = add_finding(cx, out, id->rule_id, false,
						"%s: not assessable, its cells sum " BEYOND_RANGE, what);
		set_cells(cx, f, cells, ncells);
		return;
	}
	if (missing_left == 0 && missing_right == 0)
	{
		identity_name(id, what, sizeof(what));
		format_difference(left, right, off_by, sizeof(off_by));
		f = add_finding(cx, out, id->rule_id, true,
						"%s: %lld, but the parts sum to %lld (off by %s)",
						what, (long long) left, (long long) right, off_by);
		f->expected = whole(right);
		f->actual = whole(left);
		set_cells(cx, f, cells, ncells);
		return;
	}
	/*
	 * A blank single total with its parts stated and not all zero; a total
	 * printed but unreadable is no blank.
	 */
	if (id->nlhs == 1 && missing_left == 1 && missing_right == 0 &&
		right != 0 && !r->cells[id->lhs[0]].present && !r->unreadable[id->lhs[0]])
	{
		identity_name(id, what, sizeof(what));
		f = add_finding(cx, out, "TOTAL_MISSING", true,
						"%s: the total is blank while its parts sum to %lld (total missing)",
						what, (long long) right);
		f->expected = whole(right);
		set_cells(cx, f, cells, ncells);
		return;
	}
	identity_name(id, what, sizeof(what));
	f = add_finding(cx, out, id->rule_id, false,
					"%s: not assessable, %d of its %d cells are blank, not applicable or unreadable",
					what, missing_left + missing_right, ncells);
	set_cells(cx, f, cells, ncells);
}

/*
 * A table-3 总计 column with no cell at all (not printed, or blank top to
 * bottom) is one omission, reported once rather than as a missing total in
 * every row.
 */
static bool
t3_total_column_absent(const GiarReport *r, const int *rows, int nrows)
{
	bool		parts = false;

	for (int i = 0; i < nrows; i++)
	{
		if (r->cells[GIAR_CELL_T3(rows[i], GIAR_T3_TOTAL)].present ||
			r->unreadable[GIAR_CELL_T3(rows[i], GIAR_T3_TOTAL)])
			return false;
		for (int c = 0; c < GIAR_T3_TOTAL; c++)
			if (r->cells[GIAR_CELL_T3(rows[i], c)].present &&
				r->cells[GIAR_CELL_T3(rows[i], c)].digits != 0)
				parts = true;
	}
	return parts;
}

/* Table 3's identities as printed in one format (2021: （六） in three rows). */
static void
make_t3_identities(IdentityList *list, bool single_other_row)
{
	int			rows[GIAR_T3_NROWS];
	int			nrows = t3_printed_rows(single_other_row, rows);
	int			outcome_first = 2;
	int			outcome_last = nrows - 3;	/* before （七）总计 and 四 */
	Identity   *id;

	/* the row sums first: check_identities skips them as one (see there) */
	for (int i = 0; i < nrows; i++)
	{
		id = identity_start(list, "T3_ROW_SUM", "table 3 row ",
							giar_dict_by_cell(GIAR_CELL_T3(rows[i], 0))->row_key, NULL);
		identity_term(list, id, true, GIAR_CELL_T3(rows[i], GIAR_T3_TOTAL));
		for (int c = 0; c < GIAR_T3_TOTAL; c++)
			identity_term(list, id, false, GIAR_CELL_T3(rows[i], c));
	}
	for (int c = 0; c < GIAR_T3_NCOLS; c++)
	{
		id = identity_start(list, "T3_OUTCOME_SUM", "table 3 column ",
							giar_t3_column_keys[c], ", （七）总计");
		identity_term(list, id, true, GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, c));
		for (int i = outcome_first; i <= outcome_last; i++)
			identity_term(list, id, false, GIAR_CELL_T3(rows[i], c));

		id = identity_start(list, "T3_BALANCE", "table 3 column ",
							giar_t3_column_keys[c], ", 一 + 二 against （七） + 四");
		identity_term(list, id, true, GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, c));
		identity_term(list, id, true, GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, c));
		identity_term(list, id, false, GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, c));
		identity_term(list, id, false, GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, c));
	}
}

static void
make_t4_identities(IdentityList *list)
{
	for (int g = 0; g < GIAR_T4_NGROUPS; g++)
	{
		Identity   *id = identity_start(list, "T4_GROUP_SUM", "table 4 group ",
										giar_t4_group_keys[g], NULL);

		identity_term(list, id, true, GIAR_CELL_T4(g, GIAR_T4_TOTAL));
		for (int o = 0; o < GIAR_T4_TOTAL; o++)
			identity_term(list, id, false, GIAR_CELL_T4(g, o));
	}
}

/* [0]: table 3 in the 2021 format, [1]: in the 2019 format; [2]: table 4 */
static IdentityList identity_lists[3];

void
giar_checks_prepare(void)
{
	static bool ready = false;

	if (ready)
		return;
	make_t3_identities(&identity_lists[0], false);
	make_t3_identities(&identity_lists[1], true);
	make_t4_identities(&identity_lists[2]);
	ready = true;
}

static void
check_identities(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	giar_checks_prepare();
	if (table_read(r, GIAR_TABLE_3))
	{
		bool		single = r->table_format[GIAR_TABLE_3] == GIAR_FORMAT_2019;
		const IdentityList *list = &identity_lists[single ? 1 : 0];
		int			rows[GIAR_T3_NROWS];
		int			nrows = t3_printed_rows(single, rows);
		bool		total_absent = t3_total_column_absent(r, rows, nrows);

		if (total_absent)
		{
			GiarFinding *f = add_finding(cx, out, "TOTAL_MISSING", true,
										 "table 3: the 总计 column is blank or not printed, so no row sum can be checked");
			int			cells[GIAR_T3_NROWS];

			for (int i = 0; i < nrows; i++)
				cells[i] = GIAR_CELL_T3(rows[i], GIAR_T3_TOTAL);
			set_cells(cx, f, cells, nrows);
		}
		/* the row sums are the first nrows identities of the list */
		for (int i = total_absent ? nrows : 0; i < list->n; i++)
			evaluate(cx, r, &list->ids[i], out);
	}
	if (table_read(r, GIAR_TABLE_4))
		for (int i = 0; i < identity_lists[2].n; i++)
			evaluate(cx, r, &identity_lists[2].ids[i], out);
}

/* ------------------------------------------------------------------ */
/* Single-report rules                                                 */
/* ------------------------------------------------------------------ */

static void
check_negative(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	for (int c = GIAR_CELL_T2_BASE; c < GIAR_CELL_N_BASE + GIAR_N_NCELLS; c++)
	{
		const GiarDictEntry *e;
		char		buf[48];
		GiarFinding *f;

		int64_t		v;

		/* a whole, non-negative value (most) breaks neither rule */
		if (!r->cells[c].present ||
			(r->cells[c].scale == 0 && r->cells[c].digits >= 0) ||
			(e = giar_dict_by_cell(c)) == NULL)
			continue;
		if ((e->kind == GIAR_KIND_COUNT || e->kind == GIAR_KIND_SIGNED) &&
			!whole_value(r->cells[c], &v))
		{
			giar_number_format(r->cells[c], buf, sizeof(buf));
			f = add_finding(cx, out, "CELL_INTEGER", true,
							"%s is %s, not a whole number", e->key, buf);
			f->actual = r->cells[c];
			set_cells(cx, f, &c, 1);
		}
		if (r->cells[c].digits >= 0 || e->kind == GIAR_KIND_SIGNED)
			continue;
		giar_number_format(r->cells[c], buf, sizeof(buf));
		f = add_finding(cx, out, "CELL_NEGATIVE", true, "%s is %s", e->key, buf);
		f->actual = r->cells[c];
		f->expected = whole(0);
		set_cells(cx, f, &c, 1);
	}
}

static const char *const part_names[] = {"", "一", "二", "三", "四", "五", "六"};
static const char *const table_names[] = {"二", "三", "四"};

static void
check_structure(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	char		missing[64] = "";
	size_t		used = 0;

	for (int k = 1; k <= 5; k++)
		if (!(r->parts_present & (1u << k)))
			used += (size_t) snprintf(missing + used, sizeof(missing) - used, "%s%s",
									  used ? "、" : "", part_names[k]);
	if (missing[0])
		add_finding(cx, out, "PARTS_PRESENT", true,
					"part(s) %s have no heading", missing);
	for (int t = 0; t < GIAR_NTABLES; t++)
		if (!table_read(r, t))
			add_finding(cx, out, "TABLE_READABLE", true, "table %s is %s",
						table_names[t],
						r->table_status[t] == GIAR_TABLE_MISSING ?
						"not in the text" :
						"not machine-readable (an image or attachment?)");
}

static void
check_years(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	if (r->title_year && r->period_year && r->title_year != r->period_year)
	{
		GiarFinding *f = add_finding(cx, out, "YEAR_CONSISTENT", true,
									 "the title says %d but the 统计期限 is %d",
									 r->title_year, r->period_year);
		const char *keys[] = {"meta.year"};

		f->expected = whole(r->title_year);
		f->actual = whole(r->period_year);
		set_keys(cx, f, keys, 1);
	}
	if (r->year > 0)
	{
		GiarFormat	want = r->year >= 2021 ? GIAR_FORMAT_2021 :
			r->year >= 2019 ? GIAR_FORMAT_2019 : GIAR_FORMAT_LEGACY;

		if (r->format != want && r->format != GIAR_FORMAT_UNKNOWN)
			add_finding(cx, out, "FORMAT_YEAR", true,
						"a report on %d in the %s format", r->year,
						giar_format_name(r->format));
		for (int t = 0; t < 2; t++)
			if (table_read(r, t) && r->table_format[t] != GIAR_FORMAT_UNKNOWN &&
				r->table_format[t] != want && want != GIAR_FORMAT_LEGACY &&
				r->table_format[t] != r->format)
				add_finding(cx, out, "FORMAT_YEAR", true,
							"table %s of a report on %d follows the %s format",
							table_names[t], r->year,
							giar_format_name(r->table_format[t]));
	}
}

/* Sum of table-3 column totals over rows [first, last]; false if any absent. */
static bool
t3_rows_total(const GiarReport *r, int first, int last, int64_t *sum)
{
	*sum = 0;
	for (int row = first; row <= last; row++)
	{
		int64_t		v;

		if (!whole_value(r->cells[GIAR_CELL_T3(row, GIAR_T3_TOTAL)], &v) ||
			__builtin_add_overflow(*sum, v, sum))
			return false;
	}
	return true;
}

/* The table's figure for a prose outcome: a row or a subtotal of rows. */
static bool
table_outcome(const GiarReport *r, GiarProseOutcome k, int64_t *value,
			  int *first, int *last)
{
	switch (k)
	{
		case GIAR_PROSE_DISCLOSED:
			*first = *last = GIAR_T3_DISCLOSED;
			break;
		case GIAR_PROSE_PARTIALLY_DISCLOSED:
			*first = *last = GIAR_T3_PARTIALLY_DISCLOSED;
			break;
		case GIAR_PROSE_WITHHELD:
			*first = GIAR_T3_WITHHELD_STATE_SECRET;
			*last = GIAR_T3_WITHHELD_ADMINISTRATIVE_QUERY;
			break;
		case GIAR_PROSE_UNAVAILABLE:
			*first = GIAR_T3_UNAVAILABLE_NOT_HELD;
			*last = GIAR_T3_UNAVAILABLE_STILL_UNCLEAR;
			break;
		case GIAR_PROSE_NOT_PROCESSED:
			*first = GIAR_T3_NOT_PROCESSED_COMPLAINT;
			*last = GIAR_T3_NOT_PROCESSED_CONFIRMATION;
			break;
		case GIAR_PROSE_OTHER_HANDLING:
			if (r->cells[GIAR_CELL_T3(GIAR_T3_OTHER_HANDLING, GIAR_T3_TOTAL)].present)
				*first = *last = GIAR_T3_OTHER_HANDLING;
			else
			{
				*first = GIAR_T3_OTHER_NO_CORRECTION;
				*last = GIAR_T3_OTHER_OTHER;
			}
			break;
		default:
			return false;
	}
	return t3_rows_total(r, *first, *last, value);
}

static const char *const outcome_names[GIAR_PROSE_NOUTCOMES] = {
	"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"
};

static void
compare_prose(GiarContext *cx, GiarFindings *out, const char *what,
			  GiarNumber prose, int64_t table, const int *cells, int ncells,
			  const char *prose_key)
{
	GiarFinding *f;

	if (same_value(prose, whole(table)))
		return;
	f = add_finding(cx, out, "NARRATIVE_TABLE", true,
					"%s: the prose says %lld, the table %lld", what,
					(long long) prose.digits, (long long) table);
	f->expected = whole(table);
	f->actual = prose;
	f->cells = giar_alloc(cx, sizeof(char *) * (size_t) (ncells + 1));
	if (prose_key)
		f->cells[f->ncells++] = prose_key;
	for (int i = 0; i < ncells; i++)
		f->cells[f->ncells++] = giar_dict_by_cell(cells[i])->key;
}

/* The fee quoted in the prose is what the fee table says was collected. */
static void
check_prose_fee(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	GiarNumber	prose = r->cells[GIAR_CELL_N(GIAR_N_PROCESSING_FEE_YUAN)];
	int			cell = GIAR_CELL_T6(GIAR_T6_FEE_COLLECTED_YUAN);
	GiarNumber	table = r->cells[cell];
	char		said[48],
				printed[48];
	GiarFinding *f;

	if (!prose.present || !table.present || same_value(prose, table))
		return;
	giar_number_format(prose, said, sizeof(said));
	giar_number_format(table, printed, sizeof(printed));
	f = add_finding(cx, out, "NARRATIVE_TABLE", true,
					"n.processing_fee_yuan: the prose says %s 元, the fee table %s 元 collected",
					said, printed);
	f->expected = table;
	f->actual = prose;
	f->cells = giar_alloc(cx, sizeof(char *) * 2);
	f->cells[f->ncells++] = giar_dict_by_cell(GIAR_CELL_N(GIAR_N_PROCESSING_FEE_YUAN))->key;
	f->cells[f->ncells++] = giar_dict_by_cell(cell)->key;
}

static void
check_narrative(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	static const struct
	{
		int			prose;
		int			table[2];
		int			ntable;
	}			pairs[] = {
		{GIAR_N_NEW_REQUESTS, {GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, GIAR_T3_TOTAL)}, 1},
		{GIAR_N_CARRIED_OVER, {GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, GIAR_T3_TOTAL)}, 1},
		{GIAR_N_TOTAL_HANDLED, {GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, GIAR_T3_TOTAL)}, 1},
		{GIAR_N_CARRIED_FORWARD, {GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, GIAR_T3_TOTAL)}, 1},
		{GIAR_N_REVIEW_TOTAL, {GIAR_CELL_T4(GIAR_T4_REVIEW, GIAR_T4_TOTAL)}, 1},
		{GIAR_N_LITIGATION_TOTAL, {GIAR_CELL_T4(GIAR_T4_LITIGATION_DIRECT, GIAR_T4_TOTAL),
		GIAR_CELL_T4(GIAR_T4_LITIGATION_AFTER_REVIEW, GIAR_T4_TOTAL)}, 2},
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
	{
		GiarNumber	prose = r->cells[GIAR_CELL_N(pairs[i].prose)];
		int64_t		table = 0;
		bool		stated = true;

		if (!prose.present)
			continue;
		for (int k = 0; k < pairs[i].ntable; k++)
		{
			int64_t		v;

			if (!whole_value(r->cells[pairs[i].table[k]], &v) ||
				__builtin_add_overflow(table, v, &table))
				stated = false;	/* blank, or no figure the prose can state */
		}
		if (!stated)
			continue;
		compare_prose(cx, out, giar_dict_by_cell(GIAR_CELL_N(pairs[i].prose))->key,
					  prose, table, pairs[i].table, pairs[i].ntable,
					  giar_dict_by_cell(GIAR_CELL_N(pairs[i].prose))->key);
	}
	check_prose_fee(cx, r, out);
	for (int k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
	{
		int64_t		table;
		int			first,
					last,
					cells[16],
					ncells = 0;
		char		what[64];

		if (!r->prose_outcomes[k].present ||
			!table_outcome(r, (GiarProseOutcome) k, &table, &first, &last))
			continue;
		for (int row = first; row <= last && ncells < 16; row++)
			cells[ncells++] = GIAR_CELL_T3(row, GIAR_T3_TOTAL);
		snprintf(what, sizeof(what), "outcome %s", outcome_names[k]);
		compare_prose(cx, out, what, r->prose_outcomes[k], table, cells, ncells, NULL);
	}
}

/* "X件，占Y%": Y is X over （七）总计, rounded (or cut) to the printed digits. */
static void
check_percentages(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	const GiarNumber *base = &r->cells[GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, GIAR_T3_TOTAL)];

	if (!base->present || base->digits <= 0)
		return;
	for (int i = 0; i < r->nshares; i++)
	{
		const GiarShare *s = &r->shares[i];
		int64_t		unit;
		int64_t		scaled_num;
		int64_t		rounded,
					cut,
					remainder;
		GiarFinding *f;
		char		printed[32],
					exact[32];
		GiarNumber	want;
		int			cells[1] = {GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, GIAR_T3_TOTAL)};

		/* percent × 10^scale = count × 100 × 10^scale / base */
		if (s->count < 0 || !power_of_ten(s->percent.scale, &unit) ||
			__builtin_mul_overflow(unit, 100, &unit) ||
			__builtin_mul_overflow(s->count, unit, &scaled_num))
			continue;
		cut = scaled_num / base->digits;
		remainder = scaled_num % base->digits;
		/* rounded half up, (2 × scaled + base) / (2 × base) without doubling */
		rounded = cut + (remainder >= base->digits - remainder);
		if (s->percent.digits == rounded || s->percent.digits == cut)
			continue;
		want.digits = rounded;
		want.scale = s->percent.scale;
		want.present = true;
		giar_number_format(s->percent, printed, sizeof(printed));
		giar_number_format(want, exact, sizeof(exact));
		f = add_finding(cx, out, "PERCENTAGE", true,
						"%s %lld件 printed as %s%% of %lld; %s%% by the table",
						outcome_names[s->outcome], (long long) s->count, printed,
						(long long) base->digits, exact);
		f->expected = want;
		f->actual = s->percent;
		set_cells(cx, f, cells, 1);
	}
}

/* ------------------------------------------------------------------ */
/* Deadlines and plausibility                                          */
/* ------------------------------------------------------------------ */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t		n = strlen(s),
				m = strlen(suffix);

	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

GiarAgencyKind
giar_agency_kind(const char *agency)
{
	if (agency == NULL || agency[0] == '\0')
		return GIAR_AGENCY_UNKNOWN;
	if (ends_with(agency, "街道办事处") || ends_with(agency, "街道") ||
		((ends_with(agency, "人民政府") || ends_with(agency, "政府")) &&
		 (strstr(agency, "镇人民政府") || strstr(agency, "乡人民政府") ||
		  ends_with(agency, "镇政府") || ends_with(agency, "乡政府"))))
		return GIAR_AGENCY_TOWNSHIP;
	if (ends_with(agency, "人民政府") || ends_with(agency, "政府"))
		return GIAR_AGENCY_GOVERNMENT;
	return GIAR_AGENCY_DEPARTMENT;
}

static int64_t
days_from_civil(int64_t y, int m, int d)
{
	/*
	 * days since 1970-01-01 (Howard Hinnant's algorithm), in int64: any
	 * int year a stored report holds, and the year after it
	 */
	int64_t		era;
	unsigned	yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned) (y - era * 400);
	doy = (unsigned) ((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t) doe - 719468;
}

static void
check_deadline(GiarContext *cx, const GiarReport *r, const GiarDeadlines *dl,
			   GiarFindings *out)
{
	GiarAgencyKind kind = giar_agency_kind(r->agency);
	int			month,
				day;
	int64_t		late;
	const char *kind_name;

	if (r->year <= 0 || r->published.year == 0)
		return;
	if (r->year < 2019)
	{
		/* the 2008 条例 (第三十二条): every body by 31 March */
		kind = GIAR_AGENCY_GOVERNMENT;
	}
	switch (kind)
	{
		case GIAR_AGENCY_DEPARTMENT:
			month = dl->department_month;
			day = dl->department_day;
			kind_name = "a department";
			break;
		case GIAR_AGENCY_GOVERNMENT:
			month = dl->government_month;
			day = dl->government_day;
			kind_name = r->year < 2019 ? "any body under the 2008 条例" : "a government";
			break;
		case GIAR_AGENCY_TOWNSHIP:
			month = dl->township_month;
			day = dl->township_day;
			kind_name = "a township or street";
			break;
		default:
			add_finding(cx, out, "DEADLINE", false,
						"not assessable: the kind of body is unknown");
			return;
	}
	late = days_from_civil(r->published.year, r->published.month, r->published.day) -
		days_from_civil((int64_t) r->year + 1, month, day);
	if (late > 0)
		add_finding(cx, out, "DEADLINE", true,
					"published %04d-%02d-%02d, %lld day%s after the deadline %04lld-%02d-%02d for %s",
					r->published.year, r->published.month, r->published.day,
					(long long) late, late == 1 ? "" : "s",
					(long long) r->year + 1, month, day, kind_name);
}

/*
 * Bodies without the power to make 规章: local departments, counties and
 * districts, townships.  The office (办公厅, 办公室) of a government reports
 * that government's 规章, so it counts as the government.
 */
static bool
lacks_rule_making_power(const char *agency)
{
	GiarAgencyKind kind = giar_agency_kind(agency);
	static const char *const places[] = {"省", "市", "县", "区", "州", "盟", "旗", NULL};
	const char *office = strstr(agency, "人民政府办公");

	if (office)
	{
		/* judge the government the office serves: "…市人民政府" */
		size_t		n = (size_t) (office - agency) + strlen("人民政府");
		char		government[256];

		if (n >= sizeof(government))
			return false;
		memcpy(government, agency, n);
		government[n] = '\0';
		return lacks_rule_making_power(government);
	}
	if (kind == GIAR_AGENCY_TOWNSHIP)
		return true;
	if (kind == GIAR_AGENCY_GOVERNMENT)
		return ends_with(agency, "县人民政府") || ends_with(agency, "区人民政府") ||
			ends_with(agency, "旗人民政府");
	if (kind == GIAR_AGENCY_DEPARTMENT)
	{
		/*
		 * A local government's department (not a ministry of the 国务院):
		 * its name carries a place.  Words that merely contain a place
		 * character (市场, 区域, 县域) do not count.
		 */
		for (int i = 0; places[i]; i++)
			for (const char *p = strstr(agency, places[i]); p; p = strstr(p + 1, places[i]))
			{
				const char *next = p + strlen(places[i]);

				if (strncmp(next, "场", strlen("场")) != 0 &&
					strncmp(next, "域", strlen("域")) != 0)
					return true;
			}
	}
	return false;
}

static void
check_plausibility(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	const GiarNumber *fresh = &r->cells[GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, GIAR_T3_TOTAL)];
	const GiarNumber *over = &r->cells[GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, GIAR_T3_TOTAL)];
	const GiarNumber *fwd = &r->cells[GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, GIAR_T3_TOTAL)];
	const GiarNumber *fee = &r->cells[GIAR_CELL_T2(GIAR_T2_ADMIN_FEES_AMOUNT_WAN)];
	const GiarNumber *unpaid = &r->cells[GIAR_CELL_T3(GIAR_T3_OTHER_FEE_UNPAID, GIAR_T3_TOTAL)];
	const GiarNumber *charged = &r->cells[GIAR_CELL_N(GIAR_N_PROCESSING_FEE_YUAN)];
	int64_t		requests;

	/* 一 + 二 beyond int64: no share of it is high */
	if (fresh->present && over->present && fwd->present &&
		!__builtin_add_overflow(fresh->digits, over->digits, &requests) &&
		fwd->digits >= CARRY_SHARE_MIN &&
		fwd->digits > CARRY_SHARE_LIMIT * (double) requests)
	{
		int			cells[3] = {
			GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, GIAR_T3_TOTAL),
			GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, GIAR_T3_TOTAL),
			GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, GIAR_T3_TOTAL)
		};
		GiarFinding *f = add_finding(cx, out, "CARRY_FORWARD_SHARE", true,
									 "%lld of %lld requests (%.0f%%) carried into next year",
									 (long long) fwd->digits, (long long) requests,
									 100.0 * (double) fwd->digits / (double) requests);

		f->actual = *fwd;
		set_cells(cx, f, cells, 3);
	}

	if (r->agency && lacks_rule_making_power(r->agency))
	{
		int			cells[3] = {
			GIAR_CELL_T2(GIAR_T2_REGULATIONS_ISSUED),
			GIAR_CELL_T2(GIAR_T2_REGULATIONS_REPEALED),
			GIAR_CELL_T2(GIAR_T2_REGULATIONS_IN_FORCE)
		};

		for (int i = 0; i < 3; i++)
			if (r->cells[cells[i]].present && r->cells[cells[i]].digits > 0)
			{
				GiarFinding *f = add_finding(cx, out, "REGULATION_SCOPE", true,
											 "%s states 规章 figures (%s = %lld) but has no rule-making power",
											 r->agency, giar_dict_by_cell(cells[i])->key,
											 (long long) r->cells[cells[i]].digits);

				f->actual = r->cells[cells[i]];
				set_cells(cx, f, cells, 3);
				break;
			}
	}

	if (fee->present && fee->digits >= 0)
	{
		int64_t		unit;

		if (power_of_ten(fee->scale, &unit) &&
			fee->digits / unit >= FEE_WAN_LIMIT && fee->digits % unit == 0)
		{
			int			cell = GIAR_CELL_T2(GIAR_T2_ADMIN_FEES_AMOUNT_WAN);
			GiarFinding *f = add_finding(cx, out, "FEE_UNIT", true,
										 "行政事业性收费 of %lld 万元 (over 1亿元, a whole number) looks like an amount in 元",
										 (long long) (fee->digits / unit));

			f->actual = *fee;
			set_cells(cx, f, &cell, 1);
		}
	}

	if (unpaid->present && unpaid->digits > 0 && charged->present && charged->digits == 0)
	{
		const char *keys[] = {"t3.other_fee_unpaid.total", "n.processing_fee_yuan"};
		GiarFinding *f = add_finding(cx, out, "FEE_ROW", true,
									 "%lld request%s closed for unpaid fees, but the prose says no fee was charged",
									 (long long) unpaid->digits, unpaid->digits == 1 ? "" : "s");

		f->actual = *unpaid;
		set_keys(cx, f, keys, 2);
	}
}

/*
 * Part 六's fee table: no more collected than notified; no notice, no
 * amount.  A blank cell leaves its rule unassessed.
 */
static void
check_fee_table(GiarContext *cx, const GiarReport *r, GiarFindings *out)
{
	int			notices_cell = GIAR_CELL_T6(GIAR_T6_FEE_NOTICES);
	int			notified_cell = GIAR_CELL_T6(GIAR_T6_FEE_NOTIFIED_YUAN);
	int			collected_cell = GIAR_CELL_T6(GIAR_T6_FEE_COLLECTED_YUAN);
	const GiarNumber *notices = &r->cells[notices_cell];
	const GiarNumber *notified = &r->cells[notified_cell];
	const GiarNumber *collected = &r->cells[collected_cell];
	char		a[48],
				b[48];
	int			order;

	if (notified->present && collected->present &&
		giar_number_compare(*collected, *notified, &order) && order > 0)
	{
		int			cells[2] = {notified_cell, collected_cell};
		GiarFinding *f;

		giar_number_format(*collected, a, sizeof(a));
		giar_number_format(*notified, b, sizeof(b));
		f = add_finding(cx, out, "FEE_COLLECTED", true,
						"%s 元 collected, more than the %s 元 notified", a, b);
		f->expected = *notified;
		f->actual = *collected;
		set_cells(cx, f, cells, 2);
	}
	if (notices->present && notices->digits == 0)
	{
		const GiarNumber *amounts[2] = {notified, collected};
		int			cells[2] = {notified_cell, collected_cell};

		for (int i = 0; i < 2; i++)
		{
			int			with_notices[2] = {notices_cell, cells[i]};
			GiarFinding *f;

			if (!amounts[i]->present || amounts[i]->digits == 0)
				continue;
			giar_number_format(*amounts[i], a, sizeof(a));
			f = add_finding(cx, out, "FEE_NOTICES", true,
							"no fee notice, but %s is %s 元",
							giar_dict_by_cell(cells[i])->key, a);
			f->expected = whole(0);
			f->actual = *amounts[i];
			set_cells(cx, f, with_notices, 2);
		}
	}
}

void
giar_report_check(GiarContext *cx, const GiarReport *r,
				  const GiarDeadlines *deadlines, GiarFindings *out)
{
	memset(out, 0, sizeof(*out));
	if (r->format == GIAR_FORMAT_UNKNOWN)
	{
		add_finding(cx, out, "REPORT_FORMAT", true,
					"the text is not recognised as an annual report (format unknown)");
		return;
	}
	check_identities(cx, r, out);
	check_negative(cx, r, out);
	if (r->format != GIAR_FORMAT_LEGACY)
		check_structure(cx, r, out);
	check_years(cx, r, out);
	check_fee_table(cx, r, out);
	check_narrative(cx, r, out);
	check_percentages(cx, r, out);
	check_deadline(cx, r, deadlines ? deadlines : &giar_default_deadlines, out);
	check_plausibility(cx, r, out);
}

/* ------------------------------------------------------------------ */
/* Across years                                                        */
/* ------------------------------------------------------------------ */

double
giar_fingerprint_similarity(const uint32_t *a, const uint32_t *b)
{
	int			both = 0,
				equal = 0;

	for (int i = 0; i < GIAR_FINGERPRINT_SIZE; i++)
	{
		if (a[i] == UINT32_MAX && b[i] == UINT32_MAX)
			continue;
		both++;
		if (a[i] == b[i])
			equal++;
	}
	return both ? (double) equal / both : 0.0;
}

/*
 * cur against what last year's report gives (expected); not_assessable:
 * NULL, or why the two cannot be compared.
 */
static void
compare_cells(GiarContext *cx, GiarFindings *out, const char *rule_id,
			  const char *what, int cur_cell, GiarNumber cur, int prev_cell,
			  GiarNumber expected, const char *not_assessable)
{
	int			cells[2] = {cur_cell, prev_cell};
	GiarFinding *f;

	if (not_assessable == NULL && same_value(cur, expected))
		return;
	if (not_assessable == NULL)
	{
		char		got[32],
					want[32];

		giar_number_format(cur, got, sizeof(got));
		giar_number_format(expected, want, sizeof(want));
		f = add_finding(cx, out, rule_id, true, "%s: %s this year, %s from last year",
						what, got, want);
		f->actual = cur;
		f->expected = expected;
	}
	else
		f = add_finding(cx, out, rule_id, false, "%s: not assessable, %s", what,
						not_assessable);
	/* a key of both reports is named once */
	set_cells(cx, f, cells, cur_cell == prev_cell ? 1 : 2);
}

void
giar_sequence_check(GiarContext *cx, const GiarReport *prev, const GiarReport *cur,
					GiarFindings *out)
{
	memset(out, 0, sizeof(*out));
	if (prev->year <= 0 || cur->year <= 0 || cur->year - prev->year != 1)
	{
		add_finding(cx, out, "SEQ_YEARS", false,
					"not assessable: the reports are on %d and %d, not consecutive years",
					prev->year, cur->year);
		return;
	}
	if (prev->agency && cur->agency && strcmp(prev->agency, cur->agency) != 0)
		add_finding(cx, out, "SEQ_YEARS", true,
					"the agencies differ (%s, then %s); compared all the same",
					prev->agency, cur->agency);

	/* 上年结转(t) = 结转下年度(t-1), per column */
	if (table_read(prev, GIAR_TABLE_3) && table_read(cur, GIAR_TABLE_3))
		for (int c = 0; c < GIAR_T3_NCOLS; c++)
		{
			int			cc = GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, c);
			int			pc = GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, c);
			char		what[80];

			if (!cur->cells[cc].present && !prev->cells[pc].present)
				continue;
			snprintf(what, sizeof(what), "上年结转 %s", giar_t3_column_keys[c]);
			compare_cells(cx, out, "SEQ_CARRY", what, cc, cur->cells[cc], pc,
						  prev->cells[pc],
						  cur->cells[cc].present && prev->cells[pc].present ?
						  NULL : "a cell is blank");
		}

	/* 现行有效(t) ≈ 现行有效(t-1) + 制发(t) - 废止(t): the residual */
	{
		static const int docs[2][3] = {
			{GIAR_T2_REGULATIONS_IN_FORCE, GIAR_T2_REGULATIONS_ISSUED, GIAR_T2_REGULATIONS_REPEALED},
			{GIAR_T2_NORMATIVE_IN_FORCE, GIAR_T2_NORMATIVE_ISSUED, GIAR_T2_NORMATIVE_REPEALED},
		};

		for (int d = 0; d < 2; d++)
		{
			const GiarNumber *now = &cur->cells[GIAR_CELL_T2(docs[d][0])];
			const GiarNumber *before = &prev->cells[GIAR_CELL_T2(docs[d][0])];
			const GiarNumber *issued = &cur->cells[GIAR_CELL_T2(docs[d][1])];
			const GiarNumber *repealed = &cur->cells[GIAR_CELL_T2(docs[d][2])];
			int64_t		want;
			GiarFinding *f;
			int			cells[4] = {GIAR_CELL_T2(docs[d][0]), GIAR_CELL_T2(docs[d][1]),
			GIAR_CELL_T2(docs[d][2]), GIAR_CELL_T2(docs[d][0])};
			const char *row_key = giar_dict_by_cell(GIAR_CELL_T2(docs[d][0]))->row_key;
			char		residual[32];

			if (!now->present || !before->present || !issued->present || !repealed->present)
				continue;
			if (__builtin_add_overflow(before->digits, issued->digits, &want) ||
				__builtin_sub_overflow(want, repealed->digits, &want))
			{
				f = add_finding(cx, out, "SEQ_IN_FORCE", false,
								"%s: not assessable, last year's %lld + %lld issued - %lld repealed is " BEYOND_RANGE,
								row_key, (long long) before->digits,
								(long long) issued->digits, (long long) repealed->digits);
				set_cells(cx, f, cells, 4);
				continue;
			}
			if (want == now->digits)
				continue;
			format_difference(now->digits, want, residual, sizeof(residual));
			f = add_finding(cx, out, "SEQ_IN_FORCE", true,
							"%s: %lld in force, %lld expected from last year's %lld + %lld issued - %lld repealed (residual %s)",
							row_key, (long long) now->digits, (long long) want,
							(long long) before->digits, (long long) issued->digits,
							(long long) repealed->digits, residual);
			f->actual = *now;
			f->expected = whole(want);
			set_cells(cx, f, cells, 4);
		}
	}

	/* 2019 format: 上一年项目数量(t) = 上一年项目数量(t-1) + 本年增/减(t-1) */
	if (prev->table_format[GIAR_TABLE_2] == GIAR_FORMAT_2019 &&
		cur->table_format[GIAR_TABLE_2] == GIAR_FORMAT_2019)
	{
		static const int items[][2] = {
			{GIAR_T2_LICENSING_ITEMS_PRIOR_YEAR, GIAR_T2_LICENSING_ITEMS_CHANGE},
			{GIAR_T2_OTHER_SERVICES_ITEMS_PRIOR_YEAR, GIAR_T2_OTHER_SERVICES_ITEMS_CHANGE},
			{GIAR_T2_PENALTIES_ITEMS_PRIOR_YEAR, GIAR_T2_PENALTIES_ITEMS_CHANGE},
			{GIAR_T2_COERCIVE_ITEMS_PRIOR_YEAR, GIAR_T2_COERCIVE_ITEMS_CHANGE},
			{GIAR_T2_ADMIN_FEES_ITEMS_PRIOR_YEAR, GIAR_T2_ADMIN_FEES_ITEMS_CHANGE},
		};

		for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		{
			int			cc = GIAR_CELL_T2(items[i][0]);
			const GiarNumber *p = &prev->cells[GIAR_CELL_T2(items[i][0])];
			const GiarNumber *ch = &prev->cells[GIAR_CELL_T2(items[i][1])];
			int64_t		want = 0;
			const char *not_assessable = NULL;

			if (!cur->cells[cc].present && !p->present)
				continue;
			if (!cur->cells[cc].present || !p->present || !ch->present)
				not_assessable = "a cell is blank";
			else if (__builtin_add_overflow(p->digits, ch->digits, &want))
				not_assessable = "last year's count plus its change is " BEYOND_RANGE;
			compare_cells(cx, out, "SEQ_ITEMS",
						  giar_dict_by_cell(cc)->row_key, cc, cur->cells[cc],
						  GIAR_CELL_T2(items[i][1]), whole(want), not_assessable);
		}
	}

	/* 内容雷同: identical tables, near-identical prose */
	{
		int			compared = 0,
					differ = 0,
					nonzero = 0;

		for (int c = GIAR_CELL_T2_BASE; c < GIAR_CELL_N_BASE; c++)
		{
			if (!cur->cells[c].present || !prev->cells[c].present)
				continue;
			compared++;
			if (!same_value(cur->cells[c], prev->cells[c]))
				differ++;
			if (cur->cells[c].digits != 0)
				nonzero++;
		}
		if (compared >= IDENTICAL_TABLES_MIN && differ == 0 && nonzero > 0)
			add_finding(cx, out, "SEQ_IDENTICAL_TABLES", true,
						"all %d table cells stated in both reports are the same",
						compared);
	}
	if (prev->has_fingerprint && cur->has_fingerprint)
	{
		double		sim = giar_fingerprint_similarity(prev->fingerprint, cur->fingerprint);

		if (sim >= SIMILAR_TEXT_LIMIT)
		{
			GiarFinding *f = add_finding(cx, out, "SEQ_SIMILAR_TEXT", true,
										 "the prose is %.0f%% similar to last year's",
										 100.0 * sim);

			f->actual.digits = (int64_t) (sim * 100.0 + 0.5);
			f->actual.present = true;
		}
	}
}
