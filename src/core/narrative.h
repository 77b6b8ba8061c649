/*
 * narrative.h
 *		Figures quoted in the report's prose.
 */
#ifndef GIAR_NARRATIVE_H
#define GIAR_NARRATIVE_H

#include "structure.h"

/*
 * Read the narrative figures of parts 一 and 六 (or, when part 一 has no
 * heading, of the lines before body_start).
 */
extern void giar_read_narrative(GiarContext *cx, const GiarDoc *doc,
								const GiarParts *parts, int body_start,
								GiarReport *report);

extern void giar_read_narrative_whole(GiarContext *cx, const GiarDoc *doc,
									  GiarReport *report);

extern void giar_narrative_prepare(void);

#endif							/* GIAR_NARRATIVE_H */
