/*
 * test_checks.c
 *		Tests of the rules: every rule firing and not firing on reports
 *		changed one field at a time, the findings of every fixture against
 *		test/fixtures/findings.tsv, and mutation coverage (each stated
 *		cell of tables 3 and 4 changed by +1 must draw an error naming it).
 */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "giar.h"
#include "standalone.h"
#include "testing.h"

typedef struct Loaded
{
	GiarStandalone sa;
	GiarReport	report;
	bool		ok;
} Loaded;

static void
load(Loaded *l, const char *dir, const char *base)
{
	char		path[1024];
	size_t		len;
	char	   *text;

	snprintf(path, sizeof(path), "%s/%s.txt", dir, base);
	text = giar_read_file(path, &len);
	giar_standalone_begin(&l->sa, &l->report);
	l->ok = text != NULL;
	CHECK(l->ok, "read %s", path);
	if (text)
		giar_parse(&l->sa.cx, text, len, &l->report);
	free(text);
}

static int
count_rule(const GiarFindings *f, const char *rule, GiarSeverity severity,
		   bool assessable)
{
	int			n = 0;

	for (int i = 0; i < f->n; i++)
		if (strcmp(f->items[i].rule->id, rule) == 0 &&
			f->items[i].severity == severity &&
			f->items[i].assessable == assessable)
			n++;
	return n;
}

static bool
names_cell(const GiarFinding *f, const char *key)
{
	for (int i = 0; i < f->ncells; i++)
		if (strcmp(f->cells[i], key) == 0)
			return true;
	return false;
}

static int
cell_of(const char *key)
{
	const GiarDictEntry *e = giar_dict_by_key(key);

	if (e == NULL || e->cell < 0)
	{
		printf("FAIL: no cell for key %s\n", key);
		exit(1);
	}
	return e->cell;
}

static void
set_cell(GiarReport *r, const char *key, int64_t digits, int scale)
{
	GiarNumber *n = &r->cells[cell_of(key)];

	n->digits = digits;
	n->scale = scale;
	n->present = true;
}

static void
add_to_cell(GiarReport *r, const char *key, int64_t delta)
{
	r->cells[cell_of(key)].digits += delta;
}

static void
clear_cell(GiarReport *r, const char *key)
{
	memset(&r->cells[cell_of(key)], 0, sizeof(GiarNumber));
}

/* ------------------------------------------------------------------ */
/* Every rule firing and not firing                                    */
/* ------------------------------------------------------------------ */

static GiarShare wrong_share = {GIAR_PROSE_DISCLOSED, 0, {0, 1, true}, 1};
static GiarShare right_share = {GIAR_PROSE_DISCLOSED, 0, {0, 1, true}, 1};

typedef void (*Mutation) (GiarReport *r);

