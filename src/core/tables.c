/*
 * tables.c
 *		Fit the tokens of a region to tables 2, 3 and 4.
 *
 * Tables 2 and 3 are read row by row: a label that matches the next rows'
 * keywords (in printed order) opens a row, and the values up to the next
 * matched label belong to it.  A row whose number of cells is not the
 * format's is left absent with a diagnostic: a wrong number is worse than
 * a missing one.  Table 4 is one row of fifteen numbers under a header.
 * When table 3's labels cannot be read at all, its numbers are fitted by
 * position, and only kept when the format's identities confirm the fit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionary.h"
#include "drawing_order.h"
#include "runs.h"
#include "tables.h"

/* Longer labels are prose, not row labels. */
#define MAX_ROW_LABEL_BYTES 240

typedef struct RowFit
{
	bool		out_of_order;	/* a later label belongs to an earlier row */
	int			label;			/* token index of the row label, or -1 */
	int		   *vals;			/* value token indexes */
	int			nvals;
	int			cap;
} RowFit;

static int
srcline_of(const GiarTableInput *in, int tok)
{
	const GiarToken *t = &in->tokens->tok[tok];

	return in->doc->lines[t->line].srcline;
}

/* The column of the region's first token (column_of), or 0. */
static int	column_of(GiarContext *cx, const GiarTableInput *in, int tok);

static int
region_column(GiarContext *cx, const GiarTableInput *in)
{
	return in->region.from < in->region.to ? column_of(cx, in, in->region.from) : 0;
}

/* A line longer than this is one a user needs a column to find things in. */
#define LONG_LINE_BYTES_FOR_COLUMN 400

/*
 * The 1-based character of its input line where token tok starts, when that
 * line is long (a crawler's one-line page: the line alone does not say
 * where); 0 otherwise.
 */
static int
column_of(GiarContext *cx, const GiarTableInput *in, int tok)
{
	const GiarToken *t = &in->tokens->tok[tok];
	const GiarLine *line = &in->doc->lines[t->line];
	int			bytes,
				from = 0,
				chars = 0;

	if ((line->srccol == 0 && line->len < LONG_LINE_BYTES_FOR_COLUMN) ||
		cx->report->ndiagnostics >= GIAR_MAX_DIAGNOSTICS)
		return 0;				/* a whole line, or no diagnostic kept */
	/* a label cut in pieces has them made apart: its line's start then */
	if (!(t->text >= line->text && t->text <= line->text + line->len))
		return line->srccol + 1;
	bytes = (int) (t->text - line->text);
	/* diagnostics come in the text's order: count on from the last one */
	if (cx->column_line == line->text && cx->column_bytes <= bytes)
	{
		from = cx->column_bytes;
		chars = cx->column_chars;
	}
	giar_tick_n(cx, (size_t) (bytes - from));
	chars += giar_utf8_count(line->text + from, bytes - from);
	cx->column_line = line->text;
	cx->column_bytes = bytes;
	cx->column_chars = chars;
	return line->srccol + chars + 1;
}

/*
 * The byte masks (giar_byte_mask) of every row keyword of a table, made on
 * first use: a label is tested against each row's keywords over and over
 * (every row from the next expected one, for every label of the region).
 * A keyword beyond MAX_ROW_KEYWORDS, or a table beyond the registry, has
 * no mask and is searched for as it is.
 */
#define MAX_ROW_KEYWORDS 8
#define MAX_MASKED_TABLES 4

typedef struct RowKeywordMasks
{
	uint64_t	kw[MAX_ROW_KEYWORDS];
	/* bytes every keyword has (0 when one has no mask): one test per row */
	uint64_t	common;
} RowKeywordMasks;

static const RowKeywordMasks *
keyword_masks(const GiarTableSpec *spec)
{
	static const GiarTableSpec *specs[MAX_MASKED_TABLES];
	static RowKeywordMasks *masks[MAX_MASKED_TABLES];
	static int	last;			/* asked for the same table many times */
	RowKeywordMasks *m;
	int			slot;

	if (specs[last] == spec)
		return masks[last];
	for (slot = 0; slot < MAX_MASKED_TABLES && specs[slot]; slot++)
		if (specs[slot] == spec)
		{
			last = slot;
			return masks[slot];
		}
	if (slot == MAX_MASKED_TABLES)
		return NULL;
	m = calloc((size_t) spec->nrows, sizeof(RowKeywordMasks));
	if (m == NULL)
		return NULL;
	for (int r = 0; r < spec->nrows; r++)
	{
		const char *const *kws = spec->rows[r].keywords;
		int			k;

		m[r].common = kws && kws[0] ? ~UINT64_C(0) : 0;
		for (k = 0; k < MAX_ROW_KEYWORDS && kws && kws[k]; k++)
		{
			m[r].kw[k] = giar_byte_mask(kws[k], (int) strlen(kws[k]));
			m[r].common &= m[r].kw[k];
		}
		if (kws && kws[k])
			m[r].common = 0;
	}
	masks[slot] = m;
	specs[slot] = spec;
	last = slot;
	return m;
}

void
giar_tables_prepare(void)
{
	(void) keyword_masks(&giar_table2_spec);
	(void) keyword_masks(&giar_table3_spec);
}

/*
 * Can keyword k of row r be in the label?  Not when it has a byte the label
 * lacks, whether it is searched for as it is or with noise injected.
 */
static inline bool
keyword_may_be_in(const RowKeywordMasks *masks, int r, int k, const GiarToken *t)
{
	return !(masks && k < MAX_ROW_KEYWORDS && t->compact_bytes &&
			 (masks[r].kw[k] & ~t->compact_bytes));
}

/* Can none of row r's keywords be in the label (a byte all of them share)? */
static inline bool
row_keywords_ruled_out(const RowKeywordMasks *masks, int r, const GiarToken *t)
{
	return masks && t->compact_bytes && (masks[r].common & ~t->compact_bytes);
}

static bool
row_matches(const GiarTableSpec *spec, const RowKeywordMasks *masks, int r,
			const GiarToken *t, bool exact_allowed)
{
	const GiarRowSpec *row = &spec->rows[r];
	bool		any_keyword_may_be_in;

	if (t->compact == NULL)
		return false;
	any_keyword_may_be_in = !row_keywords_ruled_out(masks, r, t);
	for (int k = 0; any_keyword_may_be_in && row->keywords && row->keywords[k]; k++)
	{
		if (!keyword_may_be_in(masks, r, k, t))
			continue;
		if (strstr(t->compact, row->keywords[k]) != NULL)
			return true;
	}
	if (exact_allowed && row->exact)
	{
		for (const char *const *e = row->exact; *e; e++)
			if (t->compact[0] == (*e)[0] && strcmp(t->compact, *e) == 0)
				return true;
	}
	return false;
}

/*
 * Does the label hold the keyword with characters injected into it ("本年新
 * 【正规买球】收" for 本年新收, "予以锟斤拷公开")?  Mirrors insert spam as one
 * block; mojibake and stray marks are a character or two.  So the keyword
 * must appear in order with either one inserted block of at most
 * MAX_NOISE_BLOCK characters or at most MAX_NOISE_SCATTERED characters in
 * all, starting at its first character.  Only keywords of four characters
 * or more are matched this way, so that noise cannot make a short word out
 * of unrelated text.  Compact labels hold Han characters, ASCII letters and
 * digits, so characters are whole UTF-8 sequences.
 */
#define MAX_NOISE_BLOCK 8
#define MAX_NOISE_SCATTERED 2

/* Bytes of the character at s, never past the terminating NUL. */
static int
char_len(const char *s)
{
	unsigned char b = (unsigned char) s[0];
	int			n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;

	for (int i = 1; i < n; i++)
		if (s[i] == '\0')
			return i;
	return n;
}

static bool
noisy_contains(const char *label, const char *kw)
{
	int			kwchars = 0;

	for (const char *k = kw; *k; k += char_len(k))
		kwchars++;
	if (kwchars < 4)
		return false;
	for (const char *start = label; *start; start += char_len(start))
	{
		const char *p = start;
		const char *k = kw;
		int			skipped = 0,
					gaps = 0;
		bool		in_gap = false;

		if (strncmp(p, k, (size_t) char_len(k)) != 0)
			continue;
		while (*k && *p && skipped <= MAX_NOISE_BLOCK)
		{
			int			kl = char_len(k);
			int			pl = char_len(p);

			if (kl == pl && strncmp(p, k, (size_t) kl) == 0)
			{
				k += kl;
				in_gap = false;
			}
			else
			{
				skipped++;
				if (!in_gap)
					gaps++;
				in_gap = true;
			}
			p += pl;
		}
		if (*k == '\0' && skipped > 0 &&
			((gaps == 1 && skipped <= MAX_NOISE_BLOCK) || skipped <= MAX_NOISE_SCATTERED))
			return true;
	}
	return false;
}

static bool
row_matches_noisy(const GiarTableSpec *spec, int r, const GiarToken *t)
{
	const GiarRowSpec *row = &spec->rows[r];
	const RowKeywordMasks *masks = keyword_masks(spec);

	bool		any_keyword_may_be_in;

	if (t->compact == NULL)
		return false;
	any_keyword_may_be_in = !row_keywords_ruled_out(masks, r, t);
	for (int k = 0; any_keyword_may_be_in && row->keywords && row->keywords[k]; k++)
	{
		if (!keyword_may_be_in(masks, r, k, t))
			continue;
		if (noisy_contains(t->compact, row->keywords[k]))
			return true;
	}
	return false;
}

/*
 * The row a label opens: the first row from next on whose keywords it
 * holds.  Exact labels ("其他", "总计", also column headers) only open the
 * next expected row, or the one after a group row.  A row that may be a
 * group label yields to a later row matched by the same label ("(六)其他处理
 * 1.申请人无正当理由逾期不补正…").
 */
/*
 * Does the label hold one of row r's keywords of three characters or more
 * with one character misread (OCR's look-alikes: 不掌屋 for 不掌握, 重夏申请
 * for 重复申请)?  Asked only of the row the fixed order expects next, when
 * no row matches as printed.
 */
#define MIN_MISREAD_KEYWORD_CHARS 3

