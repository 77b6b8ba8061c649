/*
 * drawing_order.c
 *		Place a table's numbers when the text gives them in the order the
 *		PDF drew them, not in reading order.
 *
 * Plain pdftotext, and copy and paste from a PDF viewer, give a table's
 * cells in drawing order: row labels apart from their numbers, and the
 * numbers of a band of rows (a page's part of the table, the rows under a
 * merged label cell) column by column instead of row by row.  The order of
 * the numbers is then no guide to their cells; the format's identities are.
 *
 * Table 3 is read as bands of consecutive printed rows, each band either
 * across its rows or down its columns, in every way that keeps each row's
 * 总计 the sum of its six columns; the readings that also keep the column
 * identities (（七）总计 = the outcome rows, 一 + 二 = （七） + 四) are the
 * table's possible readings.  A cell is known when they all agree on it.
 * Zeros make many band splits read alike, so readings are compared as
 * matrices, built from the last row up and merged when equal: real tables
 * leave a handful, and a text leaving more than MAX_TAILS is undecidable.
 *
 * Table 4's three groups are drawn interleaved ("72 64 178 37 12 1 1 6
 * 351 …"), each in its own order; the totals tell the groups apart, but
 * nothing in the numbers tells which group is which column.
 */
#include <stdio.h>
#include <string.h>

#include "drawing_order.h"

/* Distinct partial readings kept per starting row. */
#define MAX_TAILS 128

typedef struct Tail
{
	int64_t    *rows;			/* (nrows - from) rows of GIAR_T3_NCOLS */
	uint64_t	hash;
	int			band;			/* rows in this tail's first band */
	bool		down;			/* that band read down its columns */
	int			next;			/* the tail after the band, at from + band */
} Tail;

typedef struct TailSet
{
	Tail	   *tails;
	int			n;
	int			cap;
	bool		overflow;		/* more than MAX_TAILS */
} TailSet;

/*
 * A tail's hash folds its rows from the last up, so that it depends on the
 * rows alone, not on the bands they were read in: a band's rows fold onto
 * the hash of the tail after it.
 */
#define EMPTY_TAIL_HASH UINT64_C(1469598103934665603)

static uint64_t
hash_row_onto(uint64_t h, const int64_t *row)
{
	for (int c = 0; c < GIAR_T3_NCOLS; c++)
	{
		h ^= (uint64_t) row[c];
		h *= UINT64_C(1099511628211);
		h ^= h >> 29;
	}
	return h;
}

/* Does each of the band's rows keep 总计 = the six columns? */
static bool
band_rows_hold(const int64_t *rows, int k)
{
	for (int r = 0; r < k; r++)
	{
		const int64_t *row = rows + r * GIAR_T3_NCOLS;
		int64_t		sum = 0;

		for (int c = 0; c < GIAR_T3_TOTAL; c++)
			if (__builtin_add_overflow(sum, row[c], &sum))
				return false;
		if (sum != row[GIAR_T3_TOTAL])
			return false;
	}
	return true;
}

static bool
column_identities_hold(const int64_t *m, int nrows)
{
	int			total = nrows - 2;
	int			forward = nrows - 1;

	for (int c = 0; c < GIAR_T3_NCOLS; c++)
	{
		int64_t		outcomes = 0,
					in,
					out;

		for (int r = 2; r < total; r++)
			if (__builtin_add_overflow(outcomes, m[r * GIAR_T3_NCOLS + c], &outcomes))
				return false;
		if (outcomes != m[total * GIAR_T3_NCOLS + c])
			return false;
		if (__builtin_add_overflow(m[c], m[GIAR_T3_NCOLS + c], &in) ||
			__builtin_add_overflow(m[total * GIAR_T3_NCOLS + c],
								   m[forward * GIAR_T3_NCOLS + c], &out) ||
			in != out)
			return false;
	}
	return true;
}

/* "5-14 down", or "23 across" for one row */
static size_t
describe_range(char *buf, size_t max, bool first, int from, int to, const char *how)
{
	if (from == to)
		return (size_t) snprintf(buf, max, "%s%d %s", first ? "" : ", ", from, how);
	return (size_t) snprintf(buf, max, "%s%d-%d %s", first ? "" : ", ", from, to, how);
}

