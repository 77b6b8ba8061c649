/*
 * fee_table.c
 *		Part 六's fee table (信息处理费收取情况), where a report prints one:
 *		通知收取件数, 通知收取金额（元） and 实际收取金额（元） over one row.
 *
 * The table is found by its words, never by its lines: its row label next
 * to its three column headers, in one of the shapes converters leave:
 *
 *   headers, then the row (a header row over the row, as printed):
 *		通知收取件数 | 通知收取金额(元) | 实际收取金额(元)  信息处理费收取情况 | 2 | 300 | 300
 *   the row label as a caption, then the headers, then the values:
 *		信息处理费收取情况  通知收取件数 通知收取金额(元) 实际收取金额(元)  2 300 300
 *   each header followed by its value (the table printed down, or prose):
 *		信息处理费收取情况  通知收取件数 2  通知收取金额(元) 300  实际收取金额(元) 300
 *
 * Only separators (spaces, line breaks, bars, rules, list punctuation) may
 * stand between these words and numbers, so prose that merely names the
 * fee ("（一）信息处理费收取情况。本年度未收取…") is no table.  Values are
 * taken in the order of the headers as printed.
 *
 * Digits run together ("信息处理费收取情况18000", as crawlers keep the row)
 * are cut in the one way the fee rules allow: no notice, no amount; a
 * notice, an amount; no more collected than notified; amounts in 元 with at
 * most two decimals.  When several cuts fit, the cells are left absent with
 * the cuts listed (CELL_UNDETERMINABLE): a wrong figure is worse than none.
 * Values printed apart are read as printed, and the checks judge them.
 */
#include <stdio.h>
#include <string.h>

#include "fee_table.h"
#include "formats.h"

typedef enum ElementKind
{
	EL_LABEL,					/* the row label */
	EL_HEADER,					/* a column header */
	EL_VALUE,					/* digits, maybe with a unit */
	EL_NA,						/* a "not applicable" mark */
	EL_OTHER					/* any other text */
} ElementKind;

typedef struct Element
{
	ElementKind kind;
	int			from;			/* bytes of the joined text */
	int			to;				/* value: end of its digits (no unit) */
	int			column;			/* header: index in the spec's columns */
} Element;

typedef struct Scan
{
	const char *text;			/* part 六's lines joined by '\n' */
	int			len;
	int		   *line_start;		/* offset of each joined line */
	int			first_line;		/* doc line of the first joined line */
	int			nlines;
	Element    *el;
	int			n;
	int			cap;
} Scan;

/* Cuts of one run kept for a diagnostic. */
#define MAX_LISTED_CUTS 4
/* Longer runs are not cut (three amounts of 18 digits at most). */
#define MAX_RUN_BYTES 60

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Where word ends when it starts at text[at], spaces and line breaks
 * allowed between its characters (a header wrapped in its cell), or -1.
 */
static int
spaced_match(const char *text, int len, int at, const char *word)
{
	int			p = at;

	for (const char *w = word; *w;)
	{
		int			clen = ((unsigned char) *w < 0x80) ? 1 :
			((unsigned char) *w < 0xE0) ? 2 : ((unsigned char) *w < 0xF0) ? 3 : 4;

		if (w != word)
			while (p < len && is_space(text[p]))
				p++;
		if (p + clen > len || memcmp(text + p, w, clen) != 0)
			return -1;
		p += clen;
		w += clen;
	}
	return p;
}

/* The longest of words at text[at]: its end, or -1. */
static int
match_any(const char *text, int len, int at, const char *const *words)
{
	int			best = -1;

	for (int i = 0; words[i]; i++)
	{
		int			end = spaced_match(text, len, at, words[i]);

		if (end > best)
			best = end;
	}
	return best;
}

/*
 * Separators between the table's words and numbers: spaces, bars, colons,
 * list punctuation and rules of dashes ("|---|---|").  A lone dash is no
 * separator: it may be a cell's "not applicable" mark.
 */
static int
separator_end(const char *text, int len, int at)
{
	char		c = text[at];

	if (is_space(c) || c == '|' || c == ':' || c == ',' || c == ';')
		return at + 1;
	if (c == '-' || c == '=' || c == '_')
	{
		int			p = at;

		while (p < len && text[p] == c)
			p++;
		if (p - at >= 2)
			return p;
	}
	/* 、 (U+3001) */
	if (at + 3 <= len && memcmp(text + at, "\xE3\x80\x81", 3) == 0)
		return at + 3;
	return -1;
}

