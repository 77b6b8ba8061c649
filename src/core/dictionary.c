/*
 * dictionary.c
 *		The data dictionary as a static table.
 *
 * One entry per canonical key.  The composite type giar.report mirrors the
 * "field" paths; the SQL table giar.dictionary is filled from this array at
 * CREATE EXTENSION time, so the two cannot drift apart.
 */
#include <stdlib.h>
#include <string.h>

#include "dictionary.h"

#define NO_DERIVED -1, -1

#define META(key, field, label, kind) \
	{ "meta." key, "meta", key, NULL, label, NULL, NULL, kind, GIAR_IN_BOTH, \
	  field, -1, NO_DERIVED }

#define T2(row, col, cellid, rowlabel, collabel, unit, kind, formats) \
	{ "t2." row "." col, "t2", row, col, rowlabel, collabel, unit, kind, \
	  formats, "t2." row "." col, GIAR_CELL_T2(cellid), NO_DERIVED }

#define T3C(row, rowid, rowlabel, col, colid, collabel, formats) \
	{ "t3." row "." col, "t3", row, col, rowlabel, collabel, "件", \
	  GIAR_KIND_COUNT, formats, "t3." row "." col, \
	  GIAR_CELL_T3(rowid, colid), NO_DERIVED }

#define T3ROW(row, rowid, rowlabel, formats) \
	T3C(row, rowid, rowlabel, "natural_person", GIAR_T3_NATURAL_PERSON, "自然人", formats), \
	T3C(row, rowid, rowlabel, "commercial_enterprise", GIAR_T3_COMMERCIAL_ENTERPRISE, "法人或其他组织／商业企业", formats), \
	T3C(row, rowid, rowlabel, "research_institution", GIAR_T3_RESEARCH_INSTITUTION, "法人或其他组织／科研机构", formats), \
	T3C(row, rowid, rowlabel, "social_welfare_org", GIAR_T3_SOCIAL_WELFARE_ORG, "法人或其他组织／社会公益组织", formats), \
	T3C(row, rowid, rowlabel, "legal_service_org", GIAR_T3_LEGAL_SERVICE_ORG, "法人或其他组织／法律服务机构", formats), \
	T3C(row, rowid, rowlabel, "other_org", GIAR_T3_OTHER_ORG, "法人或其他组织／其他", formats), \
	T3C(row, rowid, rowlabel, "total", GIAR_T3_TOTAL, "总计", formats)

/* A subtotal row computed from rows first..last (never read from text). */
#define T3D(row, rowlabel, col, collabel, first, last) \
	{ "t3." row "." col, "t3", row, col, rowlabel, collabel, "件", \
	  GIAR_KIND_COUNT, GIAR_IN_BOTH, NULL, -1, first, last }

#define T3DROW(row, rowlabel, first, last) \
	T3D(row, rowlabel, "natural_person", "自然人", first, last), \
	T3D(row, rowlabel, "commercial_enterprise", "法人或其他组织／商业企业", first, last), \
	T3D(row, rowlabel, "research_institution", "法人或其他组织／科研机构", first, last), \
	T3D(row, rowlabel, "social_welfare_org", "法人或其他组织／社会公益组织", first, last), \
	T3D(row, rowlabel, "legal_service_org", "法人或其他组织／法律服务机构", first, last), \
	T3D(row, rowlabel, "other_org", "法人或其他组织／其他", first, last), \
	T3D(row, rowlabel, "total", "总计", first, last)

/* （六）其他处理: read directly (2019 format) or derived from rows 21-23. */
#define T3OH(col, colid, collabel) \
	{ "t3.other_handling." col, "t3", "other_handling", col, "（六）其他处理", \
	  collabel, "件", GIAR_KIND_COUNT, GIAR_IN_BOTH, \
	  "t3.other_handling." col, GIAR_CELL_T3(GIAR_T3_OTHER_HANDLING, colid), \
	  GIAR_T3_OTHER_NO_CORRECTION, GIAR_T3_OTHER_OTHER }

#define T4C(group, groupid, grouplabel, out, outid, outlabel) \
	{ "t4." group "." out, "t4", group, out, grouplabel, outlabel, "件", \
	  GIAR_KIND_COUNT, GIAR_IN_BOTH, "t4." group "." out, \
	  GIAR_CELL_T4(groupid, outid), NO_DERIVED }

