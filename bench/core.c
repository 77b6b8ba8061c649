/*
 * core.c
 *		Throughput of the parser core, outside PostgreSQL, by layout, against
 *		a floor measured in the same run: counting the UTF-8 characters of
 *		the same bytes (what length() does).  For HTML pages it also times
 *		libxml2's parser alone, on the page as published and with its start
 *		tags' attributes stripped, and the tree built without libxml2
 *		(html_tree.c), the baselines the HTML path answers to.
 *
 *		make bench-core        (bench/core FIXTURE_DIR [ROUNDS])
 *
 * Allocation is a bump arena reset between parses, as a PostgreSQL memory
 * context is.  Each figure is the best of five runs of ROUNDS parses of
 * every file.  Not a test: nothing here fails on a slow result.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "giar.h"
#include "html.h"
#include "standalone.h"
#include "text.h"

typedef struct Arena
{
	char	   *buf;
	size_t		used;
	size_t		cap;
	void	  **spill;			/* allocations that did not fit */
	int			nspill;
	int			spill_cap;
} Arena;

static void *
arena_alloc_any(Arena *a, size_t size, bool zeroed)
{
	void	   *p;

	size = (size + 15) & ~(size_t) 15;
	if (a->used + size <= a->cap)
	{
		p = a->buf + a->used;
		a->used += size;
		if (zeroed)
			memset(p, 0, size);
		return p;
	}
	if (a->nspill == a->spill_cap)
	{
		a->spill_cap = a->spill_cap ? a->spill_cap * 2 : 64;
		a->spill = realloc(a->spill, sizeof(void *) * (size_t) a->spill_cap);
		if (a->spill == NULL)
			abort();
	}
	p = calloc(1, size);
	if (p == NULL)
		abort();
	a->spill[a->nspill++] = p;
	return p;
}

static void *
arena_alloc(void *ctx, size_t size)
{
	return arena_alloc_any(ctx, size, true);
}

static void *
arena_alloc_uninit(void *ctx, size_t size)
{
	return arena_alloc_any(ctx, size, false);
}