/*
 * The end of the digits of a value at text[at] (a digit): digits, a
 * decimal point with digits after it, thousands commas before three
 * digits; a comma of a list (run-on prose "2,通知…") is not taken.
 */
static int
digits_end(const char *text, int len, int at)
{
	int			p = at;

	while (p < len)
	{
		if (is_digit(text[p]))
			p++;
		else if (text[p] == '.' && p + 1 < len && is_digit(text[p + 1]))
			p++;
		else if (text[p] == ',' && p + 3 < len && is_digit(text[p + 1]) &&
				 is_digit(text[p + 2]) && is_digit(text[p + 3]) &&
				 (p + 4 >= len || !is_digit(text[p + 4])))
			p++;
		else
			break;
	}
	return p;
}

static bool
na_mark_at(const char *text, int len, int at, int *end)
{
	static const char *const marks[] = {"\xE2\x80\x94\xE2\x80\x94", "\xE2\x80\x94",
	"-", "/", "\xE6\x97\xA0", NULL};	/* —— — - / 无 */

	for (int i = 0; marks[i]; i++)
	{
		int			mlen = (int) strlen(marks[i]);
		int			after = at + mlen;

		if (after <= len && memcmp(text + at, marks[i], mlen) == 0 &&
			(after == len || separator_end(text, len, after) >= 0))
		{
			*end = after;
			return true;
		}
	}
	return false;
}

static void
add_element(GiarContext *cx, Scan *s, ElementKind kind, int from, int to,
			int column)
{
	Element    *e;

	if (kind == EL_OTHER && s->n > 0 && s->el[s->n - 1].kind == EL_OTHER &&
		s->el[s->n - 1].to == from)
	{
		s->el[s->n - 1].to = to;	/* one stretch of other text */
		return;
	}
	s->el = giar_grow(cx, s->el, sizeof(Element), &s->cap, s->n);
	e = &s->el[s->n++];
	e->kind = kind;
	e->from = from;
	e->to = to;
	e->column = column;
}

/* Does a Chinese character (not punctuation) start text[at]? */
static bool
runs_into_word(const char *text, int len, int at)
{
	uint32_t	cp;

	giar_utf8_decode(text + at, len - at, &cp);
	return giar_is_han(cp);
}

/* A label or header at text[at]: its kind, column and end. */
static bool
word_at(const Scan *s, int at, ElementKind *kind, int *column, int *end)
{
	const GiarFeeTableSpec *spec = &giar_fee_table_spec;
	int			e;

	if ((unsigned char) s->text[at] < 0x80)
		return false;
	if ((e = match_any(s->text, s->len, at, spec->row_labels)) > 0)
	{
		*kind = EL_LABEL;
		*column = -1;
		*end = e;
		return true;
	}
	for (int c = 0; c < 3; c++)
		if ((e = match_any(s->text, s->len, at, spec->columns[c].headers)) > 0)
		{
			int			u;

			*kind = EL_HEADER;
			*column = c;
			/* the unit printed with a header belongs to it */
			u = e;
			while (u < s->len && s->text[u] == ' ')
				u++;
			if ((u = match_any(s->text, s->len, u, spec->header_units)) > 0)
				e = u;
			*end = e;
			return true;
		}
	return false;
}

/* The text as a list of elements, separators dropped. */
static void
scan_elements(GiarContext *cx, Scan *s)
{
	int			p = 0;

	while (p < s->len)
	{
		ElementKind kind;
		int			column,
					end;

		giar_tick(cx);
		if ((end = separator_end(s->text, s->len, p)) >= 0)
		{
			p = end;
			continue;
		}
		if (word_at(s, p, &kind, &column, &end))
		{
			add_element(cx, s, kind, p, end, column);
			p = end;
			continue;
		}
		if (is_digit(s->text[p]))
		{
			int			dend = digits_end(s->text, s->len, p);
			int			uend = match_any(s->text, s->len, dend,
										 giar_fee_table_spec.header_units);
			int			after = uend > 0 ? uend : dend;
			ElementKind next;

			/*
			 * A number runs into a word other than a unit or the table's
			 * ("2024年"): a figure of the prose, not a cell.  Punctuation
			 * ends a cell ("200元。").
			 */
			if (after < s->len && (unsigned char) s->text[after] >= 0x80 &&
				runs_into_word(s->text, s->len, after) &&
				!word_at(s, after, &next, &column, &end))
			{
				add_element(cx, s, EL_OTHER, p, after, -1);
				p = after;
				continue;
			}
			add_element(cx, s, EL_VALUE, p, dend, -1);
			p = after;
			continue;
		}
		if (na_mark_at(s->text, s->len, p, &end))
		{
			add_element(cx, s, EL_NA, p, end, -1);
			p = end;
			continue;
		}
		end = p + 1;
		while (end < s->len && ((unsigned char) s->text[end] & 0xC0) == 0x80)
			end++;
		add_element(cx, s, EL_OTHER, p, end, -1);
		p = end;
	}
}

