/*
 * dictionary.h
 *		The data dictionary: every cell a report can state, with its
 *		canonical key, Chinese labels, unit and place in the composite type.
 *
 * Cells are stored in GiarReport.cells[] by index.  Indexes are grouped:
 * table 2 (both formats), table 3 (GIAR_T3_NROWS rows of 7 columns),
 * table 4 (3 groups of 5 outcomes), part 六's fee table (3 cells, where a
 * report prints one), narrative figures.
 */
#ifndef GIAR_DICTIONARY_H
#define GIAR_DICTIONARY_H

#include <stdbool.h>

/* Table 2: the union of the 2021 and the 2019 formats' cells. */
typedef enum GiarT2Cell
{
	GIAR_T2_REGULATIONS_ISSUED = 0,
	GIAR_T2_REGULATIONS_REPEALED,
	GIAR_T2_REGULATIONS_IN_FORCE,
	GIAR_T2_REGULATIONS_MADE,
	GIAR_T2_REGULATIONS_PUBLISHED,
	GIAR_T2_REGULATIONS_TOTAL_PUBLISHED,
	GIAR_T2_NORMATIVE_ISSUED,
	GIAR_T2_NORMATIVE_REPEALED,
	GIAR_T2_NORMATIVE_IN_FORCE,
	GIAR_T2_NORMATIVE_MADE,
	GIAR_T2_NORMATIVE_PUBLISHED,
	GIAR_T2_NORMATIVE_TOTAL_PUBLISHED,
	GIAR_T2_LICENSING_DECISIONS,
	GIAR_T2_LICENSING_ITEMS_PRIOR_YEAR,
	GIAR_T2_LICENSING_ITEMS_CHANGE,
	GIAR_T2_OTHER_SERVICES_DECISIONS,
	GIAR_T2_OTHER_SERVICES_ITEMS_PRIOR_YEAR,
	GIAR_T2_OTHER_SERVICES_ITEMS_CHANGE,
	GIAR_T2_PENALTIES_DECISIONS,
	GIAR_T2_PENALTIES_ITEMS_PRIOR_YEAR,
	GIAR_T2_PENALTIES_ITEMS_CHANGE,
	GIAR_T2_COERCIVE_DECISIONS,
	GIAR_T2_COERCIVE_ITEMS_PRIOR_YEAR,
	GIAR_T2_COERCIVE_ITEMS_CHANGE,
	GIAR_T2_ADMIN_FEES_AMOUNT_WAN,
	GIAR_T2_ADMIN_FEES_ITEMS_PRIOR_YEAR,
	GIAR_T2_ADMIN_FEES_ITEMS_CHANGE,
	GIAR_T2_PROCUREMENT_ITEMS,
	GIAR_T2_PROCUREMENT_AMOUNT,
	GIAR_T2_NCELLS
} GiarT2Cell;

/* Table 3 rows in printed order; OTHER_HANDLING is the 2019 single row. */
typedef enum GiarT3Row
{
	GIAR_T3_NEW_REQUESTS = 0,
	GIAR_T3_CARRIED_OVER,
	GIAR_T3_DISCLOSED,
	GIAR_T3_PARTIALLY_DISCLOSED,
	GIAR_T3_WITHHELD_STATE_SECRET,
	GIAR_T3_WITHHELD_PROHIBITED_BY_LAW,
	GIAR_T3_WITHHELD_SECURITY_STABILITY,
	GIAR_T3_WITHHELD_THIRD_PARTY_RIGHTS,
	GIAR_T3_WITHHELD_INTERNAL_AFFAIRS,
	GIAR_T3_WITHHELD_DELIBERATIVE_PROCESS,
	GIAR_T3_WITHHELD_ENFORCEMENT_CASE_FILE,
	GIAR_T3_WITHHELD_ADMINISTRATIVE_QUERY,
	GIAR_T3_UNAVAILABLE_NOT_HELD,
	GIAR_T3_UNAVAILABLE_NEEDS_CREATION,
	GIAR_T3_UNAVAILABLE_STILL_UNCLEAR,
	GIAR_T3_NOT_PROCESSED_COMPLAINT,
	GIAR_T3_NOT_PROCESSED_DUPLICATE,
	GIAR_T3_NOT_PROCESSED_PUBLICATION,
	GIAR_T3_NOT_PROCESSED_EXCESSIVE,
	GIAR_T3_NOT_PROCESSED_CONFIRMATION,
	GIAR_T3_OTHER_NO_CORRECTION,
	GIAR_T3_OTHER_FEE_UNPAID,
	GIAR_T3_OTHER_OTHER,
	GIAR_T3_TOTAL_HANDLED,
	GIAR_T3_CARRIED_FORWARD,
	GIAR_T3_OTHER_HANDLING,
	GIAR_T3_NROWS
} GiarT3Row;

typedef enum GiarT3Column
{
	GIAR_T3_NATURAL_PERSON = 0,
	GIAR_T3_COMMERCIAL_ENTERPRISE,
	GIAR_T3_RESEARCH_INSTITUTION,
	GIAR_T3_SOCIAL_WELFARE_ORG,
	GIAR_T3_LEGAL_SERVICE_ORG,
	GIAR_T3_OTHER_ORG,
	GIAR_T3_TOTAL,
	GIAR_T3_NCOLS
} GiarT3Column;

