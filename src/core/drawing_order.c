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
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "drawing_order.h"

/* Distinct partial readings kept per starting row. */
#define MAX_TAILS 128

/*
 * A tail: the rows from some row to the last, as a first band and the tail
 * after it.  The band's rows are the text's numbers themselves for a row
 * read across, or one copy per band read down, shared by every tail that
 * starts with that band.
 */
typedef struct Tail
{
	const int64_t *rows;		/* the band's rows, band * GIAR_T3_NCOLS */
	uint64_t	hash;			/* of all its rows, the tail's after it too */
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

/* Walks a tail's rows one by one, through the tails after its band. */
typedef struct RowCursor
{
	const TailSet *sets;
	int			from;			/* the row the current tail starts at */
	int			t;				/* the current tail, in sets[from] */
	int			r;				/* the row inside its band */
} RowCursor;

static inline const int64_t *
cursor_row(const RowCursor *c)
{
	return c->sets[c->from].tails[c->t].rows + c->r * GIAR_T3_NCOLS;
}

static inline void
cursor_next(RowCursor *c)
{
	const Tail *tail = &c->sets[c->from].tails[c->t];

	if (++c->r == tail->band)
	{
		c->from += tail->band;
		c->t = tail->next;
		c->r = 0;
	}
}

/*
 * Are the rows of tail a (at row from) those of band's k rows followed by
 * tail `after` (at row from + k)?
 */
static bool
tail_equals(const TailSet *sets, int from, int a, const int64_t *band, int k,
			int after, int nrows)
{
	RowCursor	x = {sets, from, a, 0};
	RowCursor	y = {sets, from + k, after, 0};

	for (int row = from; row < nrows; row++)
	{
		const int64_t *other = row < from + k ? band + (row - from) * GIAR_T3_NCOLS :
			cursor_row(&y);

		if (memcmp(cursor_row(&x), other, sizeof(int64_t) * GIAR_T3_NCOLS) != 0)
			return false;
		cursor_next(&x);
		if (row >= from + k)
			cursor_next(&y);
	}
	return true;
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
put_text(char *buf, size_t at, const char *s)
{
	size_t		n = strlen(s);

	memcpy(buf + at, s, n + 1);	/* with its NUL: the next write goes over it */
	return at + n;
}

/* Row numbers are 1 to 25: two digits at most. */
static size_t
put_row(char *buf, size_t at, int row)
{
	if (row >= 10)
		buf[at++] = (char) ('0' + row / 10);
	buf[at++] = (char) ('0' + row % 10);
	return at;
}

/* Writes at most 20 bytes; the caller leaves room (describe_bands). */
static size_t
describe_range(char *buf, size_t max, bool first, int from, int to, const char *how)
{
	size_t		at = 0;

	(void) max;
	if (!first)
		at = put_text(buf, at, ", ");
	at = put_row(buf, at, from);
	if (from != to)
	{
		buf[at++] = '-';
		at = put_row(buf, at, to);
	}
	buf[at++] = ' ';
	at = put_text(buf, at, how);
	buf[at] = '\0';
	return at;
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
	int64_t    *matrix;

	/* the candidates are written as cells turn out to differ */
	memset(out, 0, offsetof(GiarDrawnT3, candidates));
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

		for (int k = 1; k <= nrows - from && !set->overflow; k++)
		{
			const TailSet *rest = &sets[from + k];

			if (rest->overflow)
			{
				set->overflow = true;
				break;
			}
			if (rest->n == 0)
				continue;		/* no reading of the rows after the band */
			/*
			 * Several rows read across are as many one-row bands: only one
			 * row is read across at a time.  A band read down that reads as
			 * it does across (zeros, mostly) is those rows read across.
			 */
			{
				bool		down = k > 1;
				bool		holds = true;
				const int64_t *rows = seg;

				giar_tick_n(cx, (size_t) k * C);
				if (down)
				{
					/* row by row: most bands fail at their first row */
					for (int r = 0; r < k && holds; r++)
					{
						int64_t		sum = 0;

						for (int c = 0; c < GIAR_T3_TOTAL && holds; c++)
							holds = !__builtin_add_overflow(sum, seg[c * k + r], &sum);
						holds = holds && sum == seg[GIAR_T3_TOTAL * k + r];
						for (int c = 0; c < C && holds; c++)
							band[r * C + c] = seg[c * k + r];
					}
					if (!holds ||
						memcmp(band, seg, sizeof(int64_t) * (size_t) (k * C)) == 0)
						continue;
					rows = band;
				}
				else if (!band_rows_hold(seg, 1))
					continue;
				for (int t = 0; t < rest->n; t++)
				{
					uint64_t	h = rest->tails[t].hash;
					bool		seen = false;

					giar_tick_n(cx, (size_t) k * C);
					for (int r = k - 1; r >= 0; r--)
						h = hash_row_onto(h, rows + r * C);
					for (int s = 0; s < set->n && !seen; s++)
						seen = set->tails[s].hash == h &&
							tail_equals(sets, from, s, rows, k, t, nrows);
					if (seen)
						continue;
					if (set->n == MAX_TAILS)
					{
						set->overflow = true;
						break;
					}
					if (rows == band)
					{
						/* the band's copy, shared by its tails */
						int64_t    *copy = giar_alloc_uninit(cx, sizeof(int64_t) * (size_t) (k * C));

						memcpy(copy, band, sizeof(int64_t) * (size_t) (k * C));
						rows = copy;
					}
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

	matrix = giar_alloc_uninit(cx, sizeof(int64_t) * (size_t) (nrows * C));
	for (int t = 0; t < sets[0].n; t++)
	{
		const int64_t *m = matrix;
		RowCursor	cur = {sets, 0, t, 0};

		for (int r = 0; r < nrows; r++)
		{
			memcpy(matrix + r * C, cursor_row(&cur), sizeof(int64_t) * C);
			cursor_next(&cur);
		}

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
					continue;
				}
				if (out->value[r][c] == v && out->agreed[r][c])
					continue;
				if (out->agreed[r][c])
				{
					/* the first reading's value is the first candidate */
					out->agreed[r][c] = false;
					out->candidates[r][c][0] = out->value[r][c];
					out->ncandidates[r][c] = 1;
				}
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
		/* sums of four counts below INT64_MAX / 4 (giar_drawn_table4) */
		int64_t		sum_a = s->v[first] + s->v[rest[a]];

		giar_tick_n(s->cx, (size_t) nrest * (size_t) nrest * 4);
		if (sum_a > largest)
			continue;
		for (int b = a + 1; b < nrest; b++)
		{
			int64_t		sum_b = sum_a + s->v[rest[b]];

			if (sum_b > largest)
				continue;
			for (int c = b + 1; c < nrest; c++)
			{
				int64_t		parts = sum_b + s->v[rest[c]];

				if (parts > largest)
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
		if (values[k] < 0 || values[k] > INT64_MAX / 4)
			return 0;			/* counts: a negative is no cell of table 4 */
	t4_search(&s, 0);
	return out->ngroupings;
}
