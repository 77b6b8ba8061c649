/*
 * runs.c
 *		Cut digits printed without cell boundaries into cells.
 *
 * Crawlers that drop table cell boundaries leave rows such as
 * "一、本年新收政府信息公开申请数量328251073364".  A number has no leading
 * zero (a lone 0 is a cell), and table 3's and table 4's rows end with a
 * total that is the sum of the cells before it, so the total of a group is
 * not chosen but computed and compared with the digits that follow: the
 * search branches only on the lengths of the parts.  Whatever survives is
 * every reading the row allows; the caller keeps a reading only when it is
 * the only one left after the table's other identities.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runs.h"

/* Steps of the search before it gives up (a run no real row produces). */
#define MAX_STEPS 2000000

typedef struct Search
{
	GiarContext *cx;
	const char *digits;
	int			len;
	const GiarRunShape *shape;
	GiarRunSplits *out;
	int64_t		cur[GIAR_RUN_MAX_VALUES];
	long		steps;
} Search;

/* The number digits[pos, pos + n), or -1 when it has a leading zero. */
static int64_t
number_at(const char *digits, int pos, int n)
{
	int64_t		v = 0;

	if (n > 1 && digits[pos] == '0')
		return -1;
	for (int i = 0; i < n; i++)
		v = v * 10 + (digits[pos + i] - '0');
	return v;
}

static int
decimal_length(int64_t v)
{
	int			n = 1;

	while (v >= 10)
	{
		v /= 10;
		n++;
	}
	return n;
}

static void
record(Search *s)
{
	GiarRunSplits *out = s->out;

	if (out->n == GIAR_RUN_MAX_SPLITS)
	{
		out->exhausted = true;
		return;
	}
	/* most runs have a candidate or two: room grows with them */
	if (out->n == out->cap)
		out->values = giar_grow(s->cx, out->values, sizeof(out->values[0]),
								&out->cap, out->n);
	memcpy(out->values[out->n++], s->cur, sizeof(int64_t) * (size_t) out->nvalues);
}

/* Place cell k (of the whole run) at digits[pos]; sum: of the group so far. */
static void
place(Search *s, int k, int pos, int64_t sum)
{
	const GiarRunShape *shape = s->shape;
	int			nvalues = s->out->nvalues;
	int			in_group = k % shape->group_size;
	int			left = nvalues - k;	/* cells still to place, this one included */
	int			remaining = s->len - pos;

	if (s->out->exhausted)
		return;
	if (++s->steps > MAX_STEPS)
	{
		s->out->exhausted = true;
		return;
	}
	if ((s->steps & 1023) == 0)
		giar_tick(s->cx);
	if (k == nvalues)
	{
		if (pos == s->len)
			record(s);
		return;
	}
	if (remaining < left || remaining > left * GIAR_RUN_MAX_DIGITS)
		return;

	if (shape->group_sums && in_group == shape->group_size - 1)
	{
		/* the group's total is the sum: it must be printed next */
		int			n = decimal_length(sum);

		/* a total wider than a cell can be printed is no total */
		if (n <= GIAR_RUN_MAX_DIGITS && n <= remaining &&
			number_at(s->digits, pos, n) == sum)
		{
			s->cur[k] = sum;
			place(s, k + 1, pos + n, 0);
		}
		return;
	}
	for (int n = 1; n <= GIAR_RUN_MAX_DIGITS && n <= remaining - (left - 1); n++)
	{
		int64_t		v = number_at(s->digits, pos, n);

		if (v < 0)
			break;				/* a leading zero: only the lone 0 */
		s->cur[k] = v;
		if (sum > INT64_MAX - v)
			break;				/* longer parts only make the sum larger */
		place(s, k + 1, pos + n, sum + v);
		if (s->out->exhausted)
			return;
	}
}

void
giar_run_splits(GiarContext *cx, const char *digits, int len,
				const GiarRunShape *shape, GiarRunSplits *out)
{
	Search		s;

	memset(out, 0, sizeof(*out));
	out->nvalues = shape->ngroups * shape->group_size;
	if (out->nvalues <= 0 || out->nvalues > GIAR_RUN_MAX_VALUES || len <= 0)
		return;
	for (int i = 0; i < len; i++)
		if (digits[i] < '0' || digits[i] > '9')
			return;
	memset(&s, 0, sizeof(s));
	s.cx = cx;
	s.digits = digits;
	s.len = len;
	s.shape = shape;
	s.out = out;
	place(&s, 0, 0, 0);
}

void
giar_run_describe(const GiarRunSplits *splits, int first, int count,
				  char *buf, size_t max)
{
	size_t		used = 0;

	buf[0] = '\0';
	for (int c = first; c < first + count && c < splits->n; c++)
	{
		for (int v = 0; v < splits->nvalues; v++)
		{
			int			w = snprintf(buf + used, max - used, "%s%lld",
									 v == 0 ? (c == first ? "" : "; ") : "|",
									 (long long) splits->values[c][v]);

			if (w < 0 || (size_t) w >= max - used)
			{
				if (max > 4)
					memcpy(buf + max - 4, "…", 4);
				return;
			}
			used += (size_t) w;
		}
	}
}