static bool
row_matches_misread(const GiarTableSpec *spec, int r, const GiarToken *t)
{
	const GiarRowSpec *row = &spec->rows[r];
	static const char *const numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL
	};
	bool		ordinal = false;

	if (t->compact == NULL || t->compact_len < 3 * MIN_MISREAD_KEYWORD_CHARS)
		return false;
	/* a row's label opens with its ordinal ("1.", "（三）", "四、"); other text is no row */
	if (t->compact[0] >= '0' && t->compact[0] <= '9')
		ordinal = true;
	for (int n = 0; numerals[n] && !ordinal; n++)
		ordinal = memcmp(t->compact, numerals[n], 3) == 0;
	if (!ordinal)
		return false;
	for (int k = 0; row->keywords && row->keywords[k]; k++)
	{
		const char *kw = row->keywords[k];
		int			kw_chars = (int) (strlen(kw) / 3);

		/* Han keywords only: three bytes a character */
		if (kw_chars < MIN_MISREAD_KEYWORD_CHARS || (int) strlen(kw) != kw_chars * 3)
			continue;
		for (int at = 0; at + kw_chars * 3 <= t->compact_len; at += char_len(t->compact + at))
		{
			int			differ = 0;

			/* one character differs at most: the first or the second is right */
			if (char_len(t->compact + at) != 3 ||
				(memcmp(t->compact + at, kw, 3) != 0 &&
				 memcmp(t->compact + at + 3, kw + 3, 3) != 0))
				continue;
			for (int c = 0; c < kw_chars && differ <= 1; c++)
			{
				if (char_len(t->compact + at + c * 3) != 3)
				{
					differ = 2;
					break;
				}
				differ += memcmp(t->compact + at + c * 3, kw + c * 3, 3) != 0;
			}
			if (differ == 1)
				return true;
		}
	}
	return false;
}

static int
match_row(const GiarTableSpec *spec, const GiarToken *t, int next)
{
	int			group = -1;
	const RowKeywordMasks *masks = keyword_masks(spec);

	if (t->kind != GIAR_TOK_LABEL || t->compact_len == 0 ||
		t->compact_len > MAX_ROW_LABEL_BYTES)
		return -1;
	/* rows whose keywords are unique match in any order */
	if (spec->any_order)
		next = 0;
	for (int r = next; r < spec->nrows; r++)
	{
		bool		exact_allowed = r == next ||
			(r == next + 1 && (spec->rows[next].flags & GIAR_ROW_MAY_BE_GROUP));

		/* row_matches' first test, here: most rows fail it */
		if (!exact_allowed && row_keywords_ruled_out(masks, r, t))
			continue;
		if (!row_matches(spec, masks, r, t, exact_allowed))
			continue;
		if (!(spec->rows[r].flags & GIAR_ROW_MAY_BE_GROUP))
			return r;
		if (group < 0)
			group = r;
	}
	if (group >= 0 || spec->any_order || next >= spec->nrows)
		return group;
	/*
	 * Characters injected into a label (a mirror's spam, mojibake): only
	 * the row the fixed order expects next may be matched through them.
	 */
	if (row_matches_noisy(spec, next, t) || row_matches_misread(spec, next, t))
		return next;
	return -1;
}

/* Does the label hold the keywords of a row before cur? */
static bool
matches_earlier_row(const GiarTableSpec *spec, const GiarToken *t, int cur)
{
	const RowKeywordMasks *masks = keyword_masks(spec);

	if (t->compact_len == 0 || t->compact_len > MAX_ROW_LABEL_BYTES)
		return false;
	for (int r = 0; r < cur; r++)
		if (!(spec->rows[r].flags & GIAR_ROW_MAY_BE_GROUP) &&
			!row_keywords_ruled_out(masks, r, t) &&
			row_matches(spec, masks, r, t, false))
			return true;
	return false;
}

/* Notes under a table ("注：…", "说明：") are never rows. */
static bool
is_note(const GiarToken *t)
{
	return t->compact &&
		(strncmp(t->compact, "注", 3) == 0 || strncmp(t->compact, "说明", 6) == 0 ||
		 strncmp(t->compact, "备注", 6) == 0);
}

/*
 * Is the label one of the table's column headers or sub-table headings
 * ("本年处理决定数量", "第二十条第（五）项")?  Short labels only: a header
 * word inside a longer label is some other text.  header_word tests the
 * words alone, for a label that matched no row.
 */
static bool
header_word(const GiarTableSpec *spec, const GiarToken *t)
{
	if (spec->headers == NULL || t->compact == NULL || t->compact_len > 72)
		return false;
	for (int k = 0; spec->headers[k]; k++)
		if (t->compact[0] == spec->headers[k][0] &&
			strncmp(t->compact, spec->headers[k], strlen(spec->headers[k])) == 0)
			return true;
	return false;
}

static bool
is_header(const GiarTableSpec *spec, const GiarToken *t)
{
	const RowKeywordMasks *masks;

	if (!header_word(spec, t))
		return false;
	/* a header run into a row label ("现行有效件数 规章") is the row's */
	masks = keyword_masks(spec);
	for (int r = 0; r < spec->nrows; r++)
		if (row_matches(spec, masks, r, t, false))
			return false;
	return true;
}

/* Is the next non-label token after i (before another label) a value? */
static bool
values_follow(const GiarTableInput *in, int i)
{
	for (int k = i + 1; k < in->region.to; k++)
	{
		GiarTokenKind kind = in->tokens->tok[k].kind;

		if (kind == GIAR_TOK_LABEL)
			return false;
		if (kind != GIAR_TOK_BLANK)
			return true;
	}
	return false;
}

/*
 * Does a later label on the same (delimited) line open a row?  "三、本年度
 * 办理结果 | （一）予以公开 | 53 …" opens its row with the second label.
 */
static bool
line_has_row_label(const GiarTableInput *in, const GiarTableSpec *spec, int i,
				   int next)
{
	int			line = in->tokens->tok[i].line;

	for (int k = i + 1; k < in->region.to && in->tokens->tok[k].line == line; k++)
		if (match_row(spec, &in->tokens->tok[k], next) >= 0)
			return true;
	return false;
}

/* Does the line of token i hold a value after it? */
static bool
line_has_values_after(const GiarTableInput *in, int i)
{
	int			line = in->tokens->tok[i].line;

	for (int k = i + 1; k < in->region.to && in->tokens->tok[k].line == line; k++)
		if (in->tokens->tok[k].kind != GIAR_TOK_LABEL &&
			in->tokens->tok[k].kind != GIAR_TOK_BLANK)
			return true;
	return false;
}

/*
 * Match a label, or the label joined to the unmatched label just before it
 * (pdftotext wraps long labels: "1.申请人无正当理由逾期不补" / "正、行政机关
 * 不再处理其政府 9 1 0 …").
 */
static int
match_label(GiarContext *cx, const GiarTableSpec *spec, const GiarToken *t,
			const GiarToken *prev, int next)
{
	int			r = match_row(spec, t, next);

	if (r < 0 && prev && prev->compact && t->compact &&
		prev->compact_len + t->compact_len <= MAX_ROW_LABEL_BYTES)
	{
		GiarToken	joined = *t;
		char	   *both = giar_alloc(cx, (size_t) (prev->compact_len + t->compact_len) + 1);

		memcpy(both, prev->compact, (size_t) prev->compact_len);
		memcpy(both + prev->compact_len, t->compact, (size_t) t->compact_len + 1);
		joined.compact = both;
		joined.compact_len = prev->compact_len + t->compact_len;
		joined.compact_bytes = giar_byte_mask(both, joined.compact_len);
		r = match_row(spec, &joined, next);
	}
	return r;
}

static RowFit *
fit_rows(GiarContext *cx, const GiarTableInput *in, const GiarTableSpec *spec,
		 int *matched)
{
	RowFit	   *fits = giar_alloc(cx, sizeof(RowFit) * (size_t) spec->nrows);
	int			next = 0;
	int			cur = -1;
	const GiarToken *unmatched = NULL;	/* label just before, with no values */
	/* the line of the last value (not a blank cell) read */
	int			last_value_line = -1;

	*matched = 0;
	for (int r = 0; r < spec->nrows; r++)
		fits[r].label = -1;
	for (int i = in->region.from; i < in->region.to; i++)
	{
		const GiarToken *t = &in->tokens->tok[i];
		bool		delimited = (t->flags & GIAR_TOKEN_DELIMITED) != 0;

		giar_tick(cx);
		if (t->kind == GIAR_TOK_LABEL)
		{
			int			r;

			if (is_note(t))
			{
				cur = -1;		/* what follows a note is no row's */
				unmatched = NULL;
				continue;
			}
			r = match_label(cx, spec, t, unmatched, next);
			if (r < 0 && header_word(spec, t))
			{
				/* what follows belongs to the row label after it */
				if (cur < 0 || fits[cur].nvals > 0)
				{
					cur = -1;
					unmatched = NULL;
				}
				continue;
			}
			/* in any order, each row once: a repeated label is a header */
			if (r >= 0 && spec->any_order && fits[r].label >= 0)
			{
				if (fits[r].nvals == 0)
				{
					fits[r].label = i;	/* the header named it; this is it */
					cur = r;
				}
				continue;
			}
			if (r >= 0)
			{
				cur = r;
				next = r + 1;
				fits[r].label = i;
				(*matched)++;
				unmatched = NULL;
				continue;
			}
			unmatched = t;
			if (cur >= 0 &&
				((delimited && (t->flags & GIAR_TOKEN_LINE_START) &&
				  line_has_values_after(in, i) && !line_has_row_label(in, spec, i, next)) ||
				 (!delimited && (t->flags & GIAR_TOKEN_LINE_START) &&
				  fits[cur].nvals > 0 && values_follow(in, i)) ||
				 (strncmp(t->compact, "其中", 6) == 0 && values_follow(in, i))))
			{
				/* a row the format does not have ("其中：通过…提交的数量") */
				giar_diag_at(cx, "ROW_EXTRA", srcline_of(in, i), column_of(cx, in, i),
						  "%s: a row that is not in the format (\"%.*s%s\") was skipped",
						  spec->name, giar_utf8_prefix_len(t->text, t->len, 60), t->text,
						  t->len > 60 ? "…" : "");
				cur = -1;
			}
			else if (cur > 0 && matches_earlier_row(spec, t, cur) && values_follow(in, i))
			{
				/*
				 * A label of a row already passed, with values: the current
				 * row was opened by a label that is not its own, and its
				 * values cannot be trusted.
				 */
				fits[cur].out_of_order = true;
			}
			else if (delimited && cur >= 0 && last_value_line == t->line)
			{
				/* text among a row's values: the row is malformed */
				fits[cur].out_of_order = true;
			}
			continue;
		}
		if (t->kind != GIAR_TOK_BLANK)
		{
			unmatched = NULL;
			last_value_line = t->line;
		}
		if (cur < 0)
			continue;
		fits[cur].vals = giar_grow(cx, fits[cur].vals, sizeof(int),
								   &fits[cur].cap, fits[cur].nvals);
		fits[cur].vals[fits[cur].nvals++] = i;
	}
	return fits;
}