static void
describe_bands(const TailSet *sets, int first, char *buf, size_t max)
{
	size_t		used = 0;
	int			from = 0;
	int			t = first;
	/* adjacent bands of one row read across are one stretch "1-4 across" */
	int			across_from = -1;

	buf[0] = '\0';
	while (used + 40 < max)
	{
		const Tail *tail;

		if (t < 0 || t >= sets[from].n)
			break;
		tail = &sets[from].tails[t];
		if (tail->rows == NULL)
			break;
		if (!tail->down || tail->band == 1)
		{
			if (across_from < 0)
				across_from = from;
		}
		else
		{
			if (across_from >= 0)
				used += describe_range(buf + used, max - used, used == 0,
									   across_from + 1, from, "across");
			across_from = -1;
			used += describe_range(buf + used, max - used, used == 0,
								   from + 1, from + tail->band, "down");
		}
		t = tail->next;
		from += tail->band;
		if (t < 0)
			break;
	}
	if (across_from >= 0 && used + 40 < max)
		describe_range(buf + used, max - used, used == 0, across_from + 1, from,
					   "across");
}

int
giar_drawn_table3(GiarContext *cx, const int64_t *values, int n, int nrows,
				  GiarDrawnT3 *out)
{
	const int	C = GIAR_T3_NCOLS;
	TailSet    *sets;
	int64_t    *band = giar_alloc(cx, sizeof(int64_t) * (size_t) (nrows * C));
	int			nreadings = 0;
	int			first = -1;

	memset(out, 0, sizeof(*out));
	out->nrows = nrows;
	if (nrows < 4 || nrows > GIAR_DRAWN_T3_MAX_ROWS || n != nrows * C)
		return 0;
	sets = giar_alloc(cx, sizeof(TailSet) * (size_t) (nrows + 1));
	/* the empty tail past the last row */
	sets[nrows].tails = giar_alloc(cx, sizeof(Tail));
	sets[nrows].tails[0].next = -1;
	sets[nrows].tails[0].hash = EMPTY_TAIL_HASH;
	sets[nrows].n = 1;

	for (int from = nrows - 1; from >= 0; from--)
	{
		TailSet    *set = &sets[from];
		const int64_t *seg = values + from * C;
		int			width = (nrows - from) * C;

		for (int k = 1; k <= nrows - from && !set->overflow; k++)
		{
			const TailSet *rest = &sets[from + k];

			if (rest->overflow)
			{
				set->overflow = true;
				break;
			}
			/*
			 * Several rows read across are as many one-row bands: only one
			 * row is read across at a time.  A band read down that reads as
			 * it does across (zeros, mostly) is those rows read across.
			 */
			{
				bool		down = k > 1;
				bool		same = true;
				bool		holds = true;

				giar_tick_n(cx, (size_t) (k * C));
				/* row by row: most bands fail at their first row */
				for (int r = 0; r < k && holds; r++)
				{
					for (int c = 0; c < C; c++)
					{
						band[r * C + c] = down ? seg[c * k + r] : seg[r * C + c];
						same &= band[r * C + c] == seg[r * C + c];
					}
					holds = band_rows_hold(band + r * C, 1);
				}
				if (!holds || (down && same))
					continue;
				for (int t = 0; t < rest->n; t++)
				{
					const Tail *after = &rest->tails[t];
					int64_t    *rows;
					uint64_t	h = after->hash;
					bool		seen = false;

					giar_tick_n(cx, (size_t) (k * C));
					for (int r = k - 1; r >= 0; r--)
						h = hash_row_onto(h, band + r * C);
					/* the band's rows, then the tail's: compared in place */
					for (int s = 0; s < set->n && !seen; s++)
						seen = set->tails[s].hash == h &&
							memcmp(set->tails[s].rows, band,
								   sizeof(int64_t) * (size_t) (k * C)) == 0 &&
							(width == k * C ||
							 memcmp(set->tails[s].rows + k * C, after->rows,
									sizeof(int64_t) * (size_t) (width - k * C)) == 0);
					if (seen)
						continue;
					if (set->n == MAX_TAILS)
					{
						set->overflow = true;
						break;
					}
					giar_tick_n(cx, (size_t) width);
					rows = giar_alloc_uninit(cx, sizeof(int64_t) * (size_t) width);
					memcpy(rows, band, sizeof(int64_t) * (size_t) (k * C));
					if (width > k * C)
						memcpy(rows + k * C, after->rows,
							   sizeof(int64_t) * (size_t) (width - k * C));
					set->tails = giar_grow_uninit(cx, set->tails, sizeof(Tail), &set->cap, set->n);
					set->tails[set->n].rows = rows;
					set->tails[set->n].hash = h;
					set->tails[set->n].band = k;
					set->tails[set->n].down = down;
					set->tails[set->n].next = t;
					set->n++;
				}
			}
		}
	}
	if (sets[0].overflow)
	{
		out->nreadings = -1;
		return -1;
	}

	for (int t = 0; t < sets[0].n; t++)
	{
		const int64_t *m = sets[0].tails[t].rows;

		if (!column_identities_hold(m, nrows))
			continue;
		nreadings++;
		for (int r = 0; r < nrows; r++)
			for (int c = 0; c < C; c++)
			{
				int64_t		v = m[r * C + c];
				int			k;

				if (first < 0)
				{
					out->value[r][c] = v;
					out->agreed[r][c] = true;
				}
				else if (out->agreed[r][c] && out->value[r][c] != v)
					out->agreed[r][c] = false;
				for (k = 0; k < out->ncandidates[r][c]; k++)
					if (out->candidates[r][c][k] == v)
						break;
				if (k == out->ncandidates[r][c] && k < GIAR_DRAWN_MAX_CANDIDATES)
					out->candidates[r][c][out->ncandidates[r][c]++] = v;
			}
		if (first < 0)
			first = t;
	}
	if (first >= 0)
		describe_bands(sets, first, out->bands, sizeof(out->bands));
	out->nreadings = nreadings;
	return nreadings;
}