/* The three headers, once each, in elements [at, at + 3): their columns. */
static bool
headers_at(const Scan *s, int at, int *order)
{
	bool		seen[3] = {false, false, false};

	if (at < 0 || at + 3 > s->n)
		return false;
	for (int i = 0; i < 3; i++)
	{
		const Element *e = &s->el[at + i];

		if (e->kind != EL_HEADER || seen[e->column])
			return false;
		seen[e->column] = true;
		order[i] = e->column;
	}
	return true;
}

/* Each header followed by its value: elements [at, at + 6). */
static bool
pairs_at(const Scan *s, int at, int *order)
{
	bool		seen[3] = {false, false, false};

	if (at + 6 > s->n)
		return false;
	for (int i = 0; i < 3; i++)
	{
		const Element *h = &s->el[at + 2 * i];
		const Element *v = &s->el[at + 2 * i + 1];

		if (h->kind != EL_HEADER || seen[h->column] ||
			(v->kind != EL_VALUE && v->kind != EL_NA))
			return false;
		seen[h->column] = true;
		order[i] = h->column;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/*
 * A cut piece of a run: digits with at most one decimal point and
 * max_scale decimals, no leading zero ("0" and "0.5" are numbers).
 */
static bool
piece_number(const char *s, int len, int max_scale, GiarNumber *num)
{
	int			i = 0;
	int			scale = -1;
	int			ndigits = 0;
	int64_t		digits = 0;

	if (len <= 0 || !is_digit(s[0]) || s[len - 1] == '.')
		return false;
	if (s[0] == '0' && len > 1 && s[1] != '.')
		return false;
	for (; i < len; i++)
	{
		if (s[i] == '.')
		{
			if (scale >= 0)
				return false;
			scale = 0;
			continue;
		}
		if (!is_digit(s[i]) || ++ndigits > 18)
			return false;
		digits = digits * 10 + (s[i] - '0');
		if (scale >= 0)
			scale++;
	}
	if (scale > max_scale)
		return false;
	num->digits = digits;
	num->scale = (uint8_t) (scale < 0 ? 0 : scale);
	num->present = true;
	return true;
}

/*
 * The fee table's own rules, which decide a cut: no notice, no amount; a
 * notice names an amount; no more collected than notified.
 */
static bool
fee_consistent(const GiarNumber *v)
{
	const GiarNumber *notices = &v[GIAR_T6_FEE_NOTICES];
	const GiarNumber *notified = &v[GIAR_T6_FEE_NOTIFIED_YUAN];
	const GiarNumber *collected = &v[GIAR_T6_FEE_COLLECTED_YUAN];
	int			order;

	if (notices->scale != 0)
		return false;
	if ((notices->digits == 0) != (notified->digits == 0))
		return false;
	if (notices->digits == 0 && collected->digits != 0)
		return false;
	return giar_number_compare(*collected, *notified, &order) && order <= 0;
}

typedef struct Cuts
{
	int			found;
	GiarNumber	first[3];		/* by column */
	char		listed[MAX_LISTED_CUTS][96];
} Cuts;

static void
note_cut(Cuts *cuts, const GiarNumber *by_column, const int *order)
{
	if (cuts->found == 0)
		memcpy(cuts->first, by_column, sizeof(cuts->first));
	if (cuts->found < MAX_LISTED_CUTS)
	{
		char	   *buf = cuts->listed[cuts->found];
		size_t		used = 0;

		for (int i = 0; i < 3; i++)
		{
			char		num[32];

			giar_number_format(by_column[order[i]], num, sizeof(num));
			used += (size_t) snprintf(buf + used, sizeof(cuts->listed[0]) - used,
									  "%s%s", i ? "|" : "", num);
		}
	}
	cuts->found++;
}

/*
 * Every cut of the runs (values printed without separators between them)
 * into three pieces, in printed order; pieces within one run only.
 */
static void
cut_runs(const Scan *s, const Element *const *runs, int nruns, const int *order,
		 Cuts *cuts)
{
	/* bounds[k]: piece k is text[bounds[k], bounds[k+1]) within one run */
	int			total = 0;
	char		joined[3 * MAX_RUN_BYTES];
	int			run_end[3];

	memset(cuts, 0, sizeof(*cuts));
	for (int r = 0; r < nruns; r++)
	{
		int			len = runs[r]->to - runs[r]->from;

		if (len > MAX_RUN_BYTES || memchr(s->text + runs[r]->from, ',', len))
			return;				/* too long, or grouped: no cut is sure */
		memcpy(joined + total, s->text + runs[r]->from, len);
		total += len;
		run_end[r] = total;
	}
	/* cut points c1 < c2 inside (0, total); every run boundary is a cut */
	for (int c1 = 1; c1 < total; c1++)
		for (int c2 = c1 + 1; c2 < total; c2++)
		{
			int			bounds[4] = {0, c1, c2, total};
			GiarNumber	by_column[3];
			bool		ok = true;

			for (int r = 0; r < nruns - 1 && ok; r++)
				ok = run_end[r] == c1 || run_end[r] == c2;
			for (int k = 0; k < 3 && ok; k++)
			{
				int			col = order[k];
				int			max_scale = col == GIAR_T6_FEE_NOTICES ? 0 :
					giar_fee_table_spec.amount_max_scale;

				ok = piece_number(joined + bounds[k], bounds[k + 1] - bounds[k],
								  max_scale, &by_column[col]);
			}
			if (ok && fee_consistent(by_column))
				note_cut(cuts, by_column, order);
		}
}

/* 1-based character of text[at] in its input line, 0 at a whole line's start */
static int
character_of(const Scan *s, const GiarDoc *doc, int at, int *line)
{
	int			k = 0;
	int			chars = 0;

	while (k + 1 < s->nlines && s->line_start[k + 1] <= at)
		k++;
	*line = s->first_line + k;
	for (int p = s->line_start[k]; p < at; p++)
		chars += ((unsigned char) s->text[p] & 0xC0) != 0x80;
	if (doc->lines[*line].srccol == 0 && chars == 0)
		return 0;
	return doc->lines[*line].srccol + chars + 1;
}

/* Read the values after the table's words: elements from v on. */
static void
read_values(GiarContext *cx, const Scan *s, const GiarDoc *doc, int label,
			int v, const int *order, bool paired, GiarReport *report)
{
	const Element *vals[3];
	int			nvals = 0;
	int			line;
	int			column = character_of(s, doc, s->el[label].from, &line);
	int			srcline = doc->lines[line].srcline;
	int			stated = 0;
	const char *how = paired ? "each header with its value" :
		"its headers over its row";

	for (int i = 0; i < 3; i++)
	{
		int			at = paired ? v + 2 * i : v + i;

		if (at >= s->n || (s->el[at].kind != EL_VALUE && s->el[at].kind != EL_NA))
			break;
		vals[nvals++] = &s->el[at];
	}
	if (nvals == 0)
	{
		giar_diag_at(cx, "TABLE_NOT_MACHINE_READABLE", srcline, column,
					 "the fee table of part 六 (信息处理费收取情况) has its headers but no readable values");
		return;
	}
	if (nvals == 3)
	{
		/* printed apart: read as printed */
		for (int i = 0; i < 3; i++)
		{
			int			cell = GIAR_CELL_T6(giar_fee_table_spec.columns[order[i]].cell);
			GiarNumber	num;
			const char *unit;

			if (vals[i]->kind == EL_NA)
				continue;
			if (giar_parse_number(s->text + vals[i]->from,
								  vals[i]->to - vals[i]->from, &num, &unit) &&
				num.digits >= 0)
			{
				report->cells[cell] = num;
				stated++;
			}
			else
			{
				report->unreadable[cell] = true;
				giar_diag_at(cx, "CELL_NOT_NUMBER", srcline, column,
							 "fee table: %s is \"%.*s\", not a number",
							 giar_dict_by_cell(cell)->key,
							 vals[i]->to - vals[i]->from, s->text + vals[i]->from);
			}
		}
	}
	else
	{
		Cuts		cuts;
		bool		has_na = false;

		for (int i = 0; i < nvals; i++)
			has_na |= vals[i]->kind == EL_NA;
		if (has_na)
			cuts.found = 0;
		else
			cut_runs(s, vals, nvals, order, &cuts);
		if (cuts.found == 1)
		{
			for (int c = 0; c < 3; c++)
				report->cells[GIAR_CELL_T6(giar_fee_table_spec.columns[c].cell)] = cuts.first[c];
			stated = 3;
			giar_diag_at(cx, "CELLS_SPLIT", srcline, column,
						 "fee table: \"%.*s\" cut as %s, the only cut the fee rules allow",
						 vals[nvals - 1]->to - vals[0]->from, s->text + vals[0]->from,
						 cuts.listed[0]);
		}
		else
		{
			char		list[4 * 100];
			size_t		used = 0;

			for (int c = 0; c < 3; c++)
				report->unreadable[GIAR_CELL_T6(giar_fee_table_spec.columns[c].cell)] = true;
			for (int k = 0; k < cuts.found && k < MAX_LISTED_CUTS; k++)
				used += (size_t) snprintf(list + used, sizeof(list) - used, "%s%s",
										  k ? "; " : "", cuts.listed[k]);
			if (cuts.found == 0)
				giar_diag_at(cx, "CELL_NOT_NUMBER", srcline, column,
							 "fee table: \"%.*s\" cannot be cut into its three cells",
							 vals[nvals - 1]->to - vals[0]->from, s->text + vals[0]->from);
			else
				giar_diag_at(cx, "CELL_UNDETERMINABLE", srcline, column,
							 "fee table: \"%.*s\" can be cut as %s%s; its cells are left absent",
							 vals[nvals - 1]->to - vals[0]->from, s->text + vals[0]->from,
							 list, cuts.found > MAX_LISTED_CUTS ? "; …" : "");
		}
	}
	giar_diag_at(cx, "TABLE_FOUND", srcline, column,
				 "the fee table of part 六 (信息处理费收取情况) found, %s: %d cell%s stated",
				 how, stated, stated == 1 ? "" : "s");
}

/*
 * Might lines [from, n) hold the table at all?  Most reports do not, and
 * most of those lack its characters (the document's character set tells)
 * or one of the words every printing of it holds whole.
 */
static bool
may_hold_table(const GiarDoc *doc, int from)
{
	const GiarFeeTableSpec *spec = &giar_fee_table_spec;

	for (int c = 0; c < 3; c++)
	{
		bool		any = false;

		for (int i = 0; spec->columns[c].headers[i] && !any; i++)
			any = giar_doc_may_hold(doc, spec->columns[c].headers[i]);
		if (!any)
			return false;
	}
	for (int w = 0; spec->words_held[w]; w++)
	{
		size_t		wlen = strlen(spec->words_held[w]);
		bool		held = false;

		for (int l = from; l < doc->nlines && !held; l++)
			held = giar_find(doc->lines[l].text, (size_t) doc->lines[l].len,
							 spec->words_held[w], wlen) != NULL;
		if (!held)
			return false;
	}
	return true;
}

void
giar_read_fee_table(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
					GiarReport *report)
{
	Scan		s;
	int			from = parts->line[6] >= 0 ? parts->line[6] : 0;
	size_t		total = 0;
	char	   *buf;

	if (from >= doc->nlines || !may_hold_table(doc, from))
		return;
	memset(&s, 0, sizeof(s));
	for (int l = from; l < doc->nlines; l++)
		total += (size_t) doc->lines[l].len + 1;
	buf = giar_alloc_uninit(cx, total + 1);
	s.line_start = giar_alloc(cx, sizeof(int) * (size_t) (doc->nlines - from));
	s.first_line = from;
	for (int l = from; l < doc->nlines; l++)
	{
		s.line_start[s.nlines++] = s.len;
		memcpy(buf + s.len, doc->lines[l].text, doc->lines[l].len);
		s.len += doc->lines[l].len;
		buf[s.len++] = '\n';
	}
	buf[s.len] = '\0';
	s.text = buf;
	giar_tick_n(cx, (size_t) s.len);
	scan_elements(cx, &s);

	for (int i = 0; i < s.n; i++)
	{
		int			order[3];
		int			values = -1;
		bool		paired = false;

		if (s.el[i].kind != EL_LABEL)
			continue;
		if (pairs_at(&s, i + 1, order))
		{
			values = i + 2;
			paired = true;
		}
		else if (headers_at(&s, i + 1, order))
		{
			/* a caption over the header row: the row follows, labelled */
			if (i + 4 < s.n && s.el[i + 4].kind == EL_LABEL)
				continue;
			values = i + 4;
		}
		else if (headers_at(&s, i - 3, order))
			values = i + 1;
		if (values < 0)
			continue;
		read_values(cx, &s, doc, i, values, order, paired, report);
		return;					/* the first table the text prints */
	}
}