static bool
region_has_label(const GiarTableInput *in, const char *const *labels,
				 int to)
{
	uint64_t	masks[16];
	int			nlabels = 0;

	if (labels == NULL)
		return false;
	/* each word's byte mask once, not once per label of the region */
	for (; labels[nlabels]; nlabels++)
		if (nlabels < 16)
			masks[nlabels] = giar_byte_mask(labels[nlabels], (int) strlen(labels[nlabels]));
	for (int i = in->region.from; i < to; i++)
	{
		const GiarToken *t = &in->tokens->tok[i];

		if (t->kind != GIAR_TOK_LABEL || t->compact == NULL)
			continue;
		for (int k = 0; k < nlabels; k++)
		{
			if (k < 16 && t->compact_bytes && (masks[k] & ~t->compact_bytes))
				continue;
			if (strstr(t->compact, labels[k]) != NULL)
				return true;
		}
	}
	return false;
}

bool
giar_region_has_values(const GiarTokens *tokens, const GiarRegion *region)
{
	for (int i = region->from; i < region->to; i++)
	{
		GiarTokenKind k = tokens->tok[i].kind;

		if (k == GIAR_TOK_NUMBER || k == GIAR_TOK_NA || k == GIAR_TOK_RUN)
			return true;
	}
	return false;
}

/* The unit "元" in a 万元 column: convert exactly (move the decimal point). */
static bool
convert_yuan_to_wan(GiarNumber *n)
{
	if (n->scale + 4 > 18)
		return false;
	n->scale += 4;
	return true;
}

/* Does s[0, len) hold one of the bytes of set? */
static bool
strpbrk_len(const char *s, int len, const char *set)
{
	for (int i = 0; i < len; i++)
		if (strchr(set, s[i]) && s[i] != '\0')
			return true;
	return false;
}

/*
 * Store one printed value in a cell, if it is a value of the cell's kind.
 * Returns true when the cell was read: a number stored, or a blank or NA
 * mark (the text states the cell does not apply: absent, but read).
 * Returns false (cell left absent, diagnostic given) otherwise.
 */
static bool
store_value(GiarContext *cx, const GiarTableInput *in, int tok, int cell,
			GiarReport *report)
{
	const GiarToken *t = &in->tokens->tok[tok];
	const GiarDictEntry *e = giar_dict_by_cell(cell);
	GiarNumber	n = t->num;

	switch (t->kind)
	{
		case GIAR_TOK_NA:
		case GIAR_TOK_BLANK:
			return true;		/* stated as not applicable / blank: absent */
		case GIAR_TOK_RUN:
			giar_diag_at(cx, "CELL_NOT_NUMBER", srcline_of(in, tok), column_of(cx, in, tok),
					  "%s: \"%.*s%s\" is not one number%s; the cell is left absent",
					  e->key, giar_utf8_prefix_len(t->text, t->len, 40), t->text,
					  t->len > 40 ? "…" : "",
					  giar_first_digit(t->text, 0, t->len) < t->len &&
					  strpbrk_len(t->text, t->len, "OolI") ?
					  " (a letter stands for a digit: a misread glyph, not guessed)" : "");
			report->unreadable[cell] = true;
			return false;
		case GIAR_TOK_LABEL:
			return false;
		case GIAR_TOK_NUMBER:
			break;
	}

	if (e->kind == GIAR_KIND_AMOUNT)
	{
		if (t->unit && strcmp(t->unit, "元") == 0 &&
			e->unit && strcmp(e->unit, "万元") == 0)
		{
			if (!convert_yuan_to_wan(&n))
				return false;
			giar_diag_at(cx, "UNIT_CONVERTED", srcline_of(in, tok), column_of(cx, in, tok),
					  "%s: \"%.*s\" printed in 元, stored in 万元", e->key,
					  t->len, t->text);
		}
		else if (t->unit && e->unit == NULL)
			giar_diag_at(cx, "UNIT_CONVERTED", srcline_of(in, tok), column_of(cx, in, tok),
					  "%s: stored as written; the cell says %s", e->key, t->unit);
	}
	else
	{
		/* counts are integers: "12.0" is 12, "12.5" is not a count */
		while (n.scale > 0 && n.digits % 10 == 0)
		{
			n.digits /= 10;
			n.scale--;
		}
		if (n.scale > 0)
		{
			giar_diag_at(cx, "CELL_NOT_NUMBER", srcline_of(in, tok), column_of(cx, in, tok),
					  "%s: \"%.*s\" is not a whole number; the cell is left absent",
					  e->key, t->len, t->text);
			report->unreadable[cell] = true;
			return false;
		}
		if (t->unit && (strcmp(t->unit, "元") == 0 || strcmp(t->unit, "万元") == 0))
		{
			giar_diag_at(cx, "CELL_NOT_NUMBER", srcline_of(in, tok), column_of(cx, in, tok),
					  "%s: \"%.*s\" is an amount, not a count; the cell is left absent",
					  e->key, t->len, t->text);
			report->unreadable[cell] = true;
			return false;
		}
	}
	n.present = true;
	report->cells[cell] = n;
	if (t->flags & GIAR_TOKEN_FOOTNOTE)
	{
		char		value[32];

		giar_number_format(n, value, sizeof(value));
		giar_diag_at(cx, "FOOTNOTE_MARK", srcline_of(in, tok), column_of(cx, in, tok),
				  "%s: \"%.*s%s\" read as %s: the superscript or subscript after the number is a footnote mark, not a digit",
				  e->key, giar_utf8_prefix_len(t->text, t->len, 40), t->text,
				  t->len > 40 ? "…" : "", value);
	}
	return true;
}

static void
mark_unreadable(GiarReport *report, const int *cells, int ncells)
{
	for (int c = 0; c < ncells; c++)
		report->unreadable[cells[c]] = true;
}

static const char *
row_name(const int *cells)
{
	const GiarDictEntry *e = giar_dict_by_cell(cells[0]);

	return e ? e->row_key : "?";
}

/* Is token tok a blank cell alone on its line (one cell a line)? */
static bool
blank_alone_on_line(const GiarTableInput *in, int tok)
{
	int			line = in->tokens->tok[tok].line;

	return in->tokens->line_first[line + 1] - in->tokens->line_first[line] == 1;
}

/*
 * Assign a fitted row's values to its cells.  Trailing blank cells beyond
 * the row's width are padding (rows padded to the widest row of the
 * table); for one-value rows, so are leading blank cells.
 */
static int
assign_row(GiarContext *cx, const GiarTableInput *in, const RowFit *fit,
		   const int *cells, int ncells, GiarReport *report)
{
	const GiarToken *tok = in->tokens->tok;
	int			first = 0;
	int			n = fit->nvals;
	int			read = 0;

	if (fit->out_of_order)
	{
		giar_diag_at(cx, "ROW_CELL_COUNT", srcline_of(in, fit->label), column_of(cx, in, fit->label),
				  "%s: a later label belongs to an earlier row, so this row's label and values do not line up; the row is left absent",
				  row_name(cells));
		mark_unreadable(report, cells, ncells);
		return 0;
	}

	while (n > ncells && tok[fit->vals[n - 1]].kind == GIAR_TOK_BLANK)
		n--;
	/*
	 * Blank cells between the label and the values, on the label's line,
	 * are the label's own columns in a full grid ("| 一、… |  |  | 546 |");
	 * so are they with one cell a line, each blank on a line of its own.
	 */
	while (n - first > ncells && tok[fit->vals[first]].kind == GIAR_TOK_BLANK &&
		   fit->label >= 0 && (tok[fit->vals[first]].line == tok[fit->label].line ||
							   blank_alone_on_line(in, fit->vals[first])))
		first++;
	if (ncells == 1)
		while (n - first > 1 && tok[fit->vals[first]].kind == GIAR_TOK_BLANK)
			first++;
	n -= first;
	if (n == 0)
		return ncells;			/* printed with every cell blank */
	/*
	 * Digits cut off a label mean the row lost its cell boundaries: a blank
	 * among its values is then no cell of the row (it may be a header's
	 * padding), so the row stands only with every cell a value.
	 */
	if (n == ncells)
	{
		bool		glued = false;
		int			blanks = 0;

		for (int k = 0; k < n; k++)
		{
			const GiarToken *t = &tok[fit->vals[first + k]];

			glued |= (t->flags & GIAR_TOKEN_GLUED) != 0;
			blanks += t->kind == GIAR_TOK_BLANK;
		}
		if (glued && blanks > 0)
			n = -1;
	}
	if (n != ncells)
	{
		if (n < 0)
			n = fit->nvals;
		giar_diag_at(cx, "ROW_CELL_COUNT", srcline_of(in, fit->label), column_of(cx, in, fit->label),
				  "%s: %d cells where the format has %d; the row is left absent",
				  row_name(cells), n, ncells);
		mark_unreadable(report, cells, ncells);
		return 0;
	}
	for (int c = 0; c < ncells; c++)
		read += store_value(cx, in, fit->vals[first + c], cells[c], report);
	return read;
}

/* ------------------------------------------------------------------ */
/* Cells run together                                                  */
/* ------------------------------------------------------------------ */

/* Longest digit string worth searching: every cell at its widest. */
#define MAX_RUN_DIGITS (GIAR_RUN_MAX_VALUES * GIAR_RUN_MAX_DIGITS)

