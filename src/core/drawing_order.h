/*
 * drawing_order.h
 *		Place a table's numbers when the text gives them in the order the
 *		PDF drew them, not in reading order.
 */
#ifndef GIAR_DRAWING_ORDER_H
#define GIAR_DRAWING_ORDER_H

#include "dictionary.h"
#include "giar.h"

/* Printed rows of table 3 at most (25 in 2021, 23 with one （六） row). */
#define GIAR_DRAWN_T3_MAX_ROWS 25
/* Candidates kept per undetermined cell, for the diagnostic. */
#define GIAR_DRAWN_MAX_CANDIDATES 4

typedef struct GiarDrawnT3
{
	int			nrows;
	/* distinct matrices satisfying every identity; -1: more than were kept */
	int			nreadings;
	/* per cell: the value every reading agrees on, or the candidates */
	int64_t		value[GIAR_DRAWN_T3_MAX_ROWS][GIAR_T3_NCOLS];
	bool		agreed[GIAR_DRAWN_T3_MAX_ROWS][GIAR_T3_NCOLS];
	int			ncandidates[GIAR_DRAWN_T3_MAX_ROWS][GIAR_T3_NCOLS];
	/* the bands of the first reading, "1-4 across, 5-14 down, …" */
	char		bands[160];
	/* last: written only for cells the readings disagree on */
	int64_t		candidates[GIAR_DRAWN_T3_MAX_ROWS][GIAR_T3_NCOLS][GIAR_DRAWN_MAX_CANDIDATES];
} GiarDrawnT3;

/*
 * Every reading of table 3's n numbers (n = nrows * 7, in text order) as
 * bands of consecutive printed rows, each band read across its rows or
 * down its columns, that satisfies the format's identities.  Returns the
 * number of distinct readings (0: none; -1: too many to tell apart).
 */
extern int	giar_drawn_table3(GiarContext *cx, const int64_t *values, int n,
							  int nrows, GiarDrawnT3 *out);

#define GIAR_DRAWN_T4_CELLS (GIAR_T4_NGROUPS * GIAR_T4_NOUTCOMES)
#define GIAR_DRAWN_T4_MAX_GROUPINGS 8

typedef struct GiarDrawnT4
{
	/* groupings[k][g][o]: outcome o of the g-th group (by first number) */
	int64_t		groupings[GIAR_DRAWN_T4_MAX_GROUPINGS][GIAR_T4_NGROUPS][GIAR_T4_NOUTCOMES];
	int			ngroupings;		/* -1: more than were kept */
} GiarDrawnT4;

/*
 * Every way to cut table 4's fifteen numbers (in text order) into three
 * groups of five, each group's numbers in its own left-to-right order and
 * its last the sum of the other four: the drawing orders that interleave
 * the groups.  Which group is which column the numbers cannot say.
 */
extern int	giar_drawn_table4(GiarContext *cx, const int64_t *values,
							  GiarDrawnT4 *out);

#endif							/* GIAR_DRAWING_ORDER_H */