static void
m_row_part(GiarReport *r)
{
	add_to_cell(r, "t3.disclosed.natural_person", 1);
}
static void
m_outcome_column(GiarReport *r)
{
	/* rows still add up; the column's outcomes no longer do */
	add_to_cell(r, "t3.total_handled.natural_person", 1);
	add_to_cell(r, "t3.total_handled.total", 1);
	add_to_cell(r, "t3.carried_forward.natural_person", -1);
	add_to_cell(r, "t3.carried_forward.total", -1);
}
static void
m_balance(GiarReport *r)
{
	add_to_cell(r, "t3.carried_forward.natural_person", 1);
	add_to_cell(r, "t3.carried_forward.total", 1);
}
static void
m_t4_group(GiarReport *r)
{
	add_to_cell(r, "t4.review.upheld", 1);
}
static void
m_total_blank(GiarReport *r)
{
	clear_cell(r, "t3.disclosed.total");
}
static void
m_part_blank(GiarReport *r)
{
	clear_cell(r, "t3.disclosed.other_org");
}
static void
m_column_blank(GiarReport *r)
{
	for (int row = 0; row < GIAR_T3_NROWS; row++)
		memset(&r->cells[GIAR_CELL_T3(row, GIAR_T3_TOTAL)], 0, sizeof(GiarNumber));
}
static void
m_negative(GiarReport *r)
{
	set_cell(r, "t2.licensing.decisions", -3, 0);
}
static void
m_fraction(GiarReport *r)
{
	set_cell(r, "t2.penalties.decisions", 125, 1);
}
static void
m_fee_decimal(GiarReport *r)
{
	set_cell(r, "t2.admin_fees.amount_wan", 1250, 2);
}
static void
m_unknown(GiarReport *r)
{
	r->format = GIAR_FORMAT_UNKNOWN;
}
static void
m_part_missing(GiarReport *r)
{
	r->parts_present &= ~(1u << 4);
}
static void
m_table_image(GiarReport *r)
{
	r->table_status[GIAR_TABLE_4] = GIAR_TABLE_NOT_MACHINE_READABLE;
}
static void
m_year_mismatch(GiarReport *r)
{
	r->title_year = r->year;
	r->period_year = r->year - 1;
}
static void
m_format_year(GiarReport *r)
{
	r->year = 2020;
	r->title_year = r->period_year = 0;
	r->published.year = 0;
}
static void
m_prose_new(GiarReport *r)
{
	GiarNumber *t = &r->cells[cell_of("t3.new_requests.total")];

	set_cell(r, "n.new_requests", t->digits + 1, 0);
}
static void
m_prose_new_equal(GiarReport *r)
{
	GiarNumber *t = &r->cells[cell_of("t3.new_requests.total")];

	set_cell(r, "n.new_requests", t->digits, 0);
}
static void
m_prose_outcome(GiarReport *r)
{
	GiarNumber *t = &r->cells[cell_of("t3.disclosed.total")];

	r->prose_outcomes[GIAR_PROSE_DISCLOSED] = *t;
	r->prose_outcomes[GIAR_PROSE_DISCLOSED].digits += 2;
}
static void
m_share_wrong(GiarReport *r)
{
	/* the printed share of 予以公开 off by 3 points */
	int64_t		base = r->cells[cell_of("t3.total_handled.total")].digits;
	int64_t		count = r->cells[cell_of("t3.disclosed.total")].digits;

	wrong_share.count = count;
	wrong_share.percent.digits = (count * 1000 + base / 2) / base + 30;
	r->shares = &wrong_share;
	r->nshares = 1;
}
static void
m_share_right(GiarReport *r)
{
	int64_t		base = r->cells[cell_of("t3.total_handled.total")].digits;
	int64_t		count = r->cells[cell_of("t3.disclosed.total")].digits;

	right_share.count = count;
	right_share.percent.digits = (count * 1000 + base / 2) / base;
	r->shares = &right_share;
	r->nshares = 1;
}
static void
m_late_department(GiarReport *r)
{
	r->agency = "澄江市交通运输局";
	r->published.year = r->year + 1;
	r->published.month = 2;
	r->published.day = 1;
}
static void
m_timely_government(GiarReport *r)
{
	r->agency = "澄江市人民政府";
	r->published.year = r->year + 1;
	r->published.month = 3;
	r->published.day = 31;
}
static void
m_late_government(GiarReport *r)
{
	r->agency = "澄江市人民政府";
	r->published.year = r->year + 1;
	r->published.month = 4;
	r->published.day = 1;
}
static void
m_carry_share(GiarReport *r)
{
	set_cell(r, "t3.new_requests.total", 10, 0);
	set_cell(r, "t3.carried_over.total", 0, 0);
	set_cell(r, "t3.carried_forward.total", 6, 0);
}
static void
m_county_rules(GiarReport *r)
{
	r->agency = "澄江县人民政府";
	set_cell(r, "t2.regulations.issued", 1, 0);
}
static void
m_ministry_rules(GiarReport *r)
{
	r->agency = "国家市场监督管理总局";
	set_cell(r, "t2.regulations.issued", 4, 0);
}
static void
m_province_rules(GiarReport *r)
{
	r->agency = "澄江省人民政府";
	set_cell(r, "t2.regulations.issued", 4, 0);
}
static void
m_fee_in_yuan(GiarReport *r)
{
	set_cell(r, "t2.admin_fees.amount_wan", 356000, 0);
}
static void
m_fee_row(GiarReport *r)
{
	set_cell(r, "t3.other_fee_unpaid.total", 1, 0);
	set_cell(r, "n.processing_fee_yuan", 0, 0);
}
/* part 六's fee table; the fixture's prose says 200 元 were collected */
static void
m_fee_balanced(GiarReport *r)
{
	set_cell(r, "t6.processing_fee.notices", 2, 0);
	set_cell(r, "t6.processing_fee.notified_yuan", 30000, 2);
	set_cell(r, "t6.processing_fee.collected_yuan", 20000, 2);
}
static void
m_fee_over(GiarReport *r)
{
	m_fee_balanced(r);
	set_cell(r, "t6.processing_fee.collected_yuan", 400, 0);
}
static void
m_fee_no_notice(GiarReport *r)
{
	set_cell(r, "t6.processing_fee.notices", 0, 0);
	set_cell(r, "t6.processing_fee.notified_yuan", 0, 0);
	set_cell(r, "t6.processing_fee.collected_yuan", 200, 0);
}
static void
m_fee_prose_differs(GiarReport *r)
{
	m_fee_balanced(r);
	set_cell(r, "t6.processing_fee.collected_yuan", 25050, 2);
}

typedef struct RuleCase
{
	const char *name;
	Mutation	mutate;
	const char *rule;
	GiarSeverity severity;
	bool		assessable;
	int			want;			/* findings of rule at severity; -1: at least one */
} RuleCase;

