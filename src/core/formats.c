/*
 * formats.c
 *		Tables 2 and 3 of the 2021 format (国办公开办函〔2021〕30号) and the
 *		2019 trial format (国办公开办函〔2019〕60号), as data.
 *
 * Keywords are matched against labels reduced to Han characters, letters
 * and digits ("（二）部分公开（区分处理的…）" → "二部分公开区分处理的…"),
 * so punctuation, spacing and ordinal styles do not matter.  Each keyword
 * must be specific to its row: rows are matched in printed order, and a
 * label may only match a row after the last row matched.  Variants seen in
 * real reports (typos, Taiwan phrasing, shortened labels) are listed as
 * further keywords.
 */
#include "formats.h"

#define END (-1)
#define KW(...) ((const char *const[]) {__VA_ARGS__, NULL})
#define NONE NULL

#define T2CELL(c) GIAR_CELL_T2(c)

#define T3CELLS(r) \
	{ GIAR_CELL_T3(r, 0), GIAR_CELL_T3(r, 1), GIAR_CELL_T3(r, 2), \
	  GIAR_CELL_T3(r, 3), GIAR_CELL_T3(r, 4), GIAR_CELL_T3(r, 5), \
	  GIAR_CELL_T3(r, 6), END }

#define T3ROWSPEC(r, kws, exact, flags) \
	{ NULL, kws, exact, flags, T3CELLS(r), T3CELLS(r) }

static const GiarRowSpec table2_rows[] = {
	{"regulations", KW("规章"), NONE, 0,
		{T2CELL(GIAR_T2_REGULATIONS_ISSUED), T2CELL(GIAR_T2_REGULATIONS_REPEALED),
		 T2CELL(GIAR_T2_REGULATIONS_IN_FORCE), END},
		{T2CELL(GIAR_T2_REGULATIONS_MADE), T2CELL(GIAR_T2_REGULATIONS_PUBLISHED),
		 T2CELL(GIAR_T2_REGULATIONS_TOTAL_PUBLISHED), END}},
	{"normative_documents", KW("规范性文件", "规范性档案", "规范文件"), NONE, 0,
		{T2CELL(GIAR_T2_NORMATIVE_ISSUED), T2CELL(GIAR_T2_NORMATIVE_REPEALED),
		 T2CELL(GIAR_T2_NORMATIVE_IN_FORCE), END},
		{T2CELL(GIAR_T2_NORMATIVE_MADE), T2CELL(GIAR_T2_NORMATIVE_PUBLISHED),
		 T2CELL(GIAR_T2_NORMATIVE_TOTAL_PUBLISHED), END}},
	{"licensing", KW("行政许可"), NONE, 0,
		{T2CELL(GIAR_T2_LICENSING_DECISIONS), END},
		{T2CELL(GIAR_T2_LICENSING_ITEMS_PRIOR_YEAR),
		 T2CELL(GIAR_T2_LICENSING_ITEMS_CHANGE),
		 T2CELL(GIAR_T2_LICENSING_DECISIONS), END}},
	{"other_services", KW("对外管理服务"), NONE, 0,
		{END},
		{T2CELL(GIAR_T2_OTHER_SERVICES_ITEMS_PRIOR_YEAR),
		 T2CELL(GIAR_T2_OTHER_SERVICES_ITEMS_CHANGE),
		 T2CELL(GIAR_T2_OTHER_SERVICES_DECISIONS), END}},
	{"penalties", KW("行政处罚"), NONE, 0,
		{T2CELL(GIAR_T2_PENALTIES_DECISIONS), END},
		{T2CELL(GIAR_T2_PENALTIES_ITEMS_PRIOR_YEAR),
		 T2CELL(GIAR_T2_PENALTIES_ITEMS_CHANGE),
		 T2CELL(GIAR_T2_PENALTIES_DECISIONS), END}},
	{"coercive_measures", KW("行政强制"), NONE, 0,
		{T2CELL(GIAR_T2_COERCIVE_DECISIONS), END},
		{T2CELL(GIAR_T2_COERCIVE_ITEMS_PRIOR_YEAR),
		 T2CELL(GIAR_T2_COERCIVE_ITEMS_CHANGE),
		 T2CELL(GIAR_T2_COERCIVE_DECISIONS), END}},
	{"admin_fees", KW("事业性收费", "事业型收费", "行政事业收费", "事业收费",
					  "行政性收费"), NONE, 0,
		{T2CELL(GIAR_T2_ADMIN_FEES_AMOUNT_WAN), END},
		{T2CELL(GIAR_T2_ADMIN_FEES_ITEMS_PRIOR_YEAR),
		 T2CELL(GIAR_T2_ADMIN_FEES_ITEMS_CHANGE), END}},
	{"procurement", KW("集中采购", "政府采购"), NONE, 0,
		{END},
		{T2CELL(GIAR_T2_PROCUREMENT_ITEMS), T2CELL(GIAR_T2_PROCUREMENT_AMOUNT), END}},
};

