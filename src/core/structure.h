/*
 * structure.h
 *		The report's parts (一 … 六) and its metadata.
 */
#ifndef GIAR_STRUCTURE_H
#define GIAR_STRUCTURE_H

#include "text.h"

typedef struct GiarParts
{
	int			line[GIAR_NPARTS + 1];	/* heading line of part k, or -1 */
} GiarParts;

extern void giar_find_parts(GiarContext *cx, const GiarDoc *doc,
							GiarParts *parts);

/*
 * The part whose heading s[0, len) is, or 0: the test giar_find_parts
 * applies at line starts, for a heading cut out of a line (segment.c).
 */
extern int	giar_heading_part(const char *s, int len);

/* Does s[0, len) hold a mark of a list of other documents ("上一篇")? */
extern bool giar_lists_documents(const char *s, int len);

/* First and last+1 line of part k: up to the next part found. */
extern void giar_part_range(const GiarDoc *doc, const GiarParts *parts, int k,
							int *from, int *to);

extern void giar_read_meta(GiarContext *cx, const GiarDoc *doc,
						   const GiarParts *parts, GiarReport *report);

/* Does the document cite a format notice?  Returns 2021, 2019 or 0. */
extern int	giar_cited_format(GiarContext *cx, const GiarDoc *doc);

/* Title of a 行政执法 publication or another document that is no report. */
extern bool giar_is_look_alike(const GiarDoc *doc, const GiarParts *parts);
/* How many of the six part headings were found. */
extern int	giar_count_parts(const GiarParts *parts);

/* Substring search that lets spaces stand between the needle's characters. */
extern const char *giar_find_spaced(const char *hay, int haylen,
									const char *needle, int *matchlen);

#endif							/* GIAR_STRUCTURE_H */
