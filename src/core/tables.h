/*
 * tables.h
 *		Fitting the tokens of a region to tables 2, 3 and 4.
 */
#ifndef GIAR_TABLES_H
#define GIAR_TABLES_H

#include "formats.h"
#include "tokens.h"

/* A region of the document: tokens [from, to), lines [line_from, line_to). */
typedef struct GiarRegion
{
	int			from;
	int			to;
	int			line_from;
	int			line_to;
	bool		heading;		/* the region starts at its part heading */
} GiarRegion;

typedef struct GiarTableInput
{
	const GiarDoc *doc;
	const GiarTokens *tokens;
	GiarRegion	region;
} GiarTableInput;

extern void giar_fit_table2(GiarContext *cx, const GiarTableInput *in,
							GiarReport *report);
extern void giar_fit_table3(GiarContext *cx, const GiarTableInput *in,
							GiarReport *report);
extern void giar_fit_table4(GiarContext *cx, const GiarTableInput *in,
							GiarReport *report);

/* Does the region hold any value (number, NA mark, digit run)? */
extern bool giar_region_has_values(const GiarTokens *tokens,
								   const GiarRegion *region);
extern void giar_tables_prepare(void);

#endif							/* GIAR_TABLES_H */