/*
 * Table 3.  The 2019 format's single （六）其他处理 row sits where the 2021
 * format's group label does: with values it is the row, without it is the
 * label of the three sub-rows that follow.
 */
static const GiarRowSpec table3_rows[] = {
	T3ROWSPEC(GIAR_T3_NEW_REQUESTS,
			  KW("本年新收", "本年度新收", "新收政府信息", "新收申请", "本年收到"),
			  NONE, 0),
	T3ROWSPEC(GIAR_T3_CARRIED_OVER,
			  KW("上年结转", "上年度结转", "上一年结转", "上一年度结转", "上年末结转"),
			  NONE, 0),
	T3ROWSPEC(GIAR_T3_DISCLOSED, KW("予以公开"), NONE, 0),
	T3ROWSPEC(GIAR_T3_PARTIALLY_DISCLOSED, KW("部分公开"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_STATE_SECRET, KW("国家秘密"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_PROHIBITED_BY_LAW,
			  KW("禁止公开", "法律行政法规", "行政法规禁止", "行政止公开", "其他法律行政"),
			  NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_SECURITY_STABILITY,
			  KW("三安全一稳定", "三安全", "一稳定"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_THIRD_PARTY_RIGHTS,
			  KW("第三方合法权益", "第三方"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_INTERNAL_AFFAIRS, KW("内部事务"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_DELIBERATIVE_PROCESS,
			  KW("过程性信息", "过程性"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_ENFORCEMENT_CASE_FILE,
			  KW("执法案卷"), NONE, 0),
	T3ROWSPEC(GIAR_T3_WITHHELD_ADMINISTRATIVE_QUERY,
			  KW("行政查询", "查询事项"), NONE, 0),
	T3ROWSPEC(GIAR_T3_UNAVAILABLE_NOT_HELD,
			  KW("不掌握"), NONE, 0),
	T3ROWSPEC(GIAR_T3_UNAVAILABLE_NEEDS_CREATION,
			  KW("另行制作", "没有现成"), NONE, 0),
	T3ROWSPEC(GIAR_T3_UNAVAILABLE_STILL_UNCLEAR,
			  KW("仍不明确", "补正后申请"), NONE, 0),
	T3ROWSPEC(GIAR_T3_NOT_PROCESSED_COMPLAINT,
			  KW("信访", "举报投诉"), NONE, 0),
	T3ROWSPEC(GIAR_T3_NOT_PROCESSED_DUPLICATE, KW("重复申请"), NONE, 0),
	T3ROWSPEC(GIAR_T3_NOT_PROCESSED_PUBLICATION,
			  KW("出版物", "公开出版"), NONE, 0),
	T3ROWSPEC(GIAR_T3_NOT_PROCESSED_EXCESSIVE,
			  KW("大量反复", "无正当理由大量"), NONE, 0),
	T3ROWSPEC(GIAR_T3_NOT_PROCESSED_CONFIRMATION,
			  KW("确认或重新", "重新出具", "已获取信息", "已获取的信息",
				 "要求行政机关确认"), NONE, 0),
	T3ROWSPEC(GIAR_T3_OTHER_HANDLING, KW("其他处理", "其它处理"), NONE,
			  GIAR_ROW_MAY_BE_GROUP),
	T3ROWSPEC(GIAR_T3_OTHER_NO_CORRECTION,
			  KW("逾期不补正", "不补正", "无正当理由逾期"), NONE, 0),
	T3ROWSPEC(GIAR_T3_OTHER_FEE_UNPAID,
			  KW("缴纳费用", "收费通知", "逾期未按", "未按收费"), NONE, 0),
	T3ROWSPEC(GIAR_T3_OTHER_OTHER, NONE, KW("3其他", "3其它", "其他", "其它"), 0),
	T3ROWSPEC(GIAR_T3_TOTAL_HANDLED, KW("七总计", "七合计"), KW("总计", "合计"), 0),
	T3ROWSPEC(GIAR_T3_CARRIED_FORWARD,
			  KW("结转下年", "结转至下年", "结转到下年", "下年度继续办理",
				 "继续办理"), NONE, 0),
};

/*
 * Table 2's rows have keywords no other row shares, so they are matched in
 * any order (reports print 行政规范性文件 before 规章); table 3's are not.
 */
const GiarTableSpec giar_table2_spec = {
	"table 2", table2_rows, sizeof(table2_rows) / sizeof(table2_rows[0]), true,
	KW("制发件数", "废止件数", "现行有效", "本年收费金额"),
	KW("新制作数量", "新公开数量", "对外公开总数", "上一年项目数", "本年增减",
	   "采购项目数", "采购总金额"),
	KW("信息内容", "第二十条", "本年制发件数", "本年废止件数", "现行有效件数",
	   "本年处理决定数量", "本年收费金额", "处理决定数量", "上一年项目数量",
	   "本年增减", "新制作数量", "新公开数量", "对外公开总数量", "采购项目数量",
	   "采购总金额")
};

const GiarTableSpec giar_table3_spec = {
	"table 3", table3_rows, sizeof(table3_rows) / sizeof(table3_rows[0]), false,
	NULL, NULL, NULL
};

const char *const giar_t2_anchor_labels[] = {
	"第二十条", "信息内容", NULL
};

const char *const giar_t3_anchor_labels[] = {
	"勾稽关系", "申请人情况", NULL
};

const char *const giar_t4_anchor_labels[] = {
	"行政复议", "行政法复议", NULL
};

const char *const giar_t4_header_labels[] = {
	"结果维持", "结果纠正", "其他结果", "尚未审结", "维持", "纠正", "审结",
	"直接起诉", "复议后起诉", NULL
};

const GiarFeeTableSpec giar_fee_table_spec = {
	KW("信息处理费收取情况", "信息处理费收费情况", "收取信息处理费情况",
	   "信息处理费"),
	{
		{GIAR_T6_FEE_NOTICES,
		KW("通知收取件数", "通知收费件数", "收费通知件数", "发出收费通知件数")},
		{GIAR_T6_FEE_NOTIFIED_YUAN,
		KW("通知收取金额", "通知收费金额", "收费通知金额")},
		{GIAR_T6_FEE_COLLECTED_YUAN,
		KW("实际收取金额", "实际收费金额", "实收金额")},
	},
	KW("(元)", "(件)", "(单位:元)", "元", "件"),
	2,
	KW("信息处理费", "金额")
};

const int *
giar_row_cells(const GiarRowSpec *row, GiarFormat format)
{
	return format == GIAR_FORMAT_2019 ? row->cells_2019 : row->cells_2021;
}

int
giar_row_ncells(const GiarRowSpec *row, GiarFormat format)
{
	const int  *cells = giar_row_cells(row, format);
	int			n = 0;

	while (n < 8 && cells[n] != END)
		n++;
	return n;
}