/*
 * The digits of a row whose values are cells run together: more or fewer
 * value tokens than the row has cells, each of them digits only (spaces
 * inside are stray: "200 000121").  A blank or NA cell among them means the
 * cell boundaries were printed, and the row is not a run.
 */
static bool
row_run(const GiarTableInput *in, const RowFit *fit, int ncells, bool identities,
		char *buf, int *len)
{
	const GiarToken *tok = in->tokens->tok;
	int			values = 0;
	bool		glued = false;
	int			first = 0,
				last = fit->nvals;

	*len = 0;
	if (fit->label < 0 || fit->out_of_order)
		return false;
	while (first < last && tok[fit->vals[first]].kind == GIAR_TOK_BLANK)
		first++;
	while (last > first && tok[fit->vals[last - 1]].kind == GIAR_TOK_BLANK)
		last--;
	for (int k = first; k < last; k++)
	{
		const GiarToken *t = &tok[fit->vals[k]];

		if (t->kind == GIAR_TOK_NUMBER)
		{
			if (t->num.scale != 0 || t->num.digits < 0 || t->unit)
				return false;
		}
		else if (t->kind != GIAR_TOK_RUN)
			return false;
		if (t->kind == GIAR_TOK_RUN || (t->flags & GIAR_TOKEN_GLUED))
			glued = true;
		values++;
		for (int i = 0; i < t->len; i++)
		{
			if (t->text[i] == ' ')
				continue;
			if (t->text[i] < '0' || t->text[i] > '9' || *len >= MAX_RUN_DIGITS)
				return false;
			buf[(*len)++] = t->text[i];
		}
	}
	/*
	 * Cells run together leave digits glued to the label or to each other;
	 * separate numbers, too few, are a missing column instead.  Where the
	 * row's identity can confirm a cut, one number holding at least a digit
	 * per cell is a run too ("…申请数量 713000074").
	 */
	if (!glued && !(identities && values == 1 && *len >= ncells))
		return false;
	return values > 0 && values != ncells;
}

static void
store_split(GiarReport *report, const int *cells, const int64_t *values, int n)
{
	for (int c = 0; c < n; c++)
	{
		report->cells[cells[c]].digits = values[c];
		report->cells[cells[c]].scale = 0;
		report->cells[cells[c]].present = true;
		report->unreadable[cells[c]] = false;
	}
}

static void
run_undetermined(GiarContext *cx, const GiarTableInput *in, int tok,
				 const char *what, const char *digits, int len,
				 const GiarRunSplits *splits, const int *alive, int nalive,
				 const int *cells, int ncells, GiarReport *report)
{
	char		list[400] = "";

	if (nalive > 0)
	{
		size_t		used = 0;

		for (int k = 0; k < nalive && k < 4 && used < sizeof(list) - 1; k++)
		{
			giar_run_describe(splits, alive[k], 1, list + used, sizeof(list) - used);
			used = strlen(list);
			if (k + 1 < nalive && k + 1 < 4 && used + 3 < sizeof(list))
			{
				memcpy(list + used, "; ", 3);
				used += 2;
			}
		}
		giar_diag_at(cx, "CELL_UNDETERMINABLE", srcline_of(in, tok), column_of(cx, in, tok),
				  "%s: the digits %.*s%s run together and can be cut %s%d way%s the format allows (%s%s); the cells are left absent",
				  what, giar_utf8_prefix_len(digits, len, 40), digits, len > 40 ? "…" : "",
				  splits->exhausted ? "more than " : "", nalive, nalive == 1 ? "" : "s",
				  list, nalive > 4 ? "; …" : "");
	}
	else
		giar_diag_at(cx, "CELL_UNDETERMINABLE", srcline_of(in, tok), column_of(cx, in, tok),
				  "%s: the digits %.*s%s run together and no cut into %d cells fits the format; the cells are left absent",
				  what, giar_utf8_prefix_len(digits, len, 40), digits, len > 40 ? "…" : "",
				  ncells);
	for (int c = 0; c < ncells; c++)
		report->unreadable[cells[c]] = true;
}

/* Status from the number of cells read (stated, blank or NA). */
static void
set_status(GiarReport *report, int table, int read, int expected)
{
	if (read == 0)
		report->table_status[table] = GIAR_TABLE_NOT_MACHINE_READABLE;
	else if (read < expected)
		report->table_status[table] = GIAR_TABLE_PARTIAL;
	else
		report->table_status[table] = GIAR_TABLE_PARSED;
}

/* ------------------------------------------------------------------ */
/* Table 2                                                             */
/* ------------------------------------------------------------------ */

/* Is token tok among the values some row took? */
static bool
value_taken(const RowFit *fits, int nrows, int tok)
{
	for (int r = 0; r < nrows; r++)
		for (int k = 0; k < fits[r].nvals; k++)
			if (fits[r].vals[k] == tok)
				return true;
	return false;
}

/*
 * One-value rows with no value after their label, whose value stands just
 * before it, after the sub-table's column header ("本年处理决定数量 550
 * 行政许可"): PDF text in drawing order.  A value after a column header can
 * only be a row's below it, and the row is the first below, so it is this
 * row's.
 */
static void
values_before_labels(GiarContext *cx, const GiarTableInput *in,
					 const GiarTableSpec *spec, RowFit *fits, GiarFormat format)
{
	const GiarToken *tok = in->tokens->tok;

	for (int r = 0; r < spec->nrows; r++)
	{
		int			value = -1;
		int			i;
		bool		has_value = false;

		if (fits[r].label < 0 || giar_row_ncells(&spec->rows[r], format) != 1)
			continue;
		for (int k = 0; k < fits[r].nvals; k++)
			has_value |= tok[fits[r].vals[k]].kind != GIAR_TOK_BLANK;
		if (has_value)
			continue;
		for (i = fits[r].label - 1; i >= in->region.from; i--)
		{
			if (tok[i].kind == GIAR_TOK_BLANK)
				continue;
			if (tok[i].kind == GIAR_TOK_LABEL)
				break;
			if (value >= 0)
			{
				value = -1;		/* more values than the row has cells */
				break;
			}
			value = i;
		}
		if (value < 0 || i < in->region.from || !is_header(spec, &tok[i]) ||
			tok[value].kind != GIAR_TOK_NUMBER || value_taken(fits, spec->nrows, value))
			continue;
		fits[r].nvals = 0;
		fits[r].vals = giar_grow(cx, fits[r].vals, sizeof(int), &fits[r].cap, 0);
		fits[r].vals[fits[r].nvals++] = value;
		giar_diag_at(cx, "VALUES_BEFORE_LABEL", srcline_of(in, value), column_of(cx, in, value),
				  "table 2 row %s: no value follows its label; the value %.*s before it, under the column header \"%.*s\", was read as its own",
				  spec->rows[r].key, giar_utf8_prefix_len(tok[value].text, tok[value].len, 30),
				  tok[value].text, giar_utf8_prefix_len(tok[i].text, tok[i].len, 60),
				  tok[i].text);
	}
}

void
giar_fit_table2(GiarContext *cx, const GiarTableInput *in, GiarReport *report)
{
	const GiarTableSpec *spec = &giar_table2_spec;
	int			matched;
	RowFit	   *fits = fit_rows(cx, in, spec, &matched);
	GiarFormat	format = GIAR_FORMAT_UNKNOWN;
	bool		says_2021 = region_has_label(in, spec->labels_2021, in->region.to);
	bool		says_2019 = region_has_label(in, spec->labels_2019, in->region.to);
	int			present = 0,
				expected = 0;

	if (says_2021 && !says_2019)
		format = GIAR_FORMAT_2021;
	else if (says_2019 && !says_2021)
		format = GIAR_FORMAT_2019;
	else
	{
		/* no header, or both: the rows' widths tell */
		int			votes_2021 = 0,
					votes_2019 = 0;

		for (int r = 0; r < spec->nrows; r++)
		{
			int			n = fits[r].nvals;

			if (fits[r].label < 0 || n == 0)
				continue;
			if (giar_row_ncells(&spec->rows[r], GIAR_FORMAT_2021) == 0)
				votes_2019++;
			else if (n == giar_row_ncells(&spec->rows[r], GIAR_FORMAT_2021) &&
					 n != giar_row_ncells(&spec->rows[r], GIAR_FORMAT_2019))
				votes_2021++;
			else if (n == giar_row_ncells(&spec->rows[r], GIAR_FORMAT_2019) &&
					 n != giar_row_ncells(&spec->rows[r], GIAR_FORMAT_2021))
				votes_2019++;
		}
		if (votes_2021 > 0 && votes_2019 == 0)
			format = GIAR_FORMAT_2021;
		else if (votes_2019 > 0 && votes_2021 == 0)
			format = GIAR_FORMAT_2019;
	}
	if (format == GIAR_FORMAT_UNKNOWN)
	{
		if (matched > 0)
			giar_diag_at(cx, "TABLE_MISALIGNED", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
					  "table 2: its columns match neither the 2021 nor the 2019 format; the table is left absent");
		report->table_status[GIAR_TABLE_2] = matched > 0 || in->region.heading ?
			GIAR_TABLE_NOT_MACHINE_READABLE : GIAR_TABLE_MISSING;
		return;
	}
	report->table_format[GIAR_TABLE_2] = format;
	values_before_labels(cx, in, spec, fits, format);

	for (int r = 0; r < spec->nrows; r++)
	{
		const GiarRowSpec *row = &spec->rows[r];
		int			ncells = giar_row_ncells(row, format);
		const int  *cells = giar_row_cells(row, format);

		if (ncells == 0)
			continue;
		expected += ncells;
		if (fits[r].label < 0)
		{
			giar_diag_at(cx, "ROW_MISSING", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
					  "table 2: row %s not found", row->key);
			continue;
		}
		{
			char		digits[MAX_RUN_DIGITS];
			int			len;

			if (row_run(in, &fits[r], ncells, false, digits, &len))
			{
				/* no identity ties table 2's cells: only a forced cut stands */
				GiarRunShape shape = {1, ncells, false};
				GiarRunSplits *splits = giar_alloc(cx, sizeof(GiarRunSplits));
				int			all[GIAR_RUN_MAX_SPLITS];

				bool		fewer = false;

				giar_run_splits(cx, digits, len, &shape, splits);
				for (int k = 0; k < splits->n; k++)
					all[k] = k;
				/*
				 * A blank cell vanishes with the boundaries: the digits
				 * must not read as fewer cells either ("112" may be
				 * 1|1|2 or 11|blank|2), which leaves cuts such as "000".
				 */
				for (int k = 1; k < ncells && !fewer; k++)
				{
					GiarRunShape less = {1, k, false};
					GiarRunSplits *other = giar_alloc(cx, sizeof(GiarRunSplits));

					giar_run_splits(cx, digits, len, &less, other);
					fewer = other->n > 0 || other->exhausted;
				}
				if (splits->n == 1 && !splits->exhausted && !fewer)
				{
					store_split(report, cells, splits->values[0], ncells);
					present += ncells;
					giar_diag_at(cx, "CELLS_SPLIT", srcline_of(in, fits[r].label), column_of(cx, in, fits[r].label),
							  "table 2 row %s: the digits %.*s run together have one cut into %d cells",
							  row->key, len, digits, ncells);
				}
				else
				{
					char		what[128];

					snprintf(what, sizeof(what), "table 2 row %s%s", row->key,
							 fewer ? " (where a blank cell may have vanished too)" : "");
					run_undetermined(cx, in, fits[r].label, what, digits, len, splits,
									 all, splits->n, cells, ncells, report);
				}
				continue;
			}
		}
		present += assign_row(cx, in, &fits[r], cells, ncells, report);
	}
	set_status(report, GIAR_TABLE_2, present, expected);
}

