/*
 * runs.h
 *		Digits printed without cell boundaries ("328251073364"): every way
 *		to cut them into the cells of a row that the format's identities
 *		allow.
 */
#ifndef GIAR_RUNS_H
#define GIAR_RUNS_H

#include "giar.h"

/* More candidates than this and a run is called ambiguous outright. */
#define GIAR_RUN_MAX_SPLITS 64
/* Cells of one run at most (table 4's fifteen). */
#define GIAR_RUN_MAX_VALUES 16
/* Digits of one cell at most. */
#define GIAR_RUN_MAX_DIGITS 18

typedef struct GiarRunShape
{
	int			ngroups;		/* groups of cells in the run */
	int			group_size;		/* cells per group */
	bool		group_sums;		/* each group's last cell = sum of the others */
} GiarRunShape;

typedef struct GiarRunSplits
{
	int			nvalues;		/* cells per candidate */
	int			n;				/* candidates kept */
	bool		exhausted;		/* more candidates than kept, or the search gave up */
	int			cap;			/* candidates values has room for */
	/* values[c][v]: cell v of candidate c; grown as candidates are found */
	int64_t		(*values)[GIAR_RUN_MAX_VALUES];
} GiarRunSplits;

/*
 * Every cut of digits[0, len) into ngroups * group_size numbers without
 * leading zeros (a lone 0 is a number), each group summing to its last
 * number when group_sums.  The search is bounded (each cell has at most
 * GIAR_RUN_MAX_DIGITS digits, so a run longer than that times the cells is
 * rejected at once, and the steps are counted), so any input is safe.
 */
extern void giar_run_splits(GiarContext *cx, const char *digits, int len,
							const GiarRunShape *shape, GiarRunSplits *out);

/* "328|25|1|0|7|3|364; 32|82|…" for a diagnostic, at most max bytes. */
extern void giar_run_describe(const GiarRunSplits *splits, int first, int count,
							  char *buf, size_t max);

#endif							/* GIAR_RUNS_H */
