/*
 * standalone.c
 *		malloc-backed GiarEnv for tests, tools and the fuzzer.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "standalone.h"

/*
 * Each allocation is its own block (header padded to max_align_t), so that
 * sanitizers see every bound.
 */
static void *
standalone_alloc_block(GiarStandalone *sa, size_t size, bool zeroed)
{
	GiarBlock  *b;

	if (sa->alloc_limit && sa->over_limit &&
		(size > sa->alloc_limit || sa->allocated > sa->alloc_limit - size))
		longjmp(*sa->over_limit, 1);	/* as palloc's error unwinds */
	b = zeroed ? calloc(1, sizeof(max_align_t) + size) :
		malloc(sizeof(max_align_t) + size);
	if (b == NULL)
	{
		fprintf(stderr, "out of memory\n");
		abort();
	}
	b->next = sa->blocks;
	sa->blocks = b;
	sa->allocated += size;
	return (char *) b + sizeof(max_align_t);
}

static void *
standalone_alloc(void *ctx, size_t size)
{
	return standalone_alloc_block(ctx, size, true);
}

/* malloc'd: valgrind reports a decision made on a byte never written */
static void *
standalone_alloc_uninit(void *ctx, size_t size)
{
	return standalone_alloc_block(ctx, size, false);
}

void
giar_standalone_begin(GiarStandalone *sa, GiarReport *report)
{
	memset(sa, 0, sizeof(*sa));
	sa->env.alloc = standalone_alloc;
	sa->env.alloc_uninit = standalone_alloc_uninit;
	sa->env.alloc_ctx = sa;
	sa->env.check_interrupts = NULL;
	giar_context_init(&sa->cx, &sa->env, report);
}

static GiarStandalone *timed_standalone;

static double
thread_cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

static void
timed_check_interrupts(void)
{
	GiarStandalone *sa = timed_standalone;
	double		now = thread_cpu_seconds();

	if (now - sa->last_check > sa->longest_gap)
		sa->longest_gap = now - sa->last_check;
	sa->last_check = now;
	sa->interrupt_checks++;
}

void
giar_standalone_time_interrupts(GiarStandalone *sa)
{
	timed_standalone = sa;
	sa->env.check_interrupts = timed_check_interrupts;
	sa->interrupt_checks = 0;
	sa->longest_gap = 0;
	sa->last_check = thread_cpu_seconds();
}

double
giar_standalone_longest_gap(GiarStandalone *sa)
{
	timed_check_interrupts();
	sa->interrupt_checks--;		/* the end of the parse, not a check */
	sa->env.check_interrupts = NULL;
	timed_standalone = NULL;
	return sa->longest_gap;
}

void
giar_standalone_end(GiarStandalone *sa)
{
	giar_run_cleanups(&sa->cx);
	while (sa->blocks)
	{
		GiarBlock  *next = sa->blocks->next;

		free(sa->blocks);
		sa->blocks = next;
	}
}

char *
giar_read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf = NULL;
	size_t		cap = 0,
				n = 0;

	if (f == NULL)
		return NULL;
	for (;;)
	{
		size_t		got;

		if (n + 65536 + 1 > cap)
		{
			cap = (cap + 65536 + 1) * 2;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * Is s well-formed UTF-8 (no overlong form, surrogate or code point beyond
 * U+10FFFF) without control characters (C0, DEL, C1)?  What a report and
 * its findings store as text must be; checked here on its own, without the
 * core's decoder.
 */
bool
giar_text_is_clean(const char *s)
{
	const unsigned char *u = (const unsigned char *) s;

	while (*u)
	{
		unsigned char b = *u;
		int			more;
		unsigned char lo = 0x80,
					hi = 0xBF;

		if (b < 0x20 || b == 0x7F)
			return false;
		if (b < 0x80)
		{
			u++;
			continue;
		}
		if (b >= 0xC2 && b <= 0xDF)
			more = 1;
		else if (b >= 0xE0 && b <= 0xEF)
		{
			more = 2;
			if (b == 0xE0)
				lo = 0xA0;		/* overlong below */
			else if (b == 0xED)
				hi = 0x9F;		/* surrogates above */
		}
		else if (b >= 0xF0 && b <= 0xF4)
		{
			more = 3;
			if (b == 0xF0)
				lo = 0x90;
			else if (b == 0xF4)
				hi = 0x8F;		/* beyond U+10FFFF above */
		}
		else
			return false;
		if (u[1] < lo || u[1] > hi)
			return false;
		if (b == 0xC2 && u[1] < 0xA0)
			return false;		/* U+0080..U+009F: C1 controls */
		for (int k = 2; k <= more; k++)
			if ((u[k] & 0xC0) != 0x80)
				return false;
		u += more + 1;
	}
	return true;
}
