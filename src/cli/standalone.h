/*
 * standalone.h
 *		Running the core outside PostgreSQL: malloc-backed allocation that
 *		is released in one go, as the PostgreSQL adapter's memory context is.
 */
#ifndef GIAR_STANDALONE_H
#define GIAR_STANDALONE_H

#include <setjmp.h>

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
	size_t		allocated;		/* bytes, all alive until the end */
	/* an allocation past alloc_limit bytes (0: none) longjmps to over_limit */
	size_t		alloc_limit;
	jmp_buf    *over_limit;
	/* interrupt checks, when timed (giar_standalone_time_interrupts) */
	long		interrupt_checks;
	double		last_check;		/* thread CPU time, seconds */
	double		longest_gap;
} GiarStandalone;

extern void giar_standalone_begin(GiarStandalone *sa, GiarReport *report);
extern void giar_standalone_end(GiarStandalone *sa);

/*
 * Time the CPU the parse spends between interrupt checks, from now on (one
 * standalone at a time); giar_standalone_longest_gap, asked when the parse
 * is done, returns the longest stretch without a check, the last included.
 */
extern void giar_standalone_time_interrupts(GiarStandalone *sa);
extern double giar_standalone_longest_gap(GiarStandalone *sa);
extern char *giar_read_file(const char *path, size_t *len);
extern bool giar_text_is_clean(const char *s);

#endif							/* GIAR_STANDALONE_H */