static const RuleCase rule_cases[] = {
	{"a row part +1", m_row_part, "T3_ROW_SUM", GIAR_SEVERITY_ERROR, true, 1},
	{"a row part +1", m_row_part, "T3_OUTCOME_SUM", GIAR_SEVERITY_ERROR, true, 1},
	{"a row part +1", m_row_part, "T3_BALANCE", GIAR_SEVERITY_ERROR, true, 0},
	{"outcome column off, rows add up", m_outcome_column, "T3_OUTCOME_SUM", GIAR_SEVERITY_ERROR, true, 2},
	{"outcome column off, rows add up", m_outcome_column, "T3_ROW_SUM", GIAR_SEVERITY_ERROR, true, 0},
	{"outcome column off, rows add up", m_outcome_column, "T3_BALANCE", GIAR_SEVERITY_ERROR, true, 0},
	{"carried forward +1 in a column and its total", m_balance, "T3_BALANCE", GIAR_SEVERITY_ERROR, true, 2},
	{"carried forward +1 in a column and its total", m_balance, "T3_ROW_SUM", GIAR_SEVERITY_ERROR, true, 0},
	{"table 4 part +1", m_t4_group, "T4_GROUP_SUM", GIAR_SEVERITY_ERROR, true, 1},
	{"a blank total", m_total_blank, "TOTAL_MISSING", GIAR_SEVERITY_WARNING, true, 1},
	{"a blank total", m_total_blank, "T3_ROW_SUM", GIAR_SEVERITY_ERROR, true, 0},
	{"a blank total", m_total_blank, "T3_OUTCOME_SUM", GIAR_SEVERITY_INFO, false, 1},
	{"a blank part", m_part_blank, "T3_ROW_SUM", GIAR_SEVERITY_INFO, false, 1},
	{"a blank part", m_part_blank, "T3_ROW_SUM", GIAR_SEVERITY_ERROR, true, 0},
	{"a blank part", m_part_blank, "TOTAL_MISSING", GIAR_SEVERITY_WARNING, true, 0},
	{"the 总计 column blank", m_column_blank, "TOTAL_MISSING", GIAR_SEVERITY_WARNING, true, 1},
	{"the 总计 column blank", m_column_blank, "T3_ROW_SUM", GIAR_SEVERITY_ERROR, true, 0},
	{"a negative count", m_negative, "CELL_NEGATIVE", GIAR_SEVERITY_ERROR, true, 1},
	{"a fractional count", m_fraction, "CELL_INTEGER", GIAR_SEVERITY_ERROR, true, 1},
	{"a fee amount with decimals", m_fee_decimal, "CELL_INTEGER", GIAR_SEVERITY_ERROR, true, 0},
	{"format unknown", m_unknown, "REPORT_FORMAT", GIAR_SEVERITY_ERROR, true, 1},
	{"part 四 missing", m_part_missing, "PARTS_PRESENT", GIAR_SEVERITY_ERROR, true, 1},
	{"table 4 an image", m_table_image, "TABLE_READABLE", GIAR_SEVERITY_ERROR, true, 1},
	{"table 4 an image", m_table_image, "T4_GROUP_SUM", GIAR_SEVERITY_INFO, false, 0},
	{"统计期限 a year before the title", m_year_mismatch, "YEAR_CONSISTENT", GIAR_SEVERITY_ERROR, true, 1},
	{"a 2020 report in the 2021 format", m_format_year, "FORMAT_YEAR", GIAR_SEVERITY_WARNING, true, 1},
	{"prose 新收 one more than the table", m_prose_new, "NARRATIVE_TABLE", GIAR_SEVERITY_WARNING, true, 1},
	{"prose 新收 equal to the table", m_prose_new_equal, "NARRATIVE_TABLE", GIAR_SEVERITY_WARNING, true, 0},
	{"prose 予以公开 two more than the table", m_prose_outcome, "NARRATIVE_TABLE", GIAR_SEVERITY_WARNING, true, 1},
	{"a share 3 points off", m_share_wrong, "PERCENTAGE", GIAR_SEVERITY_WARNING, true, 1},
	{"a share rounded as printed", m_share_right, "PERCENTAGE", GIAR_SEVERITY_WARNING, true, 0},
	{"a department published on 1 February", m_late_department, "DEADLINE", GIAR_SEVERITY_WARNING, true, 1},
	{"a government published on 31 March", m_timely_government, "DEADLINE", GIAR_SEVERITY_WARNING, true, 0},
	{"a government published on 1 April", m_late_government, "DEADLINE", GIAR_SEVERITY_WARNING, true, 1},
	{"6 of 10 requests carried forward", m_carry_share, "CARRY_FORWARD_SHARE", GIAR_SEVERITY_INFO, true, 1},
	{"a county government's 规章", m_county_rules, "REGULATION_SCOPE", GIAR_SEVERITY_INFO, true, 1},
	{"a ministry's 规章 (市场 is no place)", m_ministry_rules, "REGULATION_SCOPE", GIAR_SEVERITY_INFO, true, 0},
	{"a province's 规章", m_province_rules, "REGULATION_SCOPE", GIAR_SEVERITY_INFO, true, 0},
	{"a fee of 356000 万元", m_fee_in_yuan, "FEE_UNIT", GIAR_SEVERITY_INFO, true, 1},
	{"unpaid fees while no fee was charged", m_fee_row, "FEE_ROW", GIAR_SEVERITY_INFO, true, 1},
	{"fee table 2 notices, 300.00 notified, 200.00 collected", m_fee_balanced, "FEE_COLLECTED", GIAR_SEVERITY_ERROR, true, 0},
	{"fee table 2 notices, 300.00 notified, 200.00 collected", m_fee_balanced, "FEE_NOTICES", GIAR_SEVERITY_ERROR, true, 0},
	{"fee table 2 notices, 300.00 notified, 200.00 collected", m_fee_balanced, "NARRATIVE_TABLE", GIAR_SEVERITY_WARNING, true, 0},
	{"fee table: 400 collected of 300.00 notified", m_fee_over, "FEE_COLLECTED", GIAR_SEVERITY_ERROR, true, 1},
	{"fee table: 400 collected of 300.00 notified", m_fee_over, "FEE_NOTICES", GIAR_SEVERITY_ERROR, true, 0},
	{"fee table: no notice, 200 collected", m_fee_no_notice, "FEE_NOTICES", GIAR_SEVERITY_ERROR, true, 1},
	{"fee table: no notice, 200 collected", m_fee_no_notice, "FEE_COLLECTED", GIAR_SEVERITY_ERROR, true, 1},
	{"fee table: 250.50 collected, the prose says 200", m_fee_prose_differs, "NARRATIVE_TABLE", GIAR_SEVERITY_WARNING, true, 1},
};

static void
test_rule_cases(const char *dir)
{
	Loaded		l;
	GiarFindings base;
	int			fired[64] = {0};

	/* a balanced 2021 report of a provincial department */
	load(&l, dir, "01_pipe_rows");
	if (!l.ok)
		return;
	giar_report_check(&l.sa.cx, &l.report, NULL, &base);
	for (int i = 0; i < base.n; i++)
		CHECK(base.items[i].severity != GIAR_SEVERITY_ERROR,
			  "balanced fixture: no error, got %s: %s", base.items[i].rule->id,
			  base.items[i].message);

	for (size_t k = 0; k < sizeof(rule_cases) / sizeof(rule_cases[0]); k++)
	{
		const RuleCase *c = &rule_cases[k];
		GiarReport	r = l.report;
		GiarFindings f;
		int			got;

		c->mutate(&r);
		giar_report_check(&l.sa.cx, &r, NULL, &f);
		got = count_rule(&f, c->rule, c->severity, c->assessable);
		CHECK(c->want < 0 ? got > 0 : got == c->want,
			  "%s: %d %s finding(s) at %s%s, want %d", c->name, got, c->rule,
			  giar_severity_name(c->severity), c->assessable ? "" : " (not assessable)",
			  c->want);
		if (c->want != 0)
			CHECK(count_rule(&base, c->rule, c->severity, c->assessable) == 0 ||
				  strcmp(c->rule, "REGULATION_SCOPE") == 0,
				  "%s: %s does not fire before the change", c->name, c->rule);
		for (int i = 0; i < giar_nrules && i < 64; i++)
			if (got > 0 && strcmp(giar_rules[i].id, c->rule) == 0)
				fired[i]++;
	}
	/* the township deadline is the caller's */
	{
		GiarReport	r = l.report;
		GiarDeadlines dl = giar_default_deadlines;
		GiarFindings f;

		r.agency = "澄江县青石镇人民政府";
		r.published.year = r.year + 1;
		r.published.month = 3;
		r.published.day = 20;
		giar_report_check(&l.sa.cx, &r, NULL, &f);
		CHECK(count_rule(&f, "DEADLINE", GIAR_SEVERITY_WARNING, true) == 0,
			  "a township on 20 March is on time by default");
		dl.township_month = 3;
		dl.township_day = 15;
		giar_report_check(&l.sa.cx, &r, &dl, &f);
		CHECK(count_rule(&f, "DEADLINE", GIAR_SEVERITY_WARNING, true) == 1,
			  "a township on 20 March is late against a 15 March deadline");
	}
	/* every single-report rule is exercised above */
	for (int i = 0; i < giar_nrules && i < 64; i++)
		if (!giar_rules[i].across_years)
			CHECK(fired[i] > 0, "rule %s fires in some case", giar_rules[i].id);
	giar_standalone_end(&l.sa);
}