static void
arena_reset(Arena *a)
{
	for (int i = 0; i < a->nspill; i++)
		free(a->spill[i]);
	a->nspill = 0;
	a->used = 0;
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

/* The layout of a fixture, from its name (as bench/run.sh names them). */
static const char *
layout_of(const char *name)
{
	if (strstr(name, "flattened"))
		return "flattened";
	if (strstr(name, "html"))
		return "html";
	if (strstr(name, "pdftotext"))
		return "pdftotext";
	if (strstr(name, "traditional"))
		return "traditional script";
	if (strstr(name, "cell_per_line") || strncmp(name, "12_", 3) == 0 ||
		strncmp(name, "61_", 3) == 0)
		return "cell per line";
	if (strstr(name, "markdown"))
		return "markdown";
	if (strstr(name, "tab_"))
		return "tab separated";
	if (strstr(name, "lookalike") || strstr(name, "empty") || strstr(name, "legacy") ||
		strstr(name, "prose_only") || strstr(name, "images"))
		return "not a full report";
	return "pipe rows";
}

typedef struct Page
{
	char	   *name;
	const char *layout;
	char	   *text;
	size_t		len;
} Page;

static volatile long sink;

static double
time_floor(const Page *p, int rounds)
{
	double		t0 = now();

	for (int r = 0; r < rounds; r++)
	{
		long		chars = 0;

		for (size_t i = 0; i < p->len; i++)
			chars += ((unsigned char) p->text[i] & 0xC0) != 0x80;
		sink += chars;
	}
	return now() - t0;
}

static double
time_parse(const Page *p, int rounds, Arena *arena)
{
	GiarEnv		env = {arena_alloc, arena, NULL, arena_alloc_uninit};
	double		t0 = now();

	for (int r = 0; r < rounds; r++)
	{
		GiarContext cx;
		GiarReport	report;

		giar_context_init(&cx, &env, &report);
		giar_parse(&cx, p->text, p->len, &report);
		giar_run_cleanups(&cx);
		sink += report.ndiagnostics;
		arena_reset(arena);
	}
	return now() - t0;
}

static double
time_libxml2(const char *text, size_t len, int rounds)
{
	int			options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS |
		HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
	double		t0 = now();

	for (int r = 0; r < rounds; r++)
	{
		htmlDocPtr	doc = htmlReadMemory(text, (int) len, NULL, "UTF-8", options);

		if (doc)
			xmlFreeDoc(doc);
	}
	return now() - t0;
}

/* The page's tree built without libxml2 (giar_html_build_tree), if it can. */
static double
time_tree(const Page *p, int rounds, Arena *arena, bool *built)
{
	GiarEnv		env = {arena_alloc, arena, NULL, arena_alloc_uninit};
	double		t0 = now();

	for (int r = 0; r < rounds; r++)
	{
		GiarContext cx;
		GiarReport	report;
		HtmlTree	tree;

		giar_context_init(&cx, &env, &report);
		*built = giar_html_build_tree(&cx, p->text, p->len, &tree);
		sink += tree.n;
		arena_reset(arena);
	}
	return now() - t0;
}

static int
compare_pages(const void *a, const void *b)
{
	return strcmp(((const Page *) a)->name, ((const Page *) b)->name);
}

#define BEST_OF 5

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "test/fixtures";
	int			rounds = argc > 2 ? atoi(argv[2]) : 20;
	DIR		   *d = opendir(dir);
	struct dirent *de;
	Page	   *pages = NULL;
	int			n = 0,
				cap = 0;
	Arena		arena = {malloc(64 << 20), 0, 64 << 20, NULL, 0, 0};
	const char *layouts[32];
	int			nlayouts = 0;
	double		all_parse = 0,
				all_floor = 0;

	if (d == NULL || arena.buf == NULL || rounds < 1)
	{
		fprintf(stderr, "usage: %s FIXTURE_DIR [ROUNDS]\n", argv[0]);
		return 2;
	}
	while ((de = readdir(d)) != NULL)
	{
		size_t		l = strlen(de->d_name);
		char		path[4096];

		if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0)
			continue;
		if (n == cap)
		{
			cap = cap ? cap * 2 : 64;
			pages = realloc(pages, sizeof(Page) * (size_t) cap);
			if (pages == NULL)
				abort();
		}
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		pages[n].name = strdup(de->d_name);
		pages[n].layout = layout_of(de->d_name);
		pages[n].text = giar_read_file(path, &pages[n].len);
		if (pages[n].text)
			n++;
	}
	closedir(d);
	qsort(pages, (size_t) n, sizeof(Page), compare_pages);
	for (int i = 0; i < n; i++)
	{
		bool		seen = false;

		for (int k = 0; k < nlayouts; k++)
			seen |= strcmp(layouts[k], pages[i].layout) == 0;
		if (!seen && nlayouts < 32)
			layouts[nlayouts++] = pages[i].layout;
	}
	/* warm up: ICU's data and transforms load on first use */
	for (int i = 0; i < n; i++)
		time_parse(&pages[i], 1, &arena);

	printf("core parse by layout: best of %d runs of %d rounds; floor = counting the "
		   "UTF-8 characters of the same bytes\n", BEST_OF, rounds);
	printf("  %-20s %5s %10s %12s %12s %12s\n", "layout", "files", "bytes",
		   "parse MB/s", "floor MB/s", "parse/floor");
	for (int k = 0; k < nlayouts; k++)
	{
		double		best_parse = 1e30,
					best_floor = 1e30;
		size_t		bytes = 0;
		int			files = 0;

		for (int run = 0; run < BEST_OF; run++)
		{
			double		tp = 0,
						tf = 0;

			for (int i = 0; i < n; i++)
				if (strcmp(pages[i].layout, layouts[k]) == 0)
				{
					tp += time_parse(&pages[i], rounds, &arena);
					tf += time_floor(&pages[i], rounds);
				}
			if (tp < best_parse)
				best_parse = tp;
			if (tf < best_floor)
				best_floor = tf;
		}
		for (int i = 0; i < n; i++)
			if (strcmp(pages[i].layout, layouts[k]) == 0)
			{
				bytes += pages[i].len;
				files++;
			}
		all_parse += best_parse;
		all_floor += best_floor;
		printf("  %-20s %5d %10zu %12.1f %12.1f %12.1f\n", layouts[k], files, bytes,
			   bytes * (double) rounds / best_parse / 1e6,
			   bytes * (double) rounds / best_floor / 1e6, best_parse / best_floor);
	}
	printf("  %-20s %5d %10s %12s %12s %12.1f\n", "all", n, "", "", "",
		   all_parse / all_floor);

	/*
	 * libxml2 alone on the HTML pages, as published and stripped, and the
	 * tree built without it (html_tree.c), on the pages it builds
	 */
	{
		double		as_is = 1e30,
					stripped = 1e30,
					floor = 1e30,
					direct = 1e30,
					direct_floor = 1e30;
		size_t		bytes = 0,
					direct_bytes = 0;
		Arena		tree_arena = {malloc(16 << 20), 0, 16 << 20, NULL, 0, 0};

		for (int run = 0; run < BEST_OF; run++)
		{
			double		ta = 0,
						ts = 0,
						tf = 0,
						td = 0,
						tdf = 0;

			bytes = 0;
			direct_bytes = 0;
			for (int i = 0; i < n; i++)
			{
				GiarStandalone sa;
				GiarReport	report;
				char	   *bare;
				size_t		bare_len;

				if (!giar_looks_like_html(pages[i].text, pages[i].len))
					continue;
				bytes += pages[i].len;
				ta += time_libxml2(pages[i].text, pages[i].len, rounds);
				tf += time_floor(&pages[i], rounds);
				{
					bool		built;
					double		t = time_tree(&pages[i], rounds, &tree_arena, &built);

					if (built)
					{
						td += t;
						tdf += time_floor(&pages[i], rounds);
						direct_bytes += pages[i].len;
					}
				}
				giar_standalone_begin(&sa, &report);
				if (giar_html_strip_attributes(&sa.cx, pages[i].text, pages[i].len,
											   &bare, &bare_len))
					ts += time_libxml2(bare, bare_len, rounds);
				else
					ts += time_libxml2(pages[i].text, pages[i].len, rounds);
				giar_standalone_end(&sa);
			}
			if (ta < as_is)
				as_is = ta;
			if (ts < stripped)
				stripped = ts;
			if (tf < floor)
				floor = tf;
			if (td < direct)
				direct = td;
			if (tdf < direct_floor)
				direct_floor = tdf;
		}
		if (bytes > 0)
			printf("libxml2's HTML parser alone on the %zu bytes of HTML pages: as published "
				   "%.1f MB/s (%.1f x the floor), attributes stripped %.1f MB/s (%.1f x)\n",
				   bytes, bytes * (double) rounds / as_is / 1e6, as_is / floor,
				   bytes * (double) rounds / stripped / 1e6, stripped / floor);
		if (direct_bytes > 0)
			printf("the tree built without libxml2 (html_tree.c) on the %zu bytes of pages "
				   "it builds: %.1f MB/s (%.1f x the floor)\n", direct_bytes,
				   direct_bytes * (double) rounds / direct / 1e6, direct / direct_floor);
	}
	return sink == 42 ? 1 : 0;
}
