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