/* ------------------------------------------------------------------ */
/* Table 4                                                             */
/* ------------------------------------------------------------------ */

typedef struct T4Search
{
	GiarContext *cx;
	const int64_t *v;
	bool		used[GIAR_DRAWN_T4_CELLS];
	int64_t		groups[GIAR_T4_NGROUPS][GIAR_T4_NOUTCOMES];
	GiarDrawnT4 *out;
} T4Search;

/*
 * Group g starts at the first number no group took; pick its other four
 * numbers after it, in order, the last of them its total.
 */
static void
t4_search(T4Search *s, int g)
{
	int			first = 0;
	int			rest[GIAR_DRAWN_T4_CELLS];
	int			nrest = 0;
	int64_t		largest = -1;

	if (s->out->ngroupings < 0)
		return;
	if (g == GIAR_T4_NGROUPS)
	{
		GiarDrawnT4 *out = s->out;

		if (out->ngroupings == GIAR_DRAWN_T4_MAX_GROUPINGS)
		{
			out->ngroupings = -1;
			return;
		}
		for (int k = 0; k < out->ngroupings; k++)
			if (memcmp(out->groupings[k], s->groups, sizeof(s->groups)) == 0)
				return;
		memcpy(out->groupings[out->ngroupings++], s->groups, sizeof(s->groups));
		return;
	}
	while (first < GIAR_DRAWN_T4_CELLS && s->used[first])
		first++;
	for (int k = first + 1; k < GIAR_DRAWN_T4_CELLS; k++)
		if (!s->used[k])
		{
			rest[nrest++] = k;
			if (s->v[k] > largest)
				largest = s->v[k];
		}
	/* counts are not negative: a total is at least each of its parts */
	if (s->v[first] > largest)
		return;
	s->used[first] = true;
	for (int a = 0; a < nrest; a++)
	{
		giar_tick_n(s->cx, (size_t) (nrest * nrest * 4));
		for (int b = a + 1; b < nrest; b++)
			for (int c = b + 1; c < nrest; c++)
			{
				int64_t		parts;

				if (__builtin_add_overflow(s->v[first], s->v[rest[a]], &parts) ||
					__builtin_add_overflow(parts, s->v[rest[b]], &parts) ||
					__builtin_add_overflow(parts, s->v[rest[c]], &parts) ||
					parts > largest)
					continue;
				for (int d = c + 1; d < nrest; d++)
				{
					if (s->v[rest[d]] != parts)
						continue;
					s->used[rest[a]] = s->used[rest[b]] = s->used[rest[c]] =
						s->used[rest[d]] = true;
					s->groups[g][0] = s->v[first];
					s->groups[g][1] = s->v[rest[a]];
					s->groups[g][2] = s->v[rest[b]];
					s->groups[g][3] = s->v[rest[c]];
					s->groups[g][4] = s->v[rest[d]];
					t4_search(s, g + 1);
					s->used[rest[a]] = s->used[rest[b]] = s->used[rest[c]] =
						s->used[rest[d]] = false;
				}
			}
	}
	s->used[first] = false;
}

int
giar_drawn_table4(GiarContext *cx, const int64_t *values, GiarDrawnT4 *out)
{
	T4Search	s;

	memset(&s, 0, sizeof(s));
	memset(out, 0, sizeof(*out));
	s.cx = cx;
	s.v = values;
	s.out = out;
	for (int k = 0; k < GIAR_DRAWN_T4_CELLS; k++)
		if (values[k] < 0)
			return 0;			/* counts: a negative is no cell of table 4 */
	t4_search(&s, 0);
	return out->ngroupings;
}
