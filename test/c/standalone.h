/*
 * standalone.h
 *		Running the core outside PostgreSQL: malloc-backed allocation that
 *		is released in one go, as the PostgreSQL adapter's memory context is.
 */
#ifndef GIAR_STANDALONE_H
#define GIAR_STANDALONE_H

#include "giar.h"

typedef struct GiarBlock
{
	struct GiarBlock *next;
} GiarBlock;

typedef struct GiarStandalone
{
	GiarEnv		env;
	GiarContext cx;
	GiarBlock  *blocks;
	size_t		allocated;
} GiarStandalone;

extern void giar_standalone_begin(GiarStandalone *sa, GiarReport *report);
extern void giar_standalone_end(GiarStandalone *sa);
extern char *giar_read_file(const char *path, size_t *len);
extern bool giar_text_is_clean(const char *s);

#endif							/* GIAR_STANDALONE_H */