static void
test_agency_kinds(void)
{
	static const struct
	{
		const char *name;
		GiarAgencyKind kind;
	}			cases[] = {
		{"澄江市人民政府", GIAR_AGENCY_GOVERNMENT},
		{"澄江县人民政府", GIAR_AGENCY_GOVERNMENT},
		{"澄江县青石镇人民政府", GIAR_AGENCY_TOWNSHIP},
		{"青石乡人民政府", GIAR_AGENCY_TOWNSHIP},
		{"澄江区白沙街道办事处", GIAR_AGENCY_TOWNSHIP},
		{"澄江市交通运输局", GIAR_AGENCY_DEPARTMENT},
		{"澄江市人民政府办公室", GIAR_AGENCY_DEPARTMENT},
		{"", GIAR_AGENCY_UNKNOWN},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(giar_agency_kind(cases[i].name) == cases[i].kind,
			  "agency kind of %s", cases[i].name);
}

/* ------------------------------------------------------------------ */
/* Across years                                                        */
/* ------------------------------------------------------------------ */

static void
test_sequence(const char *dir)
{
	Loaded		l,
				old;
	GiarReport	prev,
				cur;
	GiarFindings f;

	load(&l, dir, "01_pipe_rows");
	load(&old, dir, "14_format_2019");
	if (!l.ok || !old.ok)
		return;

	/* last year: the same report a year earlier, carried forward = this year's carried over */
	prev = l.report;
	cur = l.report;
	prev.year = cur.year - 1;
	for (int c = 0; c < GIAR_T3_NCOLS; c++)
		prev.cells[GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, c)] =
			cur.cells[GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, c)];
	for (int d = 0; d < 2; d++)
	{
		const char *row = d ? "regulations" : "normative_documents";
		char		in_force[64],
					issued[64],
					repealed[64];

		snprintf(in_force, sizeof(in_force), "t2.%s.in_force", row);
		snprintf(issued, sizeof(issued), "t2.%s.issued", row);
		snprintf(repealed, sizeof(repealed), "t2.%s.repealed", row);
		prev.cells[cell_of(in_force)].digits = cur.cells[cell_of(in_force)].digits -
			cur.cells[cell_of(issued)].digits + cur.cells[cell_of(repealed)].digits;
	}
	prev.has_fingerprint = false;
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	CHECK(count_rule(&f, "SEQ_CARRY", GIAR_SEVERITY_WARNING, true) == 0,
		  "carry-over that matches: no SEQ_CARRY");
	CHECK(count_rule(&f, "SEQ_YEARS", GIAR_SEVERITY_INFO, false) == 0,
		  "consecutive years are assessable");
	CHECK(count_rule(&f, "SEQ_IDENTICAL_TABLES", GIAR_SEVERITY_INFO, true) == 0,
		  "tables that differ are not identical");

	prev.cells[GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, GIAR_T3_NATURAL_PERSON)].digits += 2;
	prev.cells[GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, GIAR_T3_TOTAL)].digits += 2;
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	CHECK(count_rule(&f, "SEQ_CARRY", GIAR_SEVERITY_WARNING, true) == 2,
		  "carry-over 2 short in a column and the total: two SEQ_CARRY");
	for (int i = 0; i < f.n; i++)
		if (strcmp(f.items[i].rule->id, "SEQ_CARRY") == 0)
			CHECK(names_cell(&f.items[i], "t3.carried_over.natural_person") ||
				  names_cell(&f.items[i], "t3.carried_over.total"),
				  "SEQ_CARRY names the cell: %s", f.items[i].message);

	CHECK(count_rule(&f, "SEQ_IN_FORCE", GIAR_SEVERITY_INFO, true) == 0,
		  "documents in force that follow from last year: no residual");
	prev.cells[cell_of("t2.normative_documents.in_force")].digits += 5;
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	CHECK(count_rule(&f, "SEQ_IN_FORCE", GIAR_SEVERITY_INFO, true) == 1,
		  "documents in force 5 off: SEQ_IN_FORCE with the residual");
	for (int i = 0; i < f.n; i++)
		if (strcmp(f.items[i].rule->id, "SEQ_IN_FORCE") == 0)
			CHECK(f.items[i].actual.digits - f.items[i].expected.digits == -5,
				  "the residual is -5: %s", f.items[i].message);

	/* identical tables and prose */
	prev = l.report;
	prev.year = cur.year - 1;
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	CHECK(count_rule(&f, "SEQ_IDENTICAL_TABLES", GIAR_SEVERITY_INFO, true) == 1,
		  "the same tables two years running: SEQ_IDENTICAL_TABLES");
	CHECK(!cur.has_fingerprint ||
		  count_rule(&f, "SEQ_SIMILAR_TEXT", GIAR_SEVERITY_INFO, true) == 1,
		  "the same prose two years running: SEQ_SIMILAR_TEXT");
	giar_sequence_check(&l.sa.cx, &old.report, &cur, &f);
	CHECK(count_rule(&f, "SEQ_SIMILAR_TEXT", GIAR_SEVERITY_INFO, true) == 0,
		  "two different reports are not similar");

	/* years that do not follow */
	prev.year = cur.year - 2;
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	CHECK(count_rule(&f, "SEQ_YEARS", GIAR_SEVERITY_INFO, false) == 1 && f.n == 1,
		  "two years apart: only SEQ_YEARS, not assessable");
	prev.year = cur.year - 1;
	prev.agency = "另一个局";
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	CHECK(count_rule(&f, "SEQ_YEARS", GIAR_SEVERITY_INFO, true) == 1,
		  "two agencies: SEQ_YEARS says so");

	/* 2019 format: items of last year + change = items stated this year */
	prev = old.report;
	cur = old.report;
	cur.year = prev.year + 1;
	{
		static const char *const rows[] = {"licensing", "other_services", "penalties",
		"coercive_measures", "admin_fees"};
		char		key[64],
					change[64];
		int			stated = 0;

		for (int i = 0; i < 5; i++)
		{
			snprintf(key, sizeof(key), "t2.%s.items_prior_year", rows[i]);
			snprintf(change, sizeof(change), "t2.%s.items_change", rows[i]);
			if (prev.cells[cell_of(key)].present && prev.cells[cell_of(change)].present)
			{
				cur.cells[cell_of(key)].digits = prev.cells[cell_of(key)].digits +
					prev.cells[cell_of(change)].digits;
				stated++;
			}
		}
		CHECK(stated > 0, "the 2019 fixture states item counts");
		giar_sequence_check(&old.sa.cx, &prev, &cur, &f);
		CHECK(count_rule(&f, "SEQ_ITEMS", GIAR_SEVERITY_WARNING, true) == 0,
			  "item counts that follow: no SEQ_ITEMS");
		for (int i = 0; i < 5; i++)
		{
			snprintf(key, sizeof(key), "t2.%s.items_prior_year", rows[i]);
			if (cur.cells[cell_of(key)].present)
			{
				cur.cells[cell_of(key)].digits += 1;
				break;
			}
		}
		giar_sequence_check(&old.sa.cx, &prev, &cur, &f);
		CHECK(count_rule(&f, "SEQ_ITEMS", GIAR_SEVERITY_WARNING, true) == 1,
			  "an item count one off: SEQ_ITEMS");
	}
	giar_standalone_end(&old.sa);
	giar_standalone_end(&l.sa);
}