/* ------------------------------------------------------------------ */
/* Table 3                                                             */
/* ------------------------------------------------------------------ */

/* Printed row order of table 3 in each variant. */
static const int t3_rows_2021[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
	20, 21, 22, 23, 24
};
static const int t3_rows_2019[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
	GIAR_T3_OTHER_HANDLING, 23, 24
};

#define T3(report, r, c) ((report)->cells[GIAR_CELL_T3((r), (c))])

/*
 * Do a table-3 matrix's identities all hold?  m[r][c] holds the printed
 * rows in order (25 rows for 2021, 23 for the single （六） row).
 */
static bool
t3_identities_hold(const int64_t (*m)[GIAR_T3_NCOLS], int nrows)
{
	int			total = nrows - 2;
	int			forward = nrows - 1;

	/* sums overflowing int64 cannot balance a real table */
	for (int r = 0; r < nrows; r++)
	{
		int64_t		sum = 0;

		for (int c = 0; c < GIAR_T3_TOTAL; c++)
			if (__builtin_add_overflow(sum, m[r][c], &sum))
				return false;
		if (sum != m[r][GIAR_T3_TOTAL])
			return false;
	}
	for (int c = 0; c < GIAR_T3_NCOLS; c++)
	{
		int64_t		outcomes = 0;
		int64_t		in,
					out;

		for (int r = 2; r < total; r++)
			if (__builtin_add_overflow(outcomes, m[r][c], &outcomes))
				return false;
		if (outcomes != m[total][c])
			return false;
		if (__builtin_add_overflow(m[0][c], m[1][c], &in) ||
			__builtin_add_overflow(m[total][c], m[forward][c], &out) || in != out)
			return false;
	}
	return true;
}

/*
 * Place table 3's numbers by the format's identities alone: the text holds
 * exactly 25×7 (or 23×7, one （六） row) numbers, and labels that do not
 * line up with them (labels unreadable, or PDF text in drawing order, where
 * labels stand apart from their numbers and bands of rows are read down
 * their columns).  Every reading the identities allow is found
 * (giar_drawn_table3); cells on which they all agree are stored, the others
 * are left absent with their candidates.  Returns false, touching nothing,
 * when the numbers cannot be placed: not that many of them, a cell that is
 * not a whole number, or no reading satisfies every identity.
 */
static bool
fit_table3_drawn(GiarContext *cx, const GiarTableInput *in, GiarReport *report,
				 int diag_mark, bool labelled)
{
	int			nums[25 * GIAR_T3_NCOLS];
	int64_t		values[25 * GIAR_T3_NCOLS];
	int			count = 0;
	int			nrows;
	const int  *order;
	GiarDrawnT3 *drawn;
	int			readings;
	int			undetermined = 0;
	char		list[400] = "";
	size_t		used = 0;

	for (int i = in->region.from; i < in->region.to; i++)
	{
		const GiarToken *t = &in->tokens->tok[i];

		if (t->kind == GIAR_TOK_BLANK || t->kind == GIAR_TOK_LABEL)
			continue;
		/* dashes in the header (a markdown rule "|---|" run into it) */
		if (t->kind == GIAR_TOK_NA && count == 0)
			continue;
		if (t->kind != GIAR_TOK_NUMBER || t->num.scale != 0 || t->num.digits < 0 ||
			t->unit != NULL)
			return false;
		if (count == 25 * GIAR_T3_NCOLS)
			return false;
		values[count] = t->num.digits;
		nums[count++] = i;
	}
	if (count == 25 * GIAR_T3_NCOLS)
	{
		nrows = 25;
		order = t3_rows_2021;
	}
	else if (count == 23 * GIAR_T3_NCOLS)
	{
		nrows = 23;
		order = t3_rows_2019;
	}
	else
		return false;
	/*
	 * Where the text has row labels, they must allow the reading, out of
	 * order as they may be: the last row's label is there (a text cut
	 * short has fewer rows, not the other variant), and the three （六）
	 * sub-rows are printed exactly when the 25-row variant is read.
	 */
	if (labelled)
	{
		bool		forward = false,
					sub_rows = false;

		for (int i = in->region.from; i < in->region.to; i++)
		{
			const GiarToken *t = &in->tokens->tok[i];

			if (t->kind != GIAR_TOK_LABEL)
				continue;
			forward = forward || giar_compact_holds(t, "结转下年");
			/* 逾期不补正, 逾期未按收费通知: only the sub-rows say 逾期 */
			sub_rows = sub_rows || giar_compact_holds(t, "逾期") ||
				giar_compact_holds(t, "收费通知");
		}
		if (!forward || sub_rows != (nrows == 25))
			return false;
	}

	/* giar_drawn_table3 clears it */
	drawn = giar_alloc_uninit(cx, sizeof(GiarDrawnT3));
	readings = giar_drawn_table3(cx, values, count, nrows, drawn);
	if (readings == 0)
		return false;

	/* the row-by-row reading's diagnostics no longer apply */
	if (report->ndiagnostics >= diag_mark)
		report->ndiagnostics = diag_mark;
	for (int cell = GIAR_CELL_T3(0, 0); cell < GIAR_CELL_T3(GIAR_T3_NROWS, 0); cell++)
	{
		report->cells[cell].present = false;
		report->unreadable[cell] = false;
	}
	report->table_format[GIAR_TABLE_3] = nrows == 23 ? GIAR_FORMAT_2019 : GIAR_FORMAT_2021;
	if (readings < 0)
	{
		giar_diag_at(cx, "CELL_UNDETERMINABLE", srcline_of(in, nums[0]), column_of(cx, in, nums[0]),
				  "table 3: its %d numbers are not in the table's order and can be placed in too many ways that satisfy its identities; the table is left absent",
				  count);
		for (int r = 0; r < nrows; r++)
			for (int c = 0; c < GIAR_T3_NCOLS; c++)
				report->unreadable[GIAR_CELL_T3(order[r], c)] = true;
		return true;
	}
	for (int r = 0; r < nrows; r++)
		for (int c = 0; c < GIAR_T3_NCOLS; c++)
		{
			int			cell = GIAR_CELL_T3(order[r], c);
			GiarNumber *n = &report->cells[cell];

			if (drawn->agreed[r][c])
			{
				memset(n, 0, sizeof(*n));
				n->digits = drawn->value[r][c];
				n->present = true;
				continue;
			}
			report->unreadable[cell] = true;
			if (undetermined++ < 4 && used + 80 < sizeof(list))
			{
				const GiarDictEntry *e = giar_dict_by_cell(cell);

				used += (size_t) snprintf(list + used, sizeof(list) - used, "%s%s:",
										  used ? "; " : "", e ? e->key : "?");
				for (int k = 0; k < drawn->ncandidates[r][c] && used + 24 < sizeof(list); k++)
					used += (size_t) snprintf(list + used, sizeof(list) - used, "%s%lld",
											  k ? " or " : " ",
											  (long long) drawn->candidates[r][c][k]);
			}
		}
	if (undetermined > 0)
		giar_diag_at(cx, "CELL_UNDETERMINABLE", srcline_of(in, nums[0]), column_of(cx, in, nums[0]),
				  "table 3: its %d numbers are not in the table's order, and %d readings satisfy every identity; the %d cells they disagree on are left absent (%s%s)",
				  count, readings, undetermined, list, undetermined > 4 ? "; …" : "");
	giar_diag_at(cx, "T3_POSITIONAL", srcline_of(in, nums[0]), column_of(cx, in, nums[0]),
			  "table 3: its %d numbers were placed by the format's identities, not by its labels (rows %s)%s",
			  count, drawn->bands,
			  readings == 1 ? "; one reading satisfies every identity" : "");
	if (nrows == 23)
		giar_diag_at(cx, "T3_SINGLE_OTHER_ROW", srcline_of(in, nums[0]), column_of(cx, in, nums[0]),
				  "table 3 prints （六）其他处理 as one row (2019 format)");
	return true;
}

/*
 * Are table 3's labels apart from its numbers, as in a PDF's drawing order?
 * Then the numbers after a label are not its row's, even when there are
 * seven of them.  The signs: two labels or more with no number after them
 * (labels printed together, away from their rows), and either the numbers
 * of two rows or more after one label or a row's worth of numbers before
 * the first label.
 */
