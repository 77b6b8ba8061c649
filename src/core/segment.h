/*
 * segment.h
 *		Line breaks are hints, not structure: cutting lines that hold
 *		several pieces of a report's structure.
 */
#ifndef GIAR_SEGMENT_H
#define GIAR_SEGMENT_H

#include "structure.h"

/*
 * Cut the document's lines before part headings, the title, table anchors,
 * row labels and the text that follows a row's values, where they stand
 * inside a line, so that what reads lines sees the structure.  parts: the
 * part headings found at line starts; found again when lines were cut.
 * Returns true when lines were cut.
 */
extern bool giar_segment_lines(GiarContext *cx, GiarDoc *doc, GiarParts *parts);

/*
 * Join the lines of a box table's row that a text browser wrapped (several
 * lines between two rules, values on one of them) into one line.
 */
extern void giar_merge_box_rows(GiarContext *cx, GiarDoc *doc);

extern void giar_segment_prepare(void);

#endif							/* GIAR_SEGMENT_H */