/* ------------------------------------------------------------------ */
/* Texts of findings                                                   */
/* ------------------------------------------------------------------ */

/* The finding of the rule, or NULL. */
static const GiarFinding *
find_rule(const GiarFindings *f, const char *rule)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->items[i].rule->id, rule) == 0)
			return &f->items[i];
	return NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t		n = strlen(s),
				m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * A finding that names an agency longer than a finding's message keeps is
 * cut between characters, the cut marked: two agencies (SEQ_YEARS) and a
 * county government's 规章 (REGULATION_SCOPE), names of 200 characters.
 */
static void
test_long_agency(const char *dir)
{
	Loaded		l;
	GiarReport	prev,
				cur;
	GiarFindings f;
	const GiarFinding *found;
	char		name[700] = "";
	char		county[sizeof(name) + 16];

	load(&l, dir, "01_pipe_rows");
	if (!l.ok)
		return;
	for (int i = 0; i < 200; i++)
		strcat(name, "甲");
	snprintf(county, sizeof(county), "%s县人民政府", name);

	prev = l.report;
	cur = l.report;
	prev.year = cur.year - 1;
	prev.agency = name;
	cur.agency = "乙局";
	giar_sequence_check(&l.sa.cx, &prev, &cur, &f);
	found = find_rule(&f, "SEQ_YEARS");
	CHECK(found && giar_text_is_clean(found->message) && ends_with(found->message, "…"),
		  "SEQ_YEARS naming a 200-character agency is cut between characters: %s",
		  found ? found->message : "no SEQ_YEARS");

	cur.agency = county;
	set_cell(&cur, "t2.regulations.issued", 1, 0);
	giar_report_check(&l.sa.cx, &cur, NULL, &f);
	found = find_rule(&f, "REGULATION_SCOPE");
	CHECK(found && giar_text_is_clean(found->message) && ends_with(found->message, "…"),
		  "REGULATION_SCOPE naming a 200-character county is cut between characters: %s",
		  found ? found->message : "no REGULATION_SCOPE");
	giar_standalone_end(&l.sa);
}

/* ------------------------------------------------------------------ */
/* Figures near the ends of int64                                      */
/* ------------------------------------------------------------------ */

/* The finding of the rule whose message holds the words, or NULL. */
static const GiarFinding *
find_message(const GiarFindings *f, const char *rule, const char *words)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->items[i].rule->id, rule) == 0 &&
			strstr(f->items[i].message, words) != NULL)
			return &f->items[i];
	return NULL;
}

/*
 * Reports read back from SQL hold up to 18 digits a cell, whose sums and
 * differences need not fit in int64; reports built here hold anything.
 * The checks compute with checked arithmetic (the sanitizer build aborts
 * on any overflow) and say so where a sum is beyond the range, instead of
 * calling its cells blank.
 */