typedef enum GiarT4Group
{
	GIAR_T4_REVIEW = 0,
	GIAR_T4_LITIGATION_DIRECT,
	GIAR_T4_LITIGATION_AFTER_REVIEW,
	GIAR_T4_NGROUPS
} GiarT4Group;

typedef enum GiarT4Outcome
{
	GIAR_T4_UPHELD = 0,
	GIAR_T4_CORRECTED,
	GIAR_T4_OTHER,
	GIAR_T4_PENDING,
	GIAR_T4_TOTAL,
	GIAR_T4_NOUTCOMES
} GiarT4Outcome;

/*
 * Part 六's fee table (信息处理费收取情况), printed by some provinces since
 * the 2023 reports: one row of three cells.
 */
typedef enum GiarT6Cell
{
	GIAR_T6_FEE_NOTICES = 0,	/* 通知收取件数 */
	GIAR_T6_FEE_NOTIFIED_YUAN,	/* 通知收取金额（元） */
	GIAR_T6_FEE_COLLECTED_YUAN, /* 实际收取金额（元） */
	GIAR_T6_NCELLS
} GiarT6Cell;

typedef enum GiarNarrativeCell
{
	GIAR_N_NEW_REQUESTS = 0,
	GIAR_N_CARRIED_OVER,
	GIAR_N_TOTAL_HANDLED,
	GIAR_N_CARRIED_FORWARD,
	GIAR_N_REVIEW_TOTAL,
	GIAR_N_LITIGATION_TOTAL,
	GIAR_N_PROCESSING_FEE_YUAN,
	GIAR_N_NCELLS
} GiarNarrativeCell;

#define GIAR_CELL_T2_BASE 0
#define GIAR_CELL_T3_BASE (GIAR_CELL_T2_BASE + GIAR_T2_NCELLS)
#define GIAR_CELL_T4_BASE (GIAR_CELL_T3_BASE + GIAR_T3_NROWS * GIAR_T3_NCOLS)
#define GIAR_CELL_T6_BASE (GIAR_CELL_T4_BASE + GIAR_T4_NGROUPS * GIAR_T4_NOUTCOMES)
#define GIAR_CELL_N_BASE (GIAR_CELL_T6_BASE + GIAR_T6_NCELLS)
#define GIAR_NCELLS (GIAR_CELL_N_BASE + GIAR_N_NCELLS)

#define GIAR_CELL_T2(c) (GIAR_CELL_T2_BASE + (c))
#define GIAR_CELL_T3(row, col) (GIAR_CELL_T3_BASE + (row) * GIAR_T3_NCOLS + (col))
#define GIAR_CELL_T4(group, outcome) \
	(GIAR_CELL_T4_BASE + (group) * GIAR_T4_NOUTCOMES + (outcome))
#define GIAR_CELL_T6(c) (GIAR_CELL_T6_BASE + (c))
#define GIAR_CELL_N(c) (GIAR_CELL_N_BASE + (c))

typedef enum GiarValueKind
{
	GIAR_KIND_COUNT,			/* non-negative integer */
	GIAR_KIND_SIGNED,			/* integer that may be negative (本年增/减) */
	GIAR_KIND_AMOUNT,			/* decimal amount */
	GIAR_KIND_YEAR,
	GIAR_KIND_TEXT,				/* metadata that is not a number */
	GIAR_KIND_DATE
} GiarValueKind;

/* Bits of GiarDictEntry.formats. */
#define GIAR_IN_2021 0x1
#define GIAR_IN_2019 0x2
#define GIAR_IN_BOTH (GIAR_IN_2021 | GIAR_IN_2019)

typedef struct GiarDictEntry
{
	const char *key;			/* canonical key, e.g. t3.disclosed.total */
	const char *table_name;		/* meta, t2, t3, t4, t6, n */
	const char *row_key;
	const char *column_key;		/* NULL where the row has one value */
	const char *row_label;		/* Chinese label of the row */
	const char *column_label;	/* Chinese label of the column, or NULL */
	const char *unit;			/* 件, 万元, 元 or NULL */
	GiarValueKind kind;
	unsigned	formats;		/* GIAR_IN_* */
	const char *field;			/* path in giar.report, NULL if derived */
	int			cell;			/* index in GiarReport.cells, -1 if none */
	int			derived_first;	/* derived subtotal: first table-3 row */
	int			derived_last;	/* ... last row; -1 when not derived */
} GiarDictEntry;

extern const GiarDictEntry giar_dictionary[];
extern const int giar_dictionary_size;

/* Entry of a stored cell, by cell index. */
extern const GiarDictEntry *giar_dict_by_cell(int cell);

/* Entry by key; NULL if unknown. */
extern const GiarDictEntry *giar_dict_by_key(const char *key);

/* Entry by composite field path (e.g. "narrative.review_total"). */
extern const GiarDictEntry *giar_dict_by_field(const char *field);

extern const char *const giar_t3_row_keys[GIAR_T3_NROWS];
extern const char *const giar_t3_column_keys[GIAR_T3_NCOLS];
extern const char *const giar_t4_group_keys[GIAR_T4_NGROUPS];
extern const char *const giar_t4_outcome_keys[GIAR_T4_NOUTCOMES];

#endif							/* GIAR_DICTIONARY_H */