#define T4GROUP(group, groupid, grouplabel) \
	T4C(group, groupid, grouplabel, "upheld", GIAR_T4_UPHELD, "结果维持"), \
	T4C(group, groupid, grouplabel, "corrected", GIAR_T4_CORRECTED, "结果纠正"), \
	T4C(group, groupid, grouplabel, "other", GIAR_T4_OTHER, "其他结果"), \
	T4C(group, groupid, grouplabel, "pending", GIAR_T4_PENDING, "尚未审结"), \
	T4C(group, groupid, grouplabel, "total", GIAR_T4_TOTAL, "总计")

#define T6C(col, cellid, collabel, unit, kind) \
	{ "t6.processing_fee." col, "t6", "processing_fee", col, "信息处理费", \
	  collabel, unit, kind, GIAR_IN_2021, "t6.processing_fee." col, \
	  GIAR_CELL_T6(cellid), NO_DERIVED }

#define NARR(key, field, cellid, label, unit, kind) \
	{ "n." key, "n", key, NULL, label, NULL, unit, kind, GIAR_IN_BOTH, \
	  "narrative." field, GIAR_CELL_N(cellid), NO_DERIVED }

#define DOCS2021(row, rowlabel, base) \
	T2(row, "issued", base##_ISSUED, rowlabel, "本年制发件数", "件", GIAR_KIND_COUNT, GIAR_IN_2021), \
	T2(row, "repealed", base##_REPEALED, rowlabel, "本年废止件数", "件", GIAR_KIND_COUNT, GIAR_IN_2021), \
	T2(row, "in_force", base##_IN_FORCE, rowlabel, "现行有效件数", "件", GIAR_KIND_COUNT, GIAR_IN_2021)

#define DOCS2019(row, rowlabel, base) \
	T2(row, "made", base##_MADE, rowlabel, "本年新制作数量", "件", GIAR_KIND_COUNT, GIAR_IN_2019), \
	T2(row, "published", base##_PUBLISHED, rowlabel, "本年新公开数量", "件", GIAR_KIND_COUNT, GIAR_IN_2019), \
	T2(row, "total_published", base##_TOTAL_PUBLISHED, rowlabel, "对外公开总数量", "件", GIAR_KIND_COUNT, GIAR_IN_2019)

#define ITEMS2019(row, rowlabel, base) \
	T2(row, "items_prior_year", base##_ITEMS_PRIOR_YEAR, rowlabel, "上一年项目数量", "项", GIAR_KIND_COUNT, GIAR_IN_2019), \
	T2(row, "items_change", base##_ITEMS_CHANGE, rowlabel, "本年增/减", "项", GIAR_KIND_SIGNED, GIAR_IN_2019)

const GiarDictEntry giar_dictionary[] = {
	META("year", "year", "统计年度", GIAR_KIND_YEAR),
	META("format", "format", "报告格式", GIAR_KIND_TEXT),
	META("agency", "agency", "发布机关", GIAR_KIND_TEXT),
	META("published", "published", "发布日期", GIAR_KIND_DATE),

	/* Table 2, 2021 format */
	DOCS2021("regulations", "规章", GIAR_T2_REGULATIONS),
	DOCS2021("normative_documents", "行政规范性文件", GIAR_T2_NORMATIVE),
	T2("licensing", "decisions", GIAR_T2_LICENSING_DECISIONS, "行政许可",
	   "本年处理决定数量", "件", GIAR_KIND_COUNT, GIAR_IN_BOTH),
	T2("penalties", "decisions", GIAR_T2_PENALTIES_DECISIONS, "行政处罚",
	   "本年处理决定数量", "件", GIAR_KIND_COUNT, GIAR_IN_BOTH),
	T2("coercive_measures", "decisions", GIAR_T2_COERCIVE_DECISIONS, "行政强制",
	   "本年处理决定数量", "件", GIAR_KIND_COUNT, GIAR_IN_BOTH),
	T2("admin_fees", "amount_wan", GIAR_T2_ADMIN_FEES_AMOUNT_WAN, "行政事业性收费",
	   "本年收费金额（单位：万元）", "万元", GIAR_KIND_AMOUNT, GIAR_IN_2021),

	/* Table 2, 2019 trial format */
	DOCS2019("regulations", "规章", GIAR_T2_REGULATIONS),
	DOCS2019("normative_documents", "规范性文件", GIAR_T2_NORMATIVE),
	ITEMS2019("licensing", "行政许可", GIAR_T2_LICENSING),
	ITEMS2019("other_services", "其他对外管理服务事项", GIAR_T2_OTHER_SERVICES),
	T2("other_services", "decisions", GIAR_T2_OTHER_SERVICES_DECISIONS,
	   "其他对外管理服务事项", "处理决定数量", "件", GIAR_KIND_COUNT, GIAR_IN_2019),
	ITEMS2019("penalties", "行政处罚", GIAR_T2_PENALTIES),
	ITEMS2019("coercive_measures", "行政强制", GIAR_T2_COERCIVE),
	ITEMS2019("admin_fees", "行政事业性收费", GIAR_T2_ADMIN_FEES),
	T2("procurement", "items", GIAR_T2_PROCUREMENT_ITEMS, "政府集中采购",
	   "采购项目数量", "项", GIAR_KIND_COUNT, GIAR_IN_2019),
	T2("procurement", "amount", GIAR_T2_PROCUREMENT_AMOUNT, "政府集中采购",
	   "采购总金额", NULL, GIAR_KIND_AMOUNT, GIAR_IN_2019),

	/* Table 3 */
	T3ROW("new_requests", GIAR_T3_NEW_REQUESTS,
		  "一、本年新收政府信息公开申请数量", GIAR_IN_BOTH),
	T3ROW("carried_over", GIAR_T3_CARRIED_OVER,
		  "二、上年结转政府信息公开申请数量", GIAR_IN_BOTH),
	T3ROW("disclosed", GIAR_T3_DISCLOSED,
		  "三、本年度办理结果／（一）予以公开", GIAR_IN_BOTH),
	T3ROW("partially_disclosed", GIAR_T3_PARTIALLY_DISCLOSED,
		  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", GIAR_IN_BOTH),
	T3ROW("withheld_state_secret", GIAR_T3_WITHHELD_STATE_SECRET,
		  "（三）不予公开／1.属于国家秘密", GIAR_IN_BOTH),
	T3ROW("withheld_prohibited_by_law", GIAR_T3_WITHHELD_PROHIBITED_BY_LAW,
		  "（三）不予公开／2.其他法律行政法规禁止公开", GIAR_IN_BOTH),
	T3ROW("withheld_security_stability", GIAR_T3_WITHHELD_SECURITY_STABILITY,
		  "（三）不予公开／3.危及“三安全一稳定”", GIAR_IN_BOTH),
	T3ROW("withheld_third_party_rights", GIAR_T3_WITHHELD_THIRD_PARTY_RIGHTS,
		  "（三）不予公开／4.保护第三方合法权益", GIAR_IN_BOTH),
	T3ROW("withheld_internal_affairs", GIAR_T3_WITHHELD_INTERNAL_AFFAIRS,
		  "（三）不予公开／5.属于三类内部事务信息", GIAR_IN_BOTH),
	T3ROW("withheld_deliberative_process", GIAR_T3_WITHHELD_DELIBERATIVE_PROCESS,
		  "（三）不予公开／6.属于四类过程性信息", GIAR_IN_BOTH),
	T3ROW("withheld_enforcement_case_file", GIAR_T3_WITHHELD_ENFORCEMENT_CASE_FILE,
		  "（三）不予公开／7.属于行政执法案卷", GIAR_IN_BOTH),
	T3ROW("withheld_administrative_query", GIAR_T3_WITHHELD_ADMINISTRATIVE_QUERY,
		  "（三）不予公开／8.属于行政查询事项", GIAR_IN_BOTH),
	T3ROW("unavailable_not_held", GIAR_T3_UNAVAILABLE_NOT_HELD,
		  "（四）无法提供／1.本机关不掌握相关政府信息", GIAR_IN_BOTH),
	T3ROW("unavailable_needs_creation", GIAR_T3_UNAVAILABLE_NEEDS_CREATION,
		  "（四）无法提供／2.没有现成信息需要另行制作", GIAR_IN_BOTH),
	T3ROW("unavailable_still_unclear", GIAR_T3_UNAVAILABLE_STILL_UNCLEAR,
		  "（四）无法提供／3.补正后申请内容仍不明确", GIAR_IN_BOTH),
	T3ROW("not_processed_complaint", GIAR_T3_NOT_PROCESSED_COMPLAINT,
		  "（五）不予处理／1.信访举报投诉类申请", GIAR_IN_BOTH),
	T3ROW("not_processed_duplicate", GIAR_T3_NOT_PROCESSED_DUPLICATE,
		  "（五）不予处理／2.重复申请", GIAR_IN_BOTH),
	T3ROW("not_processed_publication", GIAR_T3_NOT_PROCESSED_PUBLICATION,
		  "（五）不予处理／3.要求提供公开出版物", GIAR_IN_BOTH),
	T3ROW("not_processed_excessive", GIAR_T3_NOT_PROCESSED_EXCESSIVE,
		  "（五）不予处理／4.无正当理由大量反复申请", GIAR_IN_BOTH),
	T3ROW("not_processed_confirmation", GIAR_T3_NOT_PROCESSED_CONFIRMATION,
		  "（五）不予处理／5.要求行政机关确认或重新出具已获取信息", GIAR_IN_BOTH),
	T3ROW("other_no_correction", GIAR_T3_OTHER_NO_CORRECTION,
		  "（六）其他处理／1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		  GIAR_IN_2021),
	T3ROW("other_fee_unpaid", GIAR_T3_OTHER_FEE_UNPAID,
		  "（六）其他处理／2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		  GIAR_IN_2021),
	T3ROW("other_other", GIAR_T3_OTHER_OTHER,
		  "（六）其他处理／3.其他", GIAR_IN_2021),
	T3ROW("total_handled", GIAR_T3_TOTAL_HANDLED, "（七）总计", GIAR_IN_BOTH),
	T3ROW("carried_forward", GIAR_T3_CARRIED_FORWARD,
		  "四、结转下年度继续办理", GIAR_IN_BOTH),

	/* Table 3 subtotals: computed, never read */
	T3DROW("withheld", "（三）不予公开（小计）",
		   GIAR_T3_WITHHELD_STATE_SECRET, GIAR_T3_WITHHELD_ADMINISTRATIVE_QUERY),
	T3DROW("unavailable", "（四）无法提供（小计）",
		   GIAR_T3_UNAVAILABLE_NOT_HELD, GIAR_T3_UNAVAILABLE_STILL_UNCLEAR),
	T3DROW("not_processed", "（五）不予处理（小计）",
		   GIAR_T3_NOT_PROCESSED_COMPLAINT, GIAR_T3_NOT_PROCESSED_CONFIRMATION),
	T3OH("natural_person", GIAR_T3_NATURAL_PERSON, "自然人"),
	T3OH("commercial_enterprise", GIAR_T3_COMMERCIAL_ENTERPRISE, "法人或其他组织／商业企业"),
	T3OH("research_institution", GIAR_T3_RESEARCH_INSTITUTION, "法人或其他组织／科研机构"),
	T3OH("social_welfare_org", GIAR_T3_SOCIAL_WELFARE_ORG, "法人或其他组织／社会公益组织"),
	T3OH("legal_service_org", GIAR_T3_LEGAL_SERVICE_ORG, "法人或其他组织／法律服务机构"),
	T3OH("other_org", GIAR_T3_OTHER_ORG, "法人或其他组织／其他"),
	T3OH("total", GIAR_T3_TOTAL, "总计"),

	/* Table 4 */
	T4GROUP("review", GIAR_T4_REVIEW, "行政复议"),
	T4GROUP("litigation_direct", GIAR_T4_LITIGATION_DIRECT, "行政诉讼／未经复议直接起诉"),
	T4GROUP("litigation_after_review", GIAR_T4_LITIGATION_AFTER_REVIEW, "行政诉讼／复议后起诉"),

	/* Part 六's fee table */
	T6C("notices", GIAR_T6_FEE_NOTICES, "通知收取件数", "件", GIAR_KIND_COUNT),
	T6C("notified_yuan", GIAR_T6_FEE_NOTIFIED_YUAN, "通知收取金额（元）", "元",
		GIAR_KIND_AMOUNT),
	T6C("collected_yuan", GIAR_T6_FEE_COLLECTED_YUAN, "实际收取金额（元）", "元",
		GIAR_KIND_AMOUNT),

	/* Narrative figures */
	NARR("new_requests", "new_requests", GIAR_N_NEW_REQUESTS,
		 "正文：本年新收申请", "件", GIAR_KIND_COUNT),
	NARR("carried_over", "carried_over", GIAR_N_CARRIED_OVER,
		 "正文：上年结转申请", "件", GIAR_KIND_COUNT),
	NARR("total_handled", "total_handled", GIAR_N_TOTAL_HANDLED,
		 "正文：答复/办结申请", "件", GIAR_KIND_COUNT),
	NARR("carried_forward", "carried_forward", GIAR_N_CARRIED_FORWARD,
		 "正文：结转下年度申请", "件", GIAR_KIND_COUNT),
	NARR("review.total", "review_total", GIAR_N_REVIEW_TOTAL,
		 "正文：行政复议案件", "件", GIAR_KIND_COUNT),
	NARR("litigation.total", "litigation_total", GIAR_N_LITIGATION_TOTAL,
		 "正文：行政诉讼案件", "件", GIAR_KIND_COUNT),
	NARR("processing_fee_yuan", "processing_fee_yuan", GIAR_N_PROCESSING_FEE_YUAN,
		 "正文：收取信息处理费", "元", GIAR_KIND_AMOUNT),
};

#define DICTIONARY_ENTRIES (sizeof(giar_dictionary) / sizeof(giar_dictionary[0]))
const int	giar_dictionary_size = DICTIONARY_ENTRIES;

const char *const giar_t3_row_keys[GIAR_T3_NROWS] = {
	"new_requests", "carried_over", "disclosed", "partially_disclosed",
	"withheld_state_secret", "withheld_prohibited_by_law",
	"withheld_security_stability", "withheld_third_party_rights",
	"withheld_internal_affairs", "withheld_deliberative_process",
	"withheld_enforcement_case_file", "withheld_administrative_query",
	"unavailable_not_held", "unavailable_needs_creation",
	"unavailable_still_unclear", "not_processed_complaint",
	"not_processed_duplicate", "not_processed_publication",
	"not_processed_excessive", "not_processed_confirmation",
	"other_no_correction", "other_fee_unpaid", "other_other",
	"total_handled", "carried_forward", "other_handling"
};

const char *const giar_t3_column_keys[GIAR_T3_NCOLS] = {
	"natural_person", "commercial_enterprise", "research_institution",
	"social_welfare_org", "legal_service_org", "other_org", "total"
};

const char *const giar_t4_group_keys[GIAR_T4_NGROUPS] = {
	"review", "litigation_direct", "litigation_after_review"
};

const char *const giar_t4_outcome_keys[GIAR_T4_NOUTCOMES] = {
	"upheld", "corrected", "other", "pending", "total"
};

const GiarDictEntry *
giar_dict_by_cell(int cell)
{
	static const GiarDictEntry *by_cell[GIAR_NCELLS];
	static bool ready = false;

	if (cell < 0 || cell >= GIAR_NCELLS)
		return NULL;
	if (!ready)
	{
		/* Idempotent: concurrent first calls write the same pointers. */
		for (int i = 0; i < giar_dictionary_size; i++)
			if (giar_dictionary[i].cell >= 0)
				by_cell[giar_dictionary[i].cell] = &giar_dictionary[i];
		ready = true;
	}
	return by_cell[cell];
}

static int
compare_entries_by_key(const void *a, const void *b)
{
	const GiarDictEntry *x = *(const GiarDictEntry *const *) a;
	const GiarDictEntry *y = *(const GiarDictEntry *const *) b;
	int			c = strcmp(x->key, y->key);

	/* equal keys keep the dictionary's order: the first one is found */
	return c != 0 ? c : (x < y ? -1 : x > y);
}

/*
 * By binary search over the keys sorted once: reading a stored report's
 * unreadable[] looks up every key it lists.
 */
const GiarDictEntry *
giar_dict_by_key(const char *key)
{
	static const GiarDictEntry *by_key[DICTIONARY_ENTRIES];
	static bool ready = false;
	int			lo = 0,
				hi = giar_dictionary_size;

	if (!ready)
	{
		/* Idempotent: concurrent first calls write the same pointers. */
		const GiarDictEntry *sorted[DICTIONARY_ENTRIES];

		for (int i = 0; i < giar_dictionary_size; i++)
			sorted[i] = &giar_dictionary[i];
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
		qsort(sorted, giar_dictionary_size, sizeof(const GiarDictEntry *),
			  compare_entries_by_key);
		memcpy(by_key, sorted, sizeof(by_key));
		ready = true;
	}
	/* the first entry whose key is not below key */
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (strcmp(by_key[mid]->key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < giar_dictionary_size && strcmp(by_key[lo]->key, key) == 0)
		return by_key[lo];
	return NULL;
}

const GiarDictEntry *
giar_dict_by_field(const char *field)
{
	for (int i = 0; i < giar_dictionary_size; i++)
		if (giar_dictionary[i].field && strcmp(giar_dictionary[i].field, field) == 0)
			return &giar_dictionary[i];
	return NULL;
}