static void
test_overflow(const char *dir)
{
	Loaded		l,
				old;
	GiarReport	r,
				prev;
	GiarFindings f;
	const GiarFinding *found;

	load(&l, dir, "01_pipe_rows");
	load(&old, dir, "14_format_2019");
	if (!l.ok || !old.ok)
		return;

	/* total INT64_MAX, parts summing to -1: off by 2^63 */
	r = l.report;
	set_cell(&r, "t4.review.upheld", -1, 0);
	set_cell(&r, "t4.review.corrected", 0, 0);
	set_cell(&r, "t4.review.other", 0, 0);
	set_cell(&r, "t4.review.pending", 0, 0);
	set_cell(&r, "t4.review.total", INT64_MAX, 0);
	giar_report_check(&l.sa.cx, &r, NULL, &f);
	found = find_message(&f, "T4_GROUP_SUM", "off by 9223372036854775808");
	CHECK(found && found->assessable && found->actual.digits == INT64_MAX &&
		  found->expected.digits == -1,
		  "a difference beyond int64 is written exactly: %s",
		  (found = find_rule(&f, "T4_GROUP_SUM")) ? found->message : "no T4_GROUP_SUM");

	/* parts INT64_MAX and 1: their sum is beyond the range, no cell blank */
	set_cell(&r, "t4.review.upheld", INT64_MAX, 0);
	set_cell(&r, "t4.review.corrected", 1, 0);
	set_cell(&r, "t4.review.total", 0, 0);
	giar_report_check(&l.sa.cx, &r, NULL, &f);
	found = find_rule(&f, "T4_GROUP_SUM");
	CHECK(found && !found->assessable && found->severity == GIAR_SEVERITY_INFO &&
		  strstr(found->message, "64-bit") && !strstr(found->message, "blank"),
		  "a sum beyond int64 is not assessable, and not for blank cells: %s",
		  found ? found->message : "no T4_GROUP_SUM");

	/* PERCENTAGE against a base of INT64_MAX: 0.1% rounded, not 0.5% */
	{
		GiarShare	share = {GIAR_PROSE_DISCLOSED, INT64_MAX / 1000, {1, 1, true}, 1};

		r = l.report;
		set_cell(&r, "t3.total_handled.total", INT64_MAX, 0);
		r.shares = &share;
		r.nshares = 1;
		giar_report_check(&l.sa.cx, &r, NULL, &f);
		CHECK(find_rule(&f, "PERCENTAGE") == NULL,
			  "%lld of INT64_MAX printed as 0.1%%: no PERCENTAGE",
			  (long long) share.count);
		share.percent.digits = 5;
		giar_report_check(&l.sa.cx, &r, NULL, &f);
		found = find_rule(&f, "PERCENTAGE");
		CHECK(found && found->expected.digits == 1 && found->expected.scale == 1,
			  "%lld of INT64_MAX printed as 0.5%%: PERCENTAGE, 0.1%% by the table: %s",
			  (long long) share.count, found ? found->message : "none");
		/* a share printed with 30 decimals: no power of ten that large */
		share.percent.scale = 30;
		giar_report_check(&l.sa.cx, &r, NULL, &f);
		CHECK(find_rule(&f, "PERCENTAGE") == NULL, "a share with 30 decimals is not checked");
	}

	/* 一 + 二 beyond the range: no share of requests carried forward */
	r = l.report;
	set_cell(&r, "t3.new_requests.total", INT64_MAX, 0);
	set_cell(&r, "t3.carried_over.total", 1, 0);
	set_cell(&r, "t3.carried_forward.total", 10, 0);
	giar_report_check(&l.sa.cx, &r, NULL, &f);
	CHECK(find_rule(&f, "CARRY_FORWARD_SHARE") == NULL,
		  "10 of INT64_MAX + 1 requests carried forward: no CARRY_FORWARD_SHARE");

	/* the two litigation totals beyond the range: nothing to compare the prose with */
	r = l.report;
	set_cell(&r, "t4.litigation_direct.total", INT64_MAX, 0);
	set_cell(&r, "t4.litigation_after_review.total", INT64_MAX, 0);
	set_cell(&r, "n.litigation.total", 3, 0);
	giar_report_check(&l.sa.cx, &r, NULL, &f);
	CHECK(find_message(&f, "NARRATIVE_TABLE", "litigation") == NULL,
		  "litigation totals summing beyond int64: no NARRATIVE_TABLE");

	/* a fee amount with 40 decimals: no power of ten that large */
	r = l.report;
	set_cell(&r, "t2.admin_fees.amount_wan", 5, 40);
	giar_report_check(&l.sa.cx, &r, NULL, &f);
	CHECK(find_rule(&f, "FEE_UNIT") == NULL, "a fee with 40 decimals: no FEE_UNIT");

	/* the largest year: its deadline is still a date */
	r = l.report;
	r.year = INT_MAX;
	r.published.year = 2024;
	r.published.month = 1;
	r.published.day = 1;
	giar_report_check(&l.sa.cx, &r, NULL, &f);
	CHECK(find_message(&f, "DEADLINE", "after the deadline") == NULL,
		  "a report on year INT_MAX published in 2024 is not late");

	/* documents in force: last year's figure plus issued beyond the range */
	prev = l.report;
	r = l.report;
	prev.year = r.year - 1;
	prev.has_fingerprint = false;
	set_cell(&prev, "t2.normative_documents.in_force", INT64_MAX, 0);
	set_cell(&r, "t2.normative_documents.issued", 1, 0);
	set_cell(&r, "t2.normative_documents.repealed", 0, 0);
	giar_sequence_check(&l.sa.cx, &prev, &r, &f);
	found = find_message(&f, "SEQ_IN_FORCE", "normative_documents");
	CHECK(found && !found->assessable && strstr(found->message, "64-bit"),
		  "in force beyond int64: SEQ_IN_FORCE not assessable: %s",
		  found ? found->message : "none");
	/* ... and a residual beyond it: INT64_MAX in force where -1 was expected */
	set_cell(&prev, "t2.normative_documents.in_force", 0, 0);
	set_cell(&r, "t2.normative_documents.issued", 0, 0);
	set_cell(&r, "t2.normative_documents.repealed", 1, 0);
	set_cell(&r, "t2.normative_documents.in_force", INT64_MAX, 0);
	giar_sequence_check(&l.sa.cx, &prev, &r, &f);
	CHECK(find_message(&f, "SEQ_IN_FORCE", "residual 9223372036854775808") != NULL,
		  "a residual beyond int64 is written exactly");

	/* the largest year and a year 1: not consecutive */
	prev.year = INT_MAX;
	r.year = 1;
	giar_sequence_check(&l.sa.cx, &prev, &r, &f);
	CHECK(count_rule(&f, "SEQ_YEARS", GIAR_SEVERITY_INFO, false) == 1,
		  "years INT_MAX and 1 are not consecutive");

	/* 2019 format: last year's item count plus its change beyond the range */
	prev = old.report;
	r = old.report;
	r.year = prev.year + 1;
	set_cell(&prev, "t2.licensing.items_prior_year", INT64_MAX, 0);
	set_cell(&prev, "t2.licensing.items_change", 1, 0);
	giar_sequence_check(&old.sa.cx, &prev, &r, &f);
	found = find_message(&f, "SEQ_ITEMS", "licensing");
	CHECK(found && !found->assessable && strstr(found->message, "64-bit") &&
		  !strstr(found->message, "blank"),
		  "item count beyond int64: SEQ_ITEMS not assessable, not for a blank cell: %s",
		  found ? found->message : "none");

	giar_standalone_end(&old.sa);
	giar_standalone_end(&l.sa);
}