static bool
t3_labels_apart(const GiarTableInput *in, const GiarTableSpec *spec, const RowFit *fits)
{
	int			crowded = 0,
				bare = 0,
				orphans = 0;
	int			first_label = in->region.to;

	/* the labels with no number after them first: most tables have none */
	for (int r = 0; r < spec->nrows; r++)
		bare += fits[r].label >= 0 && !(spec->rows[r].flags & GIAR_ROW_MAY_BE_GROUP) &&
			fits[r].nvals == 0;
	if (bare < 2)
		return false;
	bare = 0;
	for (int r = 0; r < spec->nrows; r++)
		if (fits[r].label >= 0 && fits[r].label < first_label)
			first_label = fits[r].label;
	for (int i = in->region.from; i < first_label; i++)
		orphans += in->tokens->tok[i].kind == GIAR_TOK_NUMBER;
	for (int r = 0; r < spec->nrows; r++)
	{
		int			numbers = 0;

		if (fits[r].label < 0 || (spec->rows[r].flags & GIAR_ROW_MAY_BE_GROUP))
			continue;
		for (int k = 0; k < fits[r].nvals; k++)
			numbers += in->tokens->tok[fits[r].vals[k]].kind == GIAR_TOK_NUMBER;
		if (numbers >= 2 * GIAR_T3_NCOLS)
			crowded++;
		else if (fits[r].nvals == 0)
			bare++;
	}
	return bare >= 2 && (crowded >= 1 || orphans >= GIAR_T3_NCOLS);
}

static void
set_status_drawn(GiarReport *report)
{
	int			present = 0;

	for (int cell = GIAR_CELL_T3(0, 0); cell < GIAR_CELL_T3(GIAR_T3_NROWS, 0); cell++)
		if (report->cells[cell].present)
			present++;
	set_status(report, GIAR_TABLE_3, present,
			   report->table_format[GIAR_TABLE_3] == GIAR_FORMAT_2019 ? 23 * 7 : 25 * 7);
}

/*
 * Did the row-by-row reading give the whole table, every identity holding?
 * Then the labels placed the numbers and nothing is left to settle.
 */
static bool
t3_read_whole(const GiarReport *report, bool single_other)
{
	const int  *order = single_other ? t3_rows_2019 : t3_rows_2021;
	int			nrows = single_other ? 23 : 25;
	int64_t		m[25][GIAR_T3_NCOLS];

	for (int r = 0; r < nrows; r++)
		for (int c = 0; c < GIAR_T3_NCOLS; c++)
		{
			const GiarNumber *n = &T3(report, order[r], c);

			if (!n->present || n->scale != 0)
				return false;
			m[r][c] = n->digits;
		}
	return t3_identities_hold((const int64_t (*)[GIAR_T3_NCOLS]) m, nrows);
}

/*
 * Most rows failing 总计 = sum of the applicant columns means the columns
 * were read shifted, not that the agency misprinted most rows.
 */
static bool
t3_rows_misaligned(const GiarReport *report)
{
	int			checked = 0,
				failed = 0;

	for (int r = 0; r < GIAR_T3_NROWS; r++)
	{
		int64_t		sum = 0;
		bool		complete = true,
					nonzero = false;

		for (int c = 0; c < GIAR_T3_NCOLS; c++)
		{
			const GiarNumber *n = &T3(report, r, c);

			if (!n->present)
				complete = false;
			else if (n->digits != 0)
				nonzero = true;
		}
		if (!complete || !nonzero)
			continue;
		for (int c = 0; c < GIAR_T3_TOTAL; c++)
			if (__builtin_add_overflow(sum, T3(report, r, c).digits, &sum))
				sum = INT64_MIN;	/* cannot equal a printed total */
		checked++;
		if (sum != T3(report, r, GIAR_T3_TOTAL).digits)
			failed++;
	}
	return checked >= 3 && failed * 2 > checked;
}

/*
 * The printed order of table 3's value columns, read from its header (the
 * labels before the first row).  The format prints 自然人, the five
 * 法人或其他组织 columns, then 总计; some reports print 总计 first and say
 * so in the header.  Returns true for that order.
 */
static bool
t3_total_first(const GiarTableInput *in, int header_end)
{
	int			natural = -1,
				legal = -1,
				total = -1;

	for (int i = in->region.from; i < header_end; i++)
	{
		const GiarToken *t = &in->tokens->tok[i];

		if (t->kind != GIAR_TOK_LABEL || t->compact == NULL)
			continue;
		if (natural < 0 && strstr(t->compact, "自然人"))
			natural = i;
		if (legal < 0 && strstr(t->compact, "法人"))
			legal = i;
		if (total < 0 && (strcmp(t->compact, "总计") == 0 || strcmp(t->compact, "合计") == 0))
			total = i;
	}
	return total >= 0 && natural >= 0 && total < natural &&
		(legal < 0 || total < legal);
}

/*
 * Rows of table 3 whose cells ran together.  Each row's own identity (总计
 * = the six columns) gives its candidate cuts; the column identities
 * (（七）总计 = the outcome rows, 一 + 二 = （七） + 四) then choose among
 * them jointly with the rows read as printed.  A run row is kept when its
 * own cut is unique, or when every reading of the whole table that
 * satisfies the identities agrees on it; otherwise it is left absent with
 * its candidates listed.
 */
typedef struct T3Run
{
	int			printed;		/* index in the printed row order */
	int			tok;			/* the row's label token */
	const int  *cells;
	char		digits[MAX_RUN_DIGITS];
	int			len;
	GiarRunSplits *splits;
	int			choice;
	int			agreed;			/* candidate all solutions chose; -1 none, -2 several */
	bool		used[GIAR_RUN_MAX_SPLITS];
	bool		constrained;	/* takes part in an identity that can be assessed */
} T3Run;

#define T3_MAX_RUN_STEPS 2000000

typedef struct T3Solve
{
	GiarContext *cx;
	int			nrows;
	int64_t		m[25][GIAR_T3_NCOLS];
	T3Run	   *runs[25];		/* in search order */
	int			nruns;
	bool		check_out_at[26];	/* check the outcome identity after depth d */
	bool		check_bal_at[26];
	long		solutions;
	long		steps;
	bool		exhausted;
} T3Solve;

static bool
t3_outcomes_hold(const T3Solve *s)
{
	int			total = s->nrows - 2;

	for (int c = 0; c < GIAR_T3_NCOLS; c++)
	{
		int64_t		sum = 0;

		for (int r = 2; r < total; r++)
			sum += s->m[r][c];
		if (sum != s->m[total][c])
			return false;
	}
	return true;
}

static bool
t3_balance_holds(const T3Solve *s)
{
	int			total = s->nrows - 2;

	for (int c = 0; c < GIAR_T3_NCOLS; c++)
		if (s->m[0][c] + s->m[1][c] != s->m[total][c] + s->m[total + 1][c])
			return false;
	return true;
}

static void
t3_search(T3Solve *s, int depth)
{
	if (s->exhausted)
		return;
	if (++s->steps > T3_MAX_RUN_STEPS)
	{
		s->exhausted = true;
		return;
	}
	if ((s->steps & 1023) == 0)
		giar_tick(s->cx);
	if (depth == s->nruns)
	{
		s->solutions++;
		for (int i = 0; i < s->nruns; i++)
		{
			T3Run	   *run = s->runs[i];

			run->used[run->choice] = true;
			if (run->agreed == -1)
				run->agreed = run->choice;
			else if (run->agreed != run->choice)
				run->agreed = -2;
		}
		return;
	}
	for (int k = 0; k < s->runs[depth]->splits->n; k++)
	{
		T3Run	   *run = s->runs[depth];

		run->choice = k;
		memcpy(s->m[run->printed], run->splits->values[k], sizeof(int64_t) * GIAR_T3_NCOLS);
		if (s->check_bal_at[depth] && !t3_balance_holds(s))
			continue;
		if (s->check_out_at[depth] && !t3_outcomes_hold(s))
			continue;
		t3_search(s, depth + 1);
	}
}

static int
solve_t3_runs(GiarContext *cx, const GiarTableInput *in, T3Run *runs, int nruns,
			  const int *order, int nrows, GiarReport *report)
{
	T3Solve    *s = giar_alloc(cx, sizeof(T3Solve));
	int			state[25] = {0};	/* 0 unknown, 1 read, 2 a run to cut */
	bool		out_usable = true,
				bal_usable = true;
	int			present = 0;
	int			split_rows = 0,
				first_tok = -1;
	int			bal_rows[4] = {0, 1, nrows - 2, nrows - 1};

	s->cx = cx;
	s->nrows = nrows;
	for (int p = 0; p < nrows; p++)
	{
		bool		whole = true;

		for (int c = 0; c < GIAR_T3_NCOLS; c++)
		{
			const GiarNumber *n = &T3(report, order[p], c);

			if (!n->present || n->scale != 0)
				whole = false;
			else
				s->m[p][c] = n->digits;
		}
		if (whole)
			state[p] = 1;
	}
	for (int i = 0; i < nruns; i++)
	{
		runs[i].agreed = -1;
		if (runs[i].splits->n > 0 && !runs[i].splits->exhausted)
			state[runs[i].printed] = 2;
	}
	for (int p = 2; p < nrows - 1; p++)
		out_usable &= state[p] != 0;
	for (int k = 0; k < 4; k++)
		bal_usable &= state[bal_rows[k]] != 0;

	/* search order: the balance rows first, so that their check prunes early */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < nruns; i++)
		{
			int			p = runs[i].printed;
			bool		in_bal = p == 0 || p == 1 || p == nrows - 2 || p == nrows - 1;

			if (state[p] != 2 || in_bal != (pass == 0))
				continue;
			s->runs[s->nruns++] = &runs[i];
			if (bal_usable && in_bal)
				runs[i].constrained = true;
			if (out_usable && p >= 2 && p < nrows - 1)
				runs[i].constrained = true;
		}
	{
		int			last_bal = -1,
					last_out = -1;

		for (int d = 0; d < s->nruns; d++)
		{
			int			p = s->runs[d]->printed;

			if (p == 0 || p == 1 || p == nrows - 2 || p == nrows - 1)
				last_bal = d;
			if (p >= 2 && p < nrows - 1)
				last_out = d;
		}
		if (bal_usable && last_bal >= 0)
			s->check_bal_at[last_bal] = true;
		if (out_usable && last_out >= 0)
			s->check_out_at[last_out] = true;
	}
	if (s->nruns > 0)
		t3_search(s, 0);

	for (int i = 0; i < nruns; i++)
	{
		T3Run	   *run = &runs[i];
		const GiarRunSplits *sp = run->splits;
		int			alive[GIAR_RUN_MAX_SPLITS];
		int			nalive = 0;
		int			pick = -1;
		char		what[64];

		if (sp->n == 1 && !sp->exhausted)
			pick = 0;
		else if (state[run->printed] == 2 && run->constrained && !s->exhausted &&
				 s->solutions > 0 && run->agreed >= 0)
			pick = run->agreed;
		if (pick >= 0)
		{
			store_split(report, run->cells, sp->values[pick], GIAR_T3_NCOLS);
			present += GIAR_T3_NCOLS;
			split_rows++;
			if (first_tok < 0)
				first_tok = run->tok;
			continue;
		}
		for (int k = 0; k < sp->n; k++)
			if (!(run->constrained && !s->exhausted) || run->used[k])
				alive[nalive++] = k;
		snprintf(what, sizeof(what), "table 3 row %s", row_name(run->cells));
		run_undetermined(cx, in, run->tok, what, run->digits, run->len, sp,
						 alive, nalive, run->cells, GIAR_T3_NCOLS, report);
	}
	if (split_rows > 0)
		giar_diag_at(cx, "CELLS_SPLIT", srcline_of(in, first_tok), column_of(cx, in, first_tok),
				  "table 3: %d row%s printed with the cells run together %s cut into cells; each cut is the only one the format's identities allow",
				  split_rows, split_rows == 1 ? "" : "s", split_rows == 1 ? "was" : "were");
	return present;
}

