/*
 * render.h
 *		Generated reports for property tests: random balanced tables
 *		rendered in the text layouts found in the wild.
 */
#ifndef GIAR_RENDER_H
#define GIAR_RENDER_H

#include <stddef.h>

#include "giar.h"

typedef enum GiarLayout
{
	GIAR_LAYOUT_PIPE,			/* web-to-text pipe rows */
	GIAR_LAYOUT_MARKDOWN,		/* markdown table */
	GIAR_LAYOUT_CELL_PER_LINE,	/* one cell per line, blank lines between */
	GIAR_LAYOUT_CELL_PER_LINE_PIPE,	/* one cell per line ending with " |" */
	GIAR_LAYOUT_SPACES,			/* pdftotext -layout: columns of spaces */
	GIAR_LAYOUT_HTML,			/* HTML tables with rowspan and colspan */
	GIAR_NLAYOUTS
} GiarLayout;

typedef struct GiarGenReport
{
	int			year;
	char		agency[128];
	GiarNumber	cells[GIAR_NCELLS];
	bool		stated[GIAR_NCELLS];
} GiarGenReport;

/* A random report whose tables satisfy every identity of the format. */
extern void giar_gen_report(GiarGenReport *g, uint64_t *seed);

/* Render it (malloc'd, NUL-terminated). */
extern char *giar_render(const GiarGenReport *g, GiarLayout layout, size_t *len);

extern const char *giar_layout_name(GiarLayout layout);

#endif							/* GIAR_RENDER_H */