/* ------------------------------------------------------------------ */
/* Fixtures: findings as expected, and mutation coverage               */
/* ------------------------------------------------------------------ */

/*
 * findings.tsv: "fixture<TAB>rule<TAB>severity" for every assessable
 * finding, sorted; the checker must give exactly these.
 */
static char *
findings_line(const char *base, const GiarFinding *f)
{
	char		buf[256];

	snprintf(buf, sizeof(buf), "%s\t%s\t%s", base, f->rule->id,
			 giar_severity_name(f->severity));
	return strdup(buf);
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Whether every cell of a table-3 identity through (row, col) is stated. */
static bool
whole(const GiarReport *r, int cell)
{
	const GiarNumber *n = &r->cells[cell];

	return n->present && n->scale == 0;
}

static bool
in_assessable_identity(const GiarReport *r, int cell)
{
	if (cell >= GIAR_CELL_T3_BASE && cell < GIAR_CELL_T4_BASE)
	{
		int			row = (cell - GIAR_CELL_T3_BASE) / GIAR_T3_NCOLS;
		int			col = (cell - GIAR_CELL_T3_BASE) % GIAR_T3_NCOLS;
		bool		single = r->table_format[GIAR_TABLE_3] == GIAR_FORMAT_2019;
		bool		all = true;

		for (int c = 0; c < GIAR_T3_NCOLS; c++)
			all &= whole(r, GIAR_CELL_T3(row, c));
		if (all)
			return true;
		if (row >= GIAR_T3_DISCLOSED && row <= GIAR_T3_TOTAL_HANDLED)
		{
			all = true;
			for (int k = GIAR_T3_DISCLOSED; k <= GIAR_T3_TOTAL_HANDLED; k++)
			{
				bool		printed = single ?
					(k < GIAR_T3_OTHER_NO_CORRECTION || k == GIAR_T3_TOTAL_HANDLED) :
					true;

				if (printed)
					all &= whole(r, GIAR_CELL_T3(k, col));
			}
			if (single)
				all &= whole(r, GIAR_CELL_T3(GIAR_T3_OTHER_HANDLING, col));
			if (all)
				return true;
		}
		if (row == GIAR_T3_OTHER_HANDLING && single)
		{
			all = true;
			for (int k = GIAR_T3_DISCLOSED; k < GIAR_T3_OTHER_NO_CORRECTION; k++)
				all &= whole(r, GIAR_CELL_T3(k, col));
			all &= whole(r, GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, col));
			if (all && whole(r, cell))
				return true;
		}
		if (row == GIAR_T3_NEW_REQUESTS || row == GIAR_T3_CARRIED_OVER ||
			row == GIAR_T3_TOTAL_HANDLED || row == GIAR_T3_CARRIED_FORWARD)
			return whole(r, GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, col)) &&
				whole(r, GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, col)) &&
				whole(r, GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, col)) &&
				whole(r, GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, col));
		return false;
	}
	if (cell >= GIAR_CELL_T4_BASE && cell < GIAR_CELL_T6_BASE)
	{
		int			group = (cell - GIAR_CELL_T4_BASE) / GIAR_T4_NOUTCOMES;
		bool		all = true;

		for (int o = 0; o < GIAR_T4_NOUTCOMES; o++)
			all &= whole(r, GIAR_CELL_T4(group, o));
		return all;
	}
	return false;
}

typedef struct Mutations
{
	int			reports;
	int			cells;			/* stated cells of tables 3 and 4 changed */
	int			coverable;		/* of which in an identity that can be assessed */
	int			caught;			/* of which drew a new error naming the cell */
	int			caught_coverable;
	int			prose;			/* prose figures changed */
	int			prose_caught;
} Mutations;

static bool
new_error_naming(const GiarFindings *before, const GiarFindings *after,
				 const char *key, GiarSeverity severity)
{
	for (int i = 0; i < after->n; i++)
	{
		const GiarFinding *f = &after->items[i];
		bool		seen = false;

		if (f->severity != severity || !f->assessable || !names_cell(f, key))
			continue;
		for (int j = 0; j < before->n && !seen; j++)
			seen = strcmp(before->items[j].message, f->message) == 0;
		if (!seen)
			return true;
	}
	return false;
}