void
giar_fit_table3(GiarContext *cx, const GiarTableInput *in, GiarReport *report)
{
	const GiarTableSpec *spec = &giar_table3_spec;
	/* diagnostics from here on are the row-by-row reading's */
	int			diag_mark = report->ndiagnostics;
	bool		drawn_tried;
	int			matched;
	RowFit	   *fits = fit_rows(cx, in, spec, &matched);
	int			present = 0,
				expected = 0;
	bool		single_other = false;
	bool		total_first;
	int			oh = -1;
	T3Run	   *runs = NULL;
	int			nruns = 0;

	report->table_format[GIAR_TABLE_3] = GIAR_FORMAT_2021;
	for (int r = 0; r < spec->nrows; r++)
		if (giar_row_cells(&spec->rows[r], GIAR_FORMAT_2021)[0] ==
			GIAR_CELL_T3(GIAR_T3_OTHER_HANDLING, 0))
			oh = r;
	if (oh >= 0 && fits[oh].nvals > 0)
	{
		int			values = 0;

		for (int k = 0; k < fits[oh].nvals; k++)
			if (in->tokens->tok[fits[oh].vals[k]].kind != GIAR_TOK_BLANK)
				values++;
		single_other = values > 0;
	}

	/*
	 * Labels too few to read by, or apart from their numbers: place the
	 * numbers by the identities before reading rows by their labels.
	 */
	drawn_tried = matched < 13 || t3_labels_apart(in, spec, fits);
	if (drawn_tried && fit_table3_drawn(cx, in, report, diag_mark, matched > 0))
	{
		set_status_drawn(report);
		return;
	}

	if (!region_has_label(in, (const char *const[]) {"自然人", NULL}, in->region.to) &&
		matched > 0)
		giar_diag_at(cx, "T3_HEADER_MISSING", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
				  "table 3: no column header; columns read in the format's order (自然人, five 法人或其他组织 columns, 总计)");

	{
		int			first_row = in->region.to;

		for (int r = 0; r < spec->nrows; r++)
			if (fits[r].label >= 0 && fits[r].label < first_row)
				first_row = fits[r].label;
		total_first = t3_total_first(in, first_row);
		if (total_first)
			giar_diag_at(cx, "T3_COLUMN_ORDER", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
					  "table 3: the header prints 总计 before 自然人; columns read in the header's order");
	}

	for (int r = 0; r < spec->nrows; r++)
	{
		const GiarRowSpec *row = &spec->rows[r];
		const int  *cells = giar_row_cells(row, GIAR_FORMAT_2021);
		int			printed[GIAR_T3_NCOLS];
		bool		is_oh = r == oh;
		bool		is_sub = cells[0] == GIAR_CELL_T3(GIAR_T3_OTHER_NO_CORRECTION, 0) ||
			cells[0] == GIAR_CELL_T3(GIAR_T3_OTHER_FEE_UNPAID, 0) ||
			cells[0] == GIAR_CELL_T3(GIAR_T3_OTHER_OTHER, 0);

		if (is_oh && !single_other)
			continue;			/* group label of the three sub-rows */
		if (is_sub && single_other)
			continue;
		expected += GIAR_T3_NCOLS;
		if (fits[r].label < 0)
		{
			if (matched > 0)
				giar_diag_at(cx, "ROW_MISSING", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
						  "table 3: row %s not found", row_name(cells));
			continue;
		}
		/* printed position k holds the format's column printed[k] */
		for (int k = 0; k < GIAR_T3_NCOLS; k++)
			printed[k] = total_first ?
				cells[k == 0 ? GIAR_T3_TOTAL : k - 1] : cells[k];
		if (!total_first)
		{
			char		digits[MAX_RUN_DIGITS];
			int			len;

			if (row_run(in, &fits[r], GIAR_T3_NCOLS, true, digits, &len))
			{
				GiarRunShape shape = {1, GIAR_T3_NCOLS, true};
				T3Run	   *run;
				int			t3row = (cells[0] - GIAR_CELL_T3_BASE) / GIAR_T3_NCOLS;

				if (runs == NULL)
					runs = giar_alloc(cx, sizeof(T3Run) * (size_t) spec->nrows);
				run = &runs[nruns++];
				memcpy(run->digits, digits, (size_t) len);
				run->len = len;
				run->tok = fits[r].label;
				run->cells = cells;
				/* printed index: the row's place in the printed order */
				run->printed = t3row == GIAR_T3_OTHER_HANDLING ? 20 :
					(single_other && t3row > GIAR_T3_OTHER_HANDLING - 3 ? t3row - 2 : t3row);
				run->splits = giar_alloc(cx, sizeof(GiarRunSplits));
				giar_run_splits(cx, digits, len, &shape, run->splits);
				continue;
			}
		}
		present += assign_row(cx, in, &fits[r], printed, GIAR_T3_NCOLS, report);
	}
	if (nruns > 0)
		present += solve_t3_runs(cx, in, runs, nruns,
								 single_other ? t3_rows_2019 : t3_rows_2021,
								 single_other ? 23 : 25, report);
	if (single_other)
	{
		report->table_format[GIAR_TABLE_3] = GIAR_FORMAT_2019;
		giar_diag_at(cx, "T3_SINGLE_OTHER_ROW", srcline_of(in, fits[oh].label), column_of(cx, in, fits[oh].label),
				  "table 3 prints （六）其他处理 as one row (2019 format)");
	}

	/*
	 * Rows missing, cut short or failing an identity: the labels did not
	 * place the numbers (PDF text in drawing order, labels apart from their
	 * rows).  If the identities place them, that reading stands.
	 */
	if (!drawn_tried && !t3_read_whole(report, single_other) &&
		fit_table3_drawn(cx, in, report, diag_mark, matched > 0))
	{
		set_status_drawn(report);
		return;
	}
	if (t3_labels_apart(in, spec, fits))
	{
		giar_diag_at(cx, "TABLE_MISALIGNED", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
				  "table 3: its row labels stand apart from its numbers (text in a PDF's drawing order: labels with no numbers after them, the numbers of several rows after one label), and the format's identities do not place the numbers; the table is left absent");
		for (int cell = GIAR_CELL_T3(0, 0); cell < GIAR_CELL_T3(GIAR_T3_NROWS, 0); cell++)
		{
			report->unreadable[cell] |= report->cells[cell].present;
			report->cells[cell].present = false;
		}
		present = 0;
	}
	else if (t3_rows_misaligned(report))
	{
		giar_diag_at(cx, "TABLE_MISALIGNED", in->doc->lines[in->region.line_from].srcline, region_column(cx, in),
				  "table 3: most rows fail 总计 = sum of the applicant columns, so the columns were not read in order; the table is left absent");
		for (int cell = GIAR_CELL_T3(0, 0); cell < GIAR_CELL_T3(GIAR_T3_NROWS, 0); cell++)
		{
			report->unreadable[cell] |= report->cells[cell].present;
			report->cells[cell].present = false;
		}
		present = 0;
	}
	set_status(report, GIAR_TABLE_3, present, expected);
}

/* ------------------------------------------------------------------ */
/* Table 4                                                             */
/* ------------------------------------------------------------------ */

#define T4_CELLS (GIAR_T4_NGROUPS * GIAR_T4_NOUTCOMES)

/*
 * The printed order of table 4's groups, from the header labels before the
 * first value: the format prints 行政复议, then 行政诉讼 未经复议直接起诉 and
 * 复议后起诉; some reports print 行政诉讼 first and say so.  order[k] is the
 * group printed k-th.
 */
static bool
t4_group_order(const GiarTableInput *in, int first_value, int *order)
{
	int			review = -1,
				litigation = -1,
				direct = -1,
				after = -1;

	order[0] = GIAR_T4_REVIEW;
	order[1] = GIAR_T4_LITIGATION_DIRECT;
	order[2] = GIAR_T4_LITIGATION_AFTER_REVIEW;
	for (int i = in->region.from; i < first_value; i++)
	{
		const GiarToken *t = &in->tokens->tok[i];

		if (t->kind != GIAR_TOK_LABEL || t->compact == NULL || t->compact_len > 60)
			continue;
		if (in->region.heading && t->line == in->region.line_from)
			continue;			/* the part heading names both */
		if (review < 0 && strstr(t->compact, "行政复议") && !strstr(t->compact, "复议后"))
			review = i;
		if (litigation < 0 && strstr(t->compact, "行政诉讼"))
			litigation = i;
		if (direct < 0 && (strstr(t->compact, "直接起诉") || strstr(t->compact, "未经复议")))
			direct = i;
		if (after < 0 && strstr(t->compact, "复议后"))
			after = i;
	}
	if (review >= 0 && litigation >= 0 && litigation < review)
	{
		order[0] = GIAR_T4_LITIGATION_DIRECT;
		order[1] = GIAR_T4_LITIGATION_AFTER_REVIEW;
		order[2] = GIAR_T4_REVIEW;
	}
	if (direct >= 0 && after >= 0 && after < direct)
	{
		/* 复议后起诉 printed before 未经复议直接起诉 */
		for (int k = 0; k < 3; k++)
			if (order[k] == GIAR_T4_LITIGATION_DIRECT)
				order[k] = GIAR_T4_LITIGATION_AFTER_REVIEW;
			else if (order[k] == GIAR_T4_LITIGATION_AFTER_REVIEW)
				order[k] = GIAR_T4_LITIGATION_DIRECT;
	}
	return order[0] != GIAR_T4_REVIEW || order[1] != GIAR_T4_LITIGATION_DIRECT;
}

