/*
 * check.h
 *		The rules a careful assessor applies to a report, as data, and the
 *		findings they give.
 */
#ifndef GIAR_CHECK_H
#define GIAR_CHECK_H

#include "giar.h"

typedef struct GiarRule
{
	const char *id;				/* stable identifier, e.g. "T3_ROW_SUM" */
	GiarSeverity severity;
	const char *description_zh;
	const char *description_en;
	const char *source;			/* where the format or the 条例 says so */
	bool		across_years;	/* a rule of check_sequence */
} GiarRule;

extern const GiarRule giar_rules[];
extern const int giar_nrules;

typedef struct GiarFinding
{
	const GiarRule *rule;
	GiarSeverity severity;		/* the rule's; info when not assessable */
	char	   *message;		/* English, with the figures */
	const char **cells;			/* keys of the cells involved */
	int			ncells;
	GiarNumber	expected;		/* present where the rule is arithmetic */
	GiarNumber	actual;
	bool		assessable;		/* false: a cell the rule needs is absent */
} GiarFinding;

typedef struct GiarFindings
{
	GiarFinding *items;
	int			n;
	int			cap;
} GiarFindings;

/* Deadlines by kind of body, as month and day of the following year. */
typedef struct GiarDeadlines
{
	int			department_month;	/* 县级以上人民政府部门: 1月31日 */
	int			department_day;
	int			government_month;	/* 县级以上地方人民政府: 3月31日 */
	int			government_day;
	int			township_month; /* 乡镇、街道: set by provinces */
	int			township_day;
} GiarDeadlines;

extern const GiarDeadlines giar_default_deadlines;

/* Generate the identities the checks evaluate (giar_prepare calls it). */
extern void giar_checks_prepare(void);

extern void giar_report_check(GiarContext *cx, const GiarReport *report,
							  const GiarDeadlines *deadlines,
							  GiarFindings *out);
extern void giar_sequence_check(GiarContext *cx, const GiarReport *previous,
								const GiarReport *current, GiarFindings *out);

/* The kind of body an agency name denotes (for deadlines and 规章 scope). */
typedef enum GiarAgencyKind
{
	GIAR_AGENCY_UNKNOWN = 0,
	GIAR_AGENCY_DEPARTMENT,		/* 局, 委员会, 办公室 … of a government */
	GIAR_AGENCY_GOVERNMENT,		/* a county-level or higher 人民政府 */
	GIAR_AGENCY_TOWNSHIP		/* 乡、镇人民政府, 街道办事处 */
} GiarAgencyKind;

extern GiarAgencyKind giar_agency_kind(const char *agency);

/* Share of prose figures equal to the table: similarity of fingerprints. */
extern double giar_fingerprint_similarity(const uint32_t *a, const uint32_t *b);

#endif							/* GIAR_CHECK_H */