static void
mutate_fixture(const char *base, Loaded *l, const GiarFindings *before, Mutations *m)
{
	m->reports++;
	for (int c = GIAR_CELL_T3_BASE; c < GIAR_CELL_N_BASE + GIAR_N_NCELLS; c++)
	{
		GiarReport	r = l->report;
		GiarFindings after;
		const GiarDictEntry *e = giar_dict_by_cell(c);
		bool		prose = c >= GIAR_CELL_N_BASE;

		if (!r.cells[c].present || r.cells[c].scale != 0)
			continue;
		if (prose && c == GIAR_CELL_N(GIAR_N_PROCESSING_FEE_YUAN))
			continue;			/* no identity involves the fee */
		r.cells[c].digits += 1;
		giar_report_check(&l->sa.cx, &r, NULL, &after);
		if (prose)
		{
			bool		caught = new_error_naming(before, &after, e->key,
												  GIAR_SEVERITY_WARNING);

			m->prose++;
			m->prose_caught += caught;
			if (!caught && getenv("GIAR_TEST_VERBOSE"))
				printf("  prose %s: %s +1 draws no warning\n", base, e->key);
			continue;
		}
		{
			bool		caught = new_error_naming(before, &after, e->key,
												  GIAR_SEVERITY_ERROR);
			bool		coverable = in_assessable_identity(&l->report, c);

			m->cells++;
			m->caught += caught;
			m->coverable += coverable;
			m->caught_coverable += caught && coverable;
			CHECK(!coverable || caught, "%s: %s +1 draws an error naming it", base, e->key);
		}
	}
}

/* A report whose printed tables balance: no identity fails. */
static bool
balanced(const GiarFindings *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->items[i].assessable && f->items[i].severity == GIAR_SEVERITY_ERROR &&
			(strncmp(f->items[i].rule->id, "T3_", 3) == 0 ||
			 strncmp(f->items[i].rule->id, "T4_", 3) == 0))
			return false;
	return true;
}

static void
test_fixture_findings(const char *dir)
{
	char		path[1024];
	DIR		   *d = opendir(dir);
	struct dirent *de;
	char	   *names[512];
	int			n = 0;
	char	  **got = NULL;
	int			ngot = 0,
				capgot = 0;
	char	  **want = NULL;
	int			nwant = 0,
				capwant = 0;
	FILE	   *fp;
	char		line[512];
	Mutations	m = {0};
	int			mismatches = 0;

	CHECK(d != NULL, "open %s", dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 512)
	{
		size_t		len = strlen(de->d_name);

		if (len > 4 && strcmp(de->d_name + len - 4, ".txt") == 0 &&
			strcmp(de->d_name, "README.txt") != 0)
			names[n++] = strndup(de->d_name, len - 4);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), compare_strings);

	for (int i = 0; i < n; i++)
	{
		Loaded		l;
		GiarFindings f;

		load(&l, dir, names[i]);
		if (!l.ok)
		{
			free(names[i]);
			continue;
		}
		giar_report_check(&l.sa.cx, &l.report, NULL, &f);
		for (int k = 0; k < f.n; k++)
		{
			CHECK(giar_text_is_clean(f.items[k].message),
				  "%s: finding %s is UTF-8 without control characters: %s", names[i],
				  f.items[k].rule->id, f.items[k].message);
			if (!f.items[k].assessable)
				continue;
			if (ngot == capgot)
			{
				capgot = capgot ? 2 * capgot : 256;
				got = realloc(got, sizeof(char *) * capgot);
			}
			got[ngot++] = findings_line(names[i], &f.items[k]);
		}
		if ((l.report.table_status[GIAR_TABLE_3] == GIAR_TABLE_PARSED ||
			 l.report.table_status[GIAR_TABLE_4] == GIAR_TABLE_PARSED) &&
			balanced(&f))
			mutate_fixture(names[i], &l, &f, &m);
		giar_standalone_end(&l.sa);
		free(names[i]);
	}

	snprintf(path, sizeof(path), "%s/findings.tsv", dir);
	fp = fopen(path, "r");
	CHECK(fp != NULL, "read %s", path);
	while (fp && fgets(line, sizeof(line), fp))
	{
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (nwant == capwant)
		{
			capwant = capwant ? 2 * capwant : 256;
			want = realloc(want, sizeof(char *) * capwant);
		}
		want[nwant++] = strdup(line);
	}
	if (fp)
		fclose(fp);
	qsort(got, ngot, sizeof(char *), compare_strings);
	qsort(want, nwant, sizeof(char *), compare_strings);
	for (int i = 0, j = 0; i < ngot || j < nwant;)
	{
		int			cmp = i >= ngot ? 1 : j >= nwant ? -1 : strcmp(got[i], want[j]);

		if (cmp == 0)
		{
			i++;
			j++;
			continue;
		}
		mismatches++;
		if (cmp < 0)
			printf("  unexpected finding  %s\n", got[i++]);
		else
			printf("  missing finding     %s\n", want[j++]);
	}
	printf("findings: %d assessable findings on the fixtures, %d as expected, %d differ\n",
		   ngot, ngot - mismatches, mismatches);
	CHECK(mismatches == 0, "fixture findings equal %s", path);
	printf("mutation: %d reports, %d table cells +1: %d drew an error naming the cell "
		   "(%.1f%%); in an assessable identity %d, of which caught %d (%.1f%%); "
		   "prose figures +1: %d, of which %d drew a warning naming them\n",
		   m.reports, m.cells, m.caught, m.cells ? 100.0 * m.caught / m.cells : 0.0,
		   m.coverable, m.caught_coverable,
		   m.coverable ? 100.0 * m.caught_coverable / m.coverable : 0.0,
		   m.prose, m.prose_caught);
	CHECK(m.cells > 0 && m.caught_coverable == m.coverable,
		  "every cell in an assessable identity is caught");
	for (int i = 0; i < ngot; i++)
		free(got[i]);
	for (int i = 0; i < nwant; i++)
		free(want[i]);
	free(got);
	free(want);
}

void
test_checks(const char *fixture_dir)
{
	test_agency_kinds();
	test_rule_cases(fixture_dir);
	test_sequence(fixture_dir);
	test_long_agency(fixture_dir);
	test_overflow(fixture_dir);
	test_fixture_findings(fixture_dir);
}