/* Append to a buffer the caller made room in; returns the new length. */
static size_t
append_text(char *buf, size_t at, const char *s)
{
	size_t		n = strlen(s);

	memcpy(buf + at, s, n + 1);
	return at + n;
}

/* A count (not negative, at most 19 digits), without printf. */
static size_t
append_count(char *buf, size_t at, int64_t v)
{
	char		digits[20];
	int			n = 0;

	do
	{
		digits[n++] = (char) ('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		buf[at++] = digits[--n];
	buf[at] = '\0';
	return at;
}

/*
 * Table 4 read in printed order breaks 总计 = the four outcomes in a group,
 * while its fifteen numbers fall into groups of five that each hold, every
 * group in its own order (PDF text in drawing order: "72 64 178 37 12 1 1 6
 * 351 …").  The numbers are then not in the table's order, and which group
 * is which column they cannot say: the groups found are returned for the
 * diagnostic.  When no grouping holds, the table is a misprint and is kept
 * as printed.
 */
static int
t4_out_of_order(GiarContext *cx, const GiarReport *report, GiarDrawnT4 *drawn)
{
	int64_t		v[T4_CELLS];
	bool		broken = false;

	for (int k = 0; k < T4_CELLS; k++)
	{
		const GiarNumber *n = &report->cells[GIAR_CELL_T4_BASE + k];

		if (!n->present || n->scale != 0 || n->digits < 0)
			return 0;
		v[k] = n->digits;
	}
	for (int g = 0; g < GIAR_T4_NGROUPS; g++)
	{
		int64_t		sum = 0;
		bool		overflow = false;

		for (int o = 0; o < GIAR_T4_TOTAL; o++)
			overflow |= __builtin_add_overflow(sum, v[g * GIAR_T4_NOUTCOMES + o], &sum);
		broken |= overflow || sum != v[g * GIAR_T4_NOUTCOMES + GIAR_T4_TOTAL];
	}
	if (!broken)
		return 0;
	return giar_drawn_table4(cx, v, drawn);
}

void
giar_fit_table4(GiarContext *cx, const GiarTableInput *in, GiarReport *report)
{
	const GiarToken *tok = in->tokens->tok;
	int			vals[T4_CELLS];
	int			n = 0;
	bool		delimited = false;
	bool		overflow = false;
	int			total_values = 0;

	for (int i = in->region.from; i < in->region.to; i++)
		if (tok[i].kind != GIAR_TOK_LABEL && (tok[i].flags & GIAR_TOKEN_DELIMITED))
			delimited = true;

	if (delimited)
	{
		/* rows with numbers: the cells after the row's last label */
		int			i = in->region.from;

		while (i < in->region.to)
		{
			int			line = tok[i].line;
			int			end = i;
			int			start;
			int			last;
			bool		has_number = false;

			while (end < in->region.to && tok[end].line == line)
			{
				if (tok[end].kind == GIAR_TOK_NUMBER || tok[end].kind == GIAR_TOK_RUN)
					has_number = true;
				end++;
			}
			if (has_number)
			{
				start = i;
				for (int k = i; k < end; k++)
					if (tok[k].kind == GIAR_TOK_LABEL)
						start = k + 1;
				last = end;
				while (last > start && tok[last - 1].kind == GIAR_TOK_BLANK)
					last--;
				if (n + (last - start) > T4_CELLS)
					while (start < last && tok[start].kind == GIAR_TOK_BLANK)
						start++;
				for (int k = start; k < last; k++)
				{
					total_values++;
					if (n < T4_CELLS)
						vals[n++] = k;
					else
						overflow = true;
				}
			}
			i = end;
		}
	}
	else
	{
		for (int i = in->region.from; i < in->region.to; i++)
		{
			if (tok[i].kind == GIAR_TOK_LABEL || tok[i].kind == GIAR_TOK_BLANK)
				continue;
			total_values++;
			if (n < T4_CELLS)
				vals[n++] = i;
			else
				overflow = true;
		}
	}

	if (total_values == 0)
	{
		report->table_status[GIAR_TABLE_4] = GIAR_TABLE_NOT_MACHINE_READABLE;
		return;
	}
	report->table_format[GIAR_TABLE_4] = GIAR_FORMAT_2021;
	if (overflow || n != T4_CELLS)
	{
		/* cells run together: cut the digits into three groups of five */
		char		digits[MAX_RUN_DIGITS];
		int			len = 0;
		bool		run = true;

		for (int i = in->region.from; i < in->region.to && run; i++)
		{
			const GiarToken *t = &tok[i];

			if (t->kind == GIAR_TOK_LABEL || t->kind == GIAR_TOK_BLANK)
				continue;
			if (t->kind == GIAR_TOK_NA ||
				(t->kind == GIAR_TOK_NUMBER && (t->num.scale != 0 || t->num.digits < 0 || t->unit)))
			{
				run = false;
				break;
			}
			for (int k = 0; k < t->len; k++)
			{
				if (t->text[k] == ' ')
					continue;
				if (t->text[k] < '0' || t->text[k] > '9' || len >= MAX_RUN_DIGITS)
				{
					run = false;
					break;
				}
				digits[len++] = t->text[k];
			}
		}
		if (run && len > 0)
		{
			GiarRunShape shape = {GIAR_T4_NGROUPS, GIAR_T4_NOUTCOMES, true};
			GiarRunSplits *splits = giar_alloc(cx, sizeof(GiarRunSplits));
			int			cells[T4_CELLS];
			int			order[GIAR_T4_NGROUPS];
			int			all[GIAR_RUN_MAX_SPLITS];

			giar_run_splits(cx, digits, len, &shape, splits);
			t4_group_order(in, vals[0], order);
			for (int k = 0; k < T4_CELLS; k++)
				cells[k] = GIAR_CELL_T4(order[k / GIAR_T4_NOUTCOMES], k % GIAR_T4_NOUTCOMES);
			if (splits->n == 1 && !splits->exhausted)
			{
				store_split(report, cells, splits->values[0], T4_CELLS);
				giar_diag_at(cx, "CELLS_SPLIT", srcline_of(in, vals[0]), column_of(cx, in, vals[0]),
						  "table 4: the digits %.*s%s run together have one cut into three groups of five cells whose totals add up",
						  giar_utf8_prefix_len(digits, len, 40), digits,
						  len > 40 ? "…" : "");
				set_status(report, GIAR_TABLE_4, T4_CELLS, T4_CELLS);
				return;
			}
			for (int k = 0; k < splits->n; k++)
				all[k] = k;
			run_undetermined(cx, in, vals[0], "table 4", digits, len, splits, all,
							 splits->n, cells, T4_CELLS, report);
			report->table_status[GIAR_TABLE_4] = GIAR_TABLE_NOT_MACHINE_READABLE;
			return;
		}
		giar_diag_at(cx, "TABLE_CELL_COUNT", srcline_of(in, vals[0]), column_of(cx, in, vals[0]),
				  "table 4: %d cells where the format has %d; the table is left absent",
				  total_values, T4_CELLS);
		for (int k = 0; k < T4_CELLS; k++)
			report->unreadable[GIAR_CELL_T4_BASE + k] = true;
		report->table_status[GIAR_TABLE_4] = GIAR_TABLE_NOT_MACHINE_READABLE;
		return;
	}
	{
		int			present = 0;
		int			order[GIAR_T4_NGROUPS];
		GiarDrawnT4 *drawn;
		int			groupings;

		if (t4_group_order(in, vals[0], order))
			giar_diag_at(cx, "T4_GROUP_ORDER", srcline_of(in, vals[0]), column_of(cx, in, vals[0]),
					  "table 4: the header prints its groups in another order; values read in the header's order");
		for (int k = 0; k < T4_CELLS; k++)
			present += store_value(cx, in, vals[k],
								   GIAR_CELL_T4(order[k / GIAR_T4_NOUTCOMES],
												k % GIAR_T4_NOUTCOMES),
								   report);
		drawn = giar_alloc(cx, sizeof(GiarDrawnT4));
		groupings = t4_out_of_order(cx, report, drawn);
		if (groupings != 0)
		{
			char		list[300] = "";
			size_t		used = 0;

			/* each number at most 19 digits: a grouping fits in 100 bytes */
			for (int k = 0; k < groupings && k < 2 && used + 110 < sizeof(list); k++)
			{
				if (k)
					used = append_text(list, used, "; or ");
				for (int g = 0; g < GIAR_T4_NGROUPS; g++)
					for (int o = 0; o < GIAR_T4_NOUTCOMES; o++)
					{
						used = append_text(list, used, o == 0 ? (g ? ", " : "") :
										   o == GIAR_T4_TOTAL ? "=" : "+");
						used = append_count(list, used, drawn->groupings[k][g][o]);
					}
			}
			giar_diag_at(cx, "CELL_UNDETERMINABLE", srcline_of(in, vals[0]), column_of(cx, in, vals[0]),
					  "table 4: read in printed order a group fails 总计 = the four outcomes, while its fifteen numbers fall into groups that each hold (%s%s): they are not in the table's order, and nothing tells which group is 行政复议, 未经复议直接起诉 or 复议后起诉; the table is left absent",
					  groupings < 0 ? "many ways" : list,
					  groupings > 2 ? "; …" : "");
			for (int k = 0; k < T4_CELLS; k++)
			{
				report->unreadable[GIAR_CELL_T4_BASE + k] |= report->cells[GIAR_CELL_T4_BASE + k].present;
				report->cells[GIAR_CELL_T4_BASE + k].present = false;
			}
			present = 0;
		}
		set_status(report, GIAR_TABLE_4, present, T4_CELLS);
	}
}
