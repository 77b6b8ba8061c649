/*
 * report.c
 *		The parse pipeline: normalise → find parts and tables → fit the
 *		format → report; and the list of cells a report states.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fee_table.h"
#include "formats.h"
#include "narrative.h"
#include "segment.h"
#include "structure.h"
#include "tables.h"

/* Longer labels are prose; they end a table that has no next heading. */
#define PROSE_BYTES 150

#define TABLE_NAME(n) "table " #n

static const char *const table_names[GIAR_NTABLES] = {
	TABLE_NAME(2), TABLE_NAME(3), TABLE_NAME(4)
};

/*
 * The messages of the diagnostics about each missing part and table, made
 * by the compiler from one wording: a short text that is no full report
 * raises several of them, and formatting each at run time cost more than
 * reading a line of the text.
 */
#define PART_MISSING_MESSAGE(k) "part " #k " has no heading"

static const char *const part_missing_messages[GIAR_NPARTS + 1] = {
	NULL, PART_MISSING_MESSAGE(1), PART_MISSING_MESSAGE(2),
	PART_MISSING_MESSAGE(3), PART_MISSING_MESSAGE(4), PART_MISSING_MESSAGE(5),
	PART_MISSING_MESSAGE(6)
};

typedef struct TableMessages
{
	const char *missing;
	const char *image;
	const char *unreadable;
} TableMessages;

#define TABLE_MESSAGES(n) { \
	TABLE_NAME(n) " is not in the text", \
	TABLE_NAME(n) " appears to be published as an image", \
	TABLE_NAME(n) " has a heading but no readable cells" }

static const TableMessages table_messages[GIAR_NTABLES] = {
	TABLE_MESSAGES(2), TABLE_MESSAGES(3), TABLE_MESSAGES(4)
};

/* inline: most tokens are ruled out by their kind or length at once */
static GIAR_ALWAYS_INLINE bool
label_holds(const GiarToken *t, const char *const *labels, int max_bytes)
{
	if (t->kind != GIAR_TOK_LABEL || t->compact_len == 0 ||
		t->compact_len > max_bytes)
		return false;
	for (; *labels; labels++)
		if (giar_compact_holds(t, *labels))
			return true;
	return false;
}

/*
 * Does a long label hold the labels of three rows of table 3 or more, and
 * no sentence?  Row labels printed together, away from their numbers (a
 * PDF's drawing order with its line breaks lost), not prose.
 */
static bool
holds_row_labels(const GiarToken *t)
{
	const GiarTableSpec *spec = &giar_table3_spec;
	int			rows = 0;

	if (t->kind != GIAR_TOK_LABEL || t->compact == NULL ||
		memmem(t->text, (size_t) t->len, "。", 3) != NULL)
		return false;
	for (int r = 0; r < spec->nrows && rows < 3; r++)
		for (int k = 0; spec->rows[r].keywords && spec->rows[r].keywords[k]; k++)
			if (giar_compact_holds(t, spec->rows[r].keywords[k]))
			{
				rows++;
				break;
			}
	return rows >= 3;
}

/* Is there a label holding one of labels within the next `within` tokens? */
static bool
label_follows(const GiarTokens *tokens, int from, int within,
			  const char *const *labels)
{
	for (int i = from; i < tokens->n && i < from + within; i++)
		if (label_holds(&tokens->tok[i], labels, 60))
			return true;
	return false;
}

static bool
value_follows(const GiarTokens *tokens, int from, int within)
{
	for (int i = from; i < tokens->n && i < from + within; i++)
		if (tokens->tok[i].kind == GIAR_TOK_NUMBER || tokens->tok[i].kind == GIAR_TOK_NA)
			return true;
	return false;
}

/*
 * Where a table starts when its part has no heading: the first label that
 * opens such a table (the 第二十条 rows, the 勾稽关系 note, the 行政复议
 * header over 结果维持 …).
 */
static const char *const t2_row0[] = {"规章", NULL};
static const char *const t3_row0[] = {"本年新收", "新收政府信息", NULL};

/* Every word anchor_line opens a table on, whatever else it asks. */
static const char *const *const anchor_words[] = {
	giar_t2_anchor_labels, t2_row0, giar_t3_anchor_labels, t3_row0,
	giar_t4_anchor_labels, NULL
};

/*
 * The longest compact label anchor_line opens each table on; a label
 * longer than all of them opens none (first_anchor_line).
 */
#define T2_ANCHOR_BYTES 60
#define T3_ANCHOR_BYTES 120
#define T4_ANCHOR_BYTES 30
#define ANCHOR_BYTES_MAX T3_ANCHOR_BYTES

static int
anchor_line(GiarContext *cx, const GiarTokens *tokens, int from_tok, int table)
{
	for (int i = from_tok; i < tokens->n; i++)
	{
		const GiarToken *t = &tokens->tok[i];

		giar_tick(cx);
		if (t->kind != GIAR_TOK_LABEL)
			continue;
		switch (table)
		{
			case GIAR_TABLE_2:
				if (label_holds(t, giar_t2_anchor_labels, T2_ANCHOR_BYTES) ||
					(label_holds(t, t2_row0, T2_ANCHOR_BYTES) && value_follows(tokens, i + 1, 4)))
					return t->line;
				break;
			case GIAR_TABLE_3:
				if (label_holds(t, giar_t3_anchor_labels, T3_ANCHOR_BYTES) ||
					(label_holds(t, t3_row0, T3_ANCHOR_BYTES) && value_follows(tokens, i + 1, 8)))
					return t->line;
				break;
			case GIAR_TABLE_4:
				if (label_holds(t, giar_t4_anchor_labels, T4_ANCHOR_BYTES) &&
					label_follows(tokens, i + 1, 40, giar_t4_header_labels))
					return t->line;
				break;
		}
	}
	return -1;
}

/*
 * The 1-based character of its input line where a line cut out of a long
 * one starts (a table's heading inside a crawler's one-line page); 0 for a
 * line that is whole.
 */
static int
line_column(const GiarLine *line)
{
	return line->srccol > 0 ? line->srccol + 1 : 0;
}

/*
 * Where a table was found and how its cells stood, so that a user can see
 * why a cell is absent: "table 3 found under its part's heading, cells
 * between bars: 175 cells stated" (at its line, and character in a long
 * line).
 */
static void
say_table_found(GiarContext *cx, const GiarDoc *doc, const GiarTokens *tokens,
				const GiarRegion *region, int t, const GiarReport *report)
{
	static const int first[GIAR_NTABLES + 1] = {
		GIAR_CELL_T2_BASE, GIAR_CELL_T3_BASE, GIAR_CELL_T4_BASE, GIAR_CELL_T6_BASE
	};
	const GiarLine *line = &doc->lines[region->line_from];
	int			stated = 0,
				values = 0,
				delimited = 0;
	const char *how;

	for (int c = first[t]; c < first[t + 1]; c++)
		stated += report->cells[c].present;
	for (int i = region->from; i < region->to; i++)
	{
		const GiarToken *tk = &tokens->tok[i];

		if (tk->kind == GIAR_TOK_LABEL)
			continue;
		values++;
		delimited += (tk->flags & GIAR_TOKEN_DELIMITED) != 0;
	}
	if (delimited * 2 > values)
		how = doc->html ? "HTML table cells" : "cells between bars";
	else
		how = "cells between spaces or one a line";
	giar_diag_at(cx, "TABLE_FOUND", line->srcline, line_column(line),
				 "%s found %s, %s: %d cell%s stated", table_names[t],
				 region->heading ? "under its part's heading" : "by its own words",
				 how, stated, stated == 1 ? "" : "s");
}

static void
find_regions(GiarContext *cx, const GiarDoc *doc, const GiarTokens *tokens,
			 const GiarParts *parts, GiarRegion *regions, bool *found)
{
	int			start[GIAR_NTABLES];
	int			search_from = 0;

	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		int			part = t + 2;

		regions[t].heading = parts->line[part] >= 0;
		if (regions[t].heading)
			start[t] = parts->line[part];
		else
		{
			start[t] = anchor_line(cx, tokens, tokens->line_first[search_from], t);
			if (start[t] >= 0)
				giar_diag_at(cx, "TABLE_OUTSIDE_PART", doc->lines[start[t]].srcline,
							 line_column(&doc->lines[start[t]]),
						  "%s found without its part heading", table_names[t]);
		}
		if (start[t] >= 0)
			search_from = start[t] + 1;
	}
	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		int			end = doc->nlines;

		found[t] = start[t] >= 0;
		if (!found[t])
			continue;
		for (int k = 1; k <= GIAR_NPARTS; k++)
			if (parts->line[k] > start[t] && parts->line[k] < end)
				end = parts->line[k];
		for (int u = t + 1; u < GIAR_NTABLES; u++)
			if (start[u] > start[t] && start[u] < end)
				end = start[u];
		regions[t].line_from = start[t];
		regions[t].line_to = end;
		regions[t].from = tokens->line_first[start[t]];
		regions[t].to = tokens->line_first[end];

		/*
		 * without a following heading, prose after the values ends it (not
		 * table 3's header repeated after a page break, however long)
		 */
		{
			bool		seen_value = false;

			for (int i = regions[t].from; i < regions[t].to; i++)
			{
				const GiarToken *tk = &tokens->tok[i];

				if (tk->kind != GIAR_TOK_LABEL)
					seen_value = true;
				else if (seen_value && tk->compact_len > PROSE_BYTES &&
						 !(doc->lines[tk->line].flags & GIAR_LINE_TABLE_ROW) &&
						 !label_holds(tk, giar_t3_anchor_labels, INT_MAX) &&
						 !holds_row_labels(tk))
				{
					regions[t].to = i;
					regions[t].line_to = tk->line;
					break;
				}
			}
		}
	}
}

/*
 * The anchor words in one list, and their first characters by the low 12
 * bits of their code points (a filter: a hit is then matched word by
 * word).  Made by giar_prepare, or on first use.
 */
#define MAX_ANCHOR_WORDS 16
static const char *anchor_list[MAX_ANCHOR_WORDS];
static int	n_anchor_list;
static bool anchor_scan_off;	/* a word the scan cannot look for (more
								 * than fit, or not opening with a three-byte
								 * character from U+4000): no line skipped */
static uint64_t anchor_first_chars[64];

static void
make_anchor_list(void)
{
	static bool ready = false;
	int			n = 0;

	if (ready)
		return;

	for (int a = 0; anchor_words[a]; a++)
		for (const char *const *w = anchor_words[a]; *w; w++)
		{
			unsigned	low = giar_char_low12(*w);

			if (n == MAX_ANCHOR_WORDS || (unsigned char) (*w)[0] < 0xE4 ||
				giar_utf8_lead_len((unsigned char) (*w)[0]) != 3)
			{
				anchor_scan_off = true;
				break;
			}
			anchor_first_chars[low >> 6] |= UINT64_C(1) << (low & 63);
			anchor_list[n++] = *w;
		}
	n_anchor_list = n;
	ready = true;
}

/*
 * Can line l open a table: has it a label token holding an anchor word,
 * short enough for anchor_line (which asks that of every line it returns)?
 * The line is tokenised alone, as giar_tokenize reads it among the others,
 * into line_tokens (one array for all the lines asked about).
 */
static bool
line_has_anchor_label(GiarContext *cx, const GiarDoc *doc, int l,
					  GiarTokens *line_tokens)
{
	giar_tokenize_line(cx, doc, l, line_tokens);
	for (int i = 0; i < line_tokens->n; i++)
		for (int a = 0; anchor_words[a]; a++)
			if (label_holds(&line_tokens->tok[i], anchor_words[a], ANCHOR_BYTES_MAX))
				return true;
	return false;
}

/*
 * Does an anchor word the document may hold start at text[at] (the first
 * three bytes, then the compact form from there)?
 */
static bool
anchor_starts_at(const char *text, int at, int len, const bool *possible)
{
	for (int k = 0; k < n_anchor_list; k++)
		if (possible[k] && memcmp(text + at, anchor_list[k], 3) == 0 &&
			giar_text_compact_starts(text, at, len, anchor_list[k]))
			return true;
	return false;
}

/*
 * first_anchor_line at the characters the normaliser noted as it wrote
 * them (the anchor words' first characters, by their low 12 bits): the
 * same places the character scan below stops at, in the same order.
 */
static int
first_anchor_line_watched(GiarContext *cx, const GiarDoc *doc,
						  const bool *possible, GiarTokens *line_tokens)
{
	int			l = 0;

	for (int w = 0; w < doc->nwatched; w++)
	{
		const char *p = doc->watched_text + doc->watched_at[w];
		const GiarLine *line;

		giar_tick(cx);
		/* the line it is on (lines are cut in order from the same text) */
		while (l < doc->nlines && p >= doc->lines[l].text + doc->lines[l].len)
			l++;
		if (l == doc->nlines)
			break;
		line = &doc->lines[l];
		if (p < line->text || p + 3 > line->text + line->len)
			continue;
		if (anchor_starts_at(line->text, (int) (p - line->text), line->len, possible))
		{
			if (line_has_anchor_label(cx, doc, l, line_tokens))
				return l;
			l++;				/* the rest of the line is not asked */
		}
	}
	return doc->nlines;
}

/*
 * The first line a table without its heading can start on: the first
 * whose text holds one of the anchor words (a label holding one is part
 * of a line holding it) in a label anchor_line could open a table on, or
 * doc->nlines.  The anchor words' first characters are where the
 * normaliser noted them (doc->watched), or are found by a pass over the
 * characters up to there (every anchor word starts with a Chinese
 * character) when the lines were rewritten; a line of prose that only
 * mentions an anchor word (行政复议 in a sentence) is not where a table
 * starts, and the lines after it are not tokenised for it.
 */
static int
first_anchor_line(GiarContext *cx, const GiarDoc *doc)
{
	bool		possible[MAX_ANCHOR_WORDS] = {false};
	bool		any = false;
	GiarTokens	line_tokens = {0};

	make_anchor_list();
	if (anchor_scan_off)
		return 0;
	for (int k = 0; k < n_anchor_list; k++)
	{
		possible[k] = giar_doc_may_hold(doc, anchor_list[k]);
		any |= possible[k];
	}
	if (!any)
		return doc->nlines;
	if (doc->watched)
		return first_anchor_line_watched(cx, doc, possible, &line_tokens);
	for (int l = 0; l < doc->nlines; l++)
	{
		const char *text = doc->lines[l].text;
		int			len = doc->lines[l].len;

		giar_tick_n(cx, (size_t) len + 16);
		for (int i = 0; i + 3 <= len;)
		{
			unsigned char b = (unsigned char) text[i];
			unsigned	low;
			int			at = i;

			if (b < 0xE4)
			{
				i++;			/* ASCII, other characters' bytes */
				continue;
			}
			i += b < 0xF0 ? 3 : 4;	/* past the character (well-formed text) */
			low = giar_char_low12(text + at);
			if (!(anchor_first_chars[low >> 6] & (UINT64_C(1) << (low & 63))))
				continue;
			if (anchor_starts_at(text, at, len, possible))
			{
				if (line_has_anchor_label(cx, doc, l, &line_tokens))
					return l;
				goto next_line;
			}
		}
next_line:
		;
	}
	return doc->nlines;
}

/*
 * The lines the tables can be on, the only ones tokenised.  With the part
 * heading of every table in place, a table's region runs from its heading
 * to the next heading (as find_regions cuts it); without one, a table is
 * looked for after the previous one, from the first line holding a word
 * that opens a table (anchor_line, which, like the table fitters, reads
 * only onwards from where it starts).
 */
static void
table_lines(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
			int *from, int *to)
{
	int			first = doc->nlines;
	int			last = 0;

	*from = 0;
	*to = doc->nlines;
	for (int t = 0; t < GIAR_NTABLES; t++)
		if (parts->line[t + 2] < 0)
		{
			*from = first_anchor_line(cx, doc);
			for (int u = 0; u < GIAR_NTABLES; u++)
				if (parts->line[u + 2] >= 0 && parts->line[u + 2] < *from)
					*from = parts->line[u + 2];
			return;
		}
	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		int			start = parts->line[t + 2];
		int			end = doc->nlines;

		for (int k = 1; k <= GIAR_NPARTS; k++)
			if (parts->line[k] > start && parts->line[k] < end)
				end = parts->line[k];
		if (start < first)
			first = start;
		if (end > last)
			last = end;
	}
	*from = first;
	*to = last;
}

static bool
region_has_image(const GiarDoc *doc, const GiarRegion *region)
{
	for (int l = region->line_from; l < region->line_to; l++)
	{
		const GiarLine *line = &doc->lines[l];

		if ((line->flags & GIAR_LINE_IMAGE) ||
			(line->len < 40 && (strstr(line->text, "[图片]") ||
								strstr(line->text, "[image]") ||
								strstr(line->text, "<img"))))
			return true;
	}
	return false;
}

/*
 * Cells are cleared whole (an absent cell's digits are never read), not
 * flag by flag over some three hundred cells: a refused or legacy text's
 * parse clears them on every call.
 */
static void
clear_tables(GiarReport *report)
{
	memset(&report->cells[GIAR_CELL_T2_BASE], 0,
		   sizeof(GiarNumber) * (GIAR_CELL_N_BASE - GIAR_CELL_T2_BASE));
	memset(&report->unreadable[GIAR_CELL_T2_BASE], 0,
		   sizeof(bool) * (GIAR_CELL_N_BASE - GIAR_CELL_T2_BASE));
	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		report->table_status[t] = GIAR_TABLE_MISSING;
		report->table_format[t] = GIAR_FORMAT_UNKNOWN;
	}
}

/* Fewer visible characters than this is no text to parse. */
#define MIN_TEXT_CHARS 40

/* Characters other than spaces, counted up to MIN_TEXT_CHARS. */
static int
visible_chars(const GiarDoc *doc)
{
	int			n = 0;

	for (int l = 0; l < doc->nlines && n < MIN_TEXT_CHARS; l++)
		for (int i = 0; i < doc->lines[l].len && n < MIN_TEXT_CHARS; i++)
		{
			unsigned char b = (unsigned char) doc->lines[l].text[i];

			/* count characters, not bytes: skip UTF-8 continuation bytes */
			if (b != ' ' && (b & 0xC0) != 0x80)
				n++;
		}
	return n;
}

/*
 * Were table t's cells read but left absent, each with its own diagnostic
 * (undeterminable, misaligned, not a number)?  Then "no readable cells"
 * would be wrong.
 */
static bool
table_cells_explained(const GiarReport *report, int t)
{
	static const int first[GIAR_NTABLES + 1] = {
		GIAR_CELL_T2_BASE, GIAR_CELL_T3_BASE, GIAR_CELL_T4_BASE, GIAR_CELL_T6_BASE
	};

	for (int cell = first[t]; cell < first[t + 1]; cell++)
		if (report->unreadable[cell])
			return true;
	return false;
}

/* A refused document claims nothing: no cells, no metadata. */
static void
refuse(GiarReport *report)
{
	memset(report->cells, 0, sizeof(report->cells));
	memset(report->unreadable, 0, sizeof(report->unreadable));
	clear_tables(report);
	report->format = GIAR_FORMAT_UNKNOWN;
	report->year = report->title_year = report->period_year = 0;
	report->agency = NULL;
	report->index_number = NULL;
	memset(&report->published, 0, sizeof(report->published));
	report->parts_present = 0;
	memset(report->prose_outcomes, 0, sizeof(report->prose_outcomes));
	report->nshares = 0;
}

static bool
states_table_cells(const GiarReport *report)
{
	for (int c = GIAR_CELL_T2_BASE; c < GIAR_CELL_N_BASE; c++)
		if (report->cells[c].present)
			return true;
	return false;
}

/*
 * What fitting said about the formats' tables means nothing for a report
 * whose tables are not read (a legacy report): forget it.
 */
static void
drop_table_diagnostics(GiarReport *report)
{
	int			kept = 0;

	for (int i = 0; i < report->ndiagnostics; i++)
	{
		int			c = report->diagnostics[i].catalogue_index;

		if (c < 0 || !giar_diag_codes[c].from_fitting)
			report->diagnostics[kept++] = report->diagnostics[i];
	}
	report->ndiagnostics = kept;
}

/*
 * What decides whether a text is a disclosure report, known before its
 * tables are fitted: whether it is a look-alike, and whether its tables'
 * cells decide (no title and fewer than three part headings: then a text
 * without cells is refused).
 */
typedef struct RefusalBasis
{
	bool		look_alike;
	bool		cells_decide;
} RefusalBasis;

static RefusalBasis
refusal_basis(const GiarDoc *doc, const GiarParts *parts, bool has_title)
{
	RefusalBasis b;

	b.look_alike = giar_is_look_alike(doc, parts);
	b.cells_decide = !has_title && giar_count_parts(parts) < 3;
	return b;
}

/*
 * Why the text is no disclosure report, or NULL.  Known before the prose is
 * read (it depends on the title, the part headings and the tables only),
 * so a refused text's prose is not read: a refused document claims
 * nothing.
 */
static const char *
why_refused(RefusalBasis basis, const GiarReport *report)
{
	if (basis.look_alike)
		return "the text is a 行政执法 data publication, not a government information disclosure annual report";
	if (basis.cells_decide && !states_table_cells(report))
		return "no title, part headings or tables of a government information disclosure annual report were found";
	return NULL;
}

/* A report on a year before the national formats (read as legacy). */
static bool
predates_formats(const GiarReport *report)
{
	return report->year > 0 && report->year < 2019;
}

/*
 * refusal: why_refused's answer, found before the prose was read;
 * legacy_tables: a report before the formats has a table with values.
 */
static void
decide_format(GiarContext *cx, const GiarDoc *doc, const char *refusal,
			  bool legacy_tables, GiarReport *report)
{
	GiarFormat	t2 = report->table_status[GIAR_TABLE_2] >= GIAR_TABLE_PARTIAL ?
		report->table_format[GIAR_TABLE_2] : GIAR_FORMAT_UNKNOWN;
	GiarFormat	t3 = report->table_status[GIAR_TABLE_3] >= GIAR_TABLE_PARTIAL ?
		report->table_format[GIAR_TABLE_3] : GIAR_FORMAT_UNKNOWN;
	int			cited = giar_cited_format(cx, doc);

	if (refusal)
	{
		giar_diag(cx, "NOT_A_REPORT", 0, "%s", refusal);
		refuse(report);
		return;
	}

	if (predates_formats(report))
	{
		/* old free-form reports: their tables are not these formats */
		drop_table_diagnostics(report);
		if (legacy_tables)
			giar_diag(cx, "LEGACY_TABLES", 0,
					  "a report on %d predates the national formats; its tables are not read",
					  report->year);
		clear_tables(report);
		report->format = GIAR_FORMAT_LEGACY;
		return;
	}

	if (t2 != GIAR_FORMAT_UNKNOWN)
		report->format = t2;
	else if (t3 == GIAR_FORMAT_2019)
		report->format = GIAR_FORMAT_2019;
	else if (report->year >= 2021)
		report->format = GIAR_FORMAT_2021;
	else if (report->year == 2019 || report->year == 2020)
		report->format = GIAR_FORMAT_2019;
	else if (cited == 2021)
		report->format = GIAR_FORMAT_2021;
	else if (cited == 2019)
		report->format = GIAR_FORMAT_2019;
	else if (t3 == GIAR_FORMAT_2021)
		report->format = GIAR_FORMAT_2021;
	else
		report->format = GIAR_FORMAT_UNKNOWN;

	if (t2 != GIAR_FORMAT_UNKNOWN && t3 != GIAR_FORMAT_UNKNOWN && t2 != t3)
		giar_diag(cx, "FORMAT_MIXED", 0,
				  "table 2 follows the %s format and table 3 the %s format",
				  giar_format_name(t2), giar_format_name(t3));
}

/*
 * A signature of the report's prose (parts 一, 五, 六, or all the text
 * outside the tables when the parts have no headings), for telling year on
 * year whether the text was copied (内容雷同).  Shingles of three Chinese
 * characters, digits and punctuation left out so that a copy with new
 * figures still matches; one-permutation MinHash with 64 bins.
 * Out of line, with the window and the bins in locals: inside giar_parse
 * they lived on the stack, and each character waited on the store of the
 * one before; the bins' minimum is taken without a branch (whether a
 * shingle lowers its bin is a coin toss early on, and mispredicted).
 */
static GIAR_NOINLINE void
fingerprint_prose(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
				  int body_start, GiarReport *report)
{
	int			ranges[3][2];
	int			nranges = 0;
	uint64_t	window = 0;		/* the last three code points, 21 bits each */
	long		filled = 0;		/* Han characters read; a shingle ends at
								 * each from the third */
	uint32_t	mins[GIAR_FINGERPRINT_SIZE];

	for (int b = 0; b < GIAR_FINGERPRINT_SIZE; b++)
		mins[b] = UINT32_MAX;
	if (parts->line[1] >= 0)
	{
		static const int prose_parts[] = {1, 5, 6};

		for (int i = 0; i < 3; i++)
			if (parts->line[prose_parts[i]] >= 0)
			{
				giar_part_range(doc, parts, prose_parts[i], &ranges[nranges][0],
								&ranges[nranges][1]);
				nranges++;
			}
	}
	else
	{
		ranges[0][0] = 0;
		ranges[0][1] = body_start;
		nranges = 1;
	}
	for (int r = 0; r < nranges; r++)
		for (int l = ranges[r][0]; l < ranges[r][1]; l++)
		{
			const GiarLine *line = &doc->lines[l];
			const char *text = line->text;
			int			len = line->len;

			giar_tick_n(cx, (size_t) len + 16);
			if (line->flags & (GIAR_LINE_TABLE_ROW | GIAR_LINE_FOOTER))
				continue;
			for (int i = 0; i < len;)
			{
				const unsigned char *u = (const unsigned char *) text + i;
				uint32_t	cp;
				uint64_t	h;
				uint32_t	v;
				int			bin;

				/* ASCII and U+4E00..U+9FFF, nearly all of it, decoded here */
				if (u[0] < 0x80)
				{
					i++;
					continue;
				}
				if (giar_doc_is_cjk_unified3(text + i, (size_t) (len - i)))
				{
					cp = ((uint32_t) (u[0] & 0x0F) << 12) | giar_char_low12(text + i);
					i += 3;
				}
				else
				{
					i += giar_utf8_decode(text + i, len - i, &cp);
					if (cp < 0x3400 || !giar_is_han(cp))
						continue;
				}
				window = ((window << 21) ^ cp) & ((UINT64_C(1) << 63) - 1);
				if (++filled < 3)
					continue;
				/* splitmix64 of the three code points */
				h = window + 0x9E3779B97F4A7C15ULL;
				h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
				h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
				h ^= h >> 31;
				bin = (int) (h >> 58);
				v = (uint32_t) h;
				mins[bin] = v < mins[bin] ? v : mins[bin];
			}
		}
	memcpy(report->fingerprint, mins, sizeof(mins));
	report->has_fingerprint = filled - 2 >= 20;
}

static bool
has_diag_code(const GiarReport *report, const char *code)
{
	for (int i = 0; i < report->ndiagnostics; i++)
		if (strcmp(report->diagnostics[i].code, code) == 0)
			return true;
	return false;
}

/*
 * Words hijacked mirrors inject into government pages (gambling and lottery
 * advertising) and the mojibake of double-converted text.  They never
 * belong to a report; finding them is worth telling the user, and label
 * matching tolerates them (see tables.c).
 */
static const char *const injected_words[] = {
	"买球", "足彩", "博彩", "赌场", "百家乐", "老虎机", "娱乐城",
	"体育投注", "真人荷官", "棋牌游戏", "葡京", "威尼斯人", "太阳城", "澳门银河",
	"开户送", "注册送", "锟斤拷", "烫烫烫", NULL
};

static void
detect_injected_text(GiarContext *cx, const GiarDoc *doc)
{
	int			counts[32] = {0};
	int			first_index = 0,
				total = 0;
	char		list[256] = "";
	size_t		used = 0;

	/*
	 * A word with a character the document lacks (doc->chars3, filled as
	 * the text was read) is not searched for, line by line.
	 */
	for (int w = 0; injected_words[w]; w++)
	{
		size_t		wlen;

		if (!giar_doc_may_hold(doc, injected_words[w]))
			continue;
		wlen = strlen(injected_words[w]);
		for (int l = 0; l < doc->nlines; l++)
		{
			const GiarLine *line = &doc->lines[l];
			const char *end = line->text + line->len;

			giar_tick_n(cx, (size_t) line->len + 16);
			for (const char *p = giar_find(line->text, (size_t) line->len,
										   injected_words[w], wlen);
				 p; p = giar_find(p + 1, (size_t) (end - p - 1), injected_words[w], wlen))
			{
				if (total++ == 0 || l < first_index)
					first_index = l;
				counts[w]++;
				giar_tick(cx);
			}
		}
	}
	if (total == 0)
		return;
	for (int w = 0; injected_words[w]; w++)
		if (counts[w] > 0 && used < sizeof(list) - 40)
			used += (size_t) snprintf(list + used, sizeof(list) - used, "%s%s ×%d",
									  used ? ", " : "", injected_words[w], counts[w]);
	giar_diag(cx, "TEXT_INJECTED", doc->lines[first_index].srcline,
			  "words that do not belong to a report, as injected by hijacked mirrors or left by double conversion: %s",
			  list);
}

void
giar_parse(GiarContext *cx, const char *text, size_t len, GiarReport *report)
{
	GiarDoc		doc;
	GiarTokens	tokens;
	GiarParts	parts;
	GiarRegion	regions[GIAR_NTABLES];
	bool		found[GIAR_NTABLES];
	int			body_start;
	int			tokens_from,
				tokens_to;
	bool		legacy_tables = false;
	bool		legacy_unfitted;
	RefusalBasis basis;
	const char *refusal;

	report->format = GIAR_FORMAT_UNKNOWN;
	if (len > GIAR_MAX_INPUT_BYTES)
	{
		giar_diag(cx, "INPUT_TOO_LARGE", 0,
				  "the text has %zu bytes; reports longer than %d bytes are not parsed",
				  len, GIAR_MAX_INPUT_BYTES);
		return;
	}
	make_anchor_list();
	giar_read_document_watching(cx, text, len,
								anchor_scan_off ? NULL : anchor_first_chars, &doc);
	if (visible_chars(&doc) < MIN_TEXT_CHARS)
	{
		giar_diag(cx, "EMPTY_INPUT", 0,
				  "the text is empty or holds fewer than %d characters",
				  MIN_TEXT_CHARS);
		return;
	}
	if (doc.invalid_bytes)
		giar_diag(cx, "INVALID_UTF8", 0,
				  "%d ill-formed UTF-8 sequences replaced by U+FFFD",
				  doc.invalid_bytes);
	if (doc.html)
		giar_diag(cx, "HTML_INPUT", 0, "read as HTML");
	if (doc.traditional)
		giar_diag(cx, "TRADITIONAL_SCRIPT", 0,
				  "traditional characters converted to simplified");
	if (doc.pinyin_removed)
		giar_diag(cx, "PINYIN_REMOVED", 0,
				  "%d pinyin annotations removed", doc.pinyin_removed);

	detect_injected_text(cx, &doc);
	giar_merge_box_rows(cx, &doc);
	giar_find_parts(cx, &doc, &parts);
	/* line breaks are hints: lines holding several parts of the structure are cut */
	giar_segment_lines(cx, &doc, &parts);
	table_lines(cx, &doc, &parts, &tokens_from, &tokens_to);
	giar_tokenize(cx, &doc, tokens_from, tokens_to, &tokens);
	for (int k = 1; k <= GIAR_NPARTS; k++)
		if (parts.line[k] >= 0)
			report->parts_present |= 1u << k;
	giar_read_meta(cx, &doc, &parts, report);

	find_regions(cx, &doc, &tokens, &parts, regions, found);
	body_start = doc.nlines;

	/*
	 * A report before the formats keeps none of its tables' cells and none
	 * of what fitting says of them (decide_format).  When it cannot be
	 * refused (why_refused: not a look-alike, and its cells decide
	 * nothing), its tables are not fitted at all; otherwise they are,
	 * until one yields cells.
	 */
	basis = refusal_basis(&doc, &parts, report->title_year != 0);
	legacy_unfitted = predates_formats(report) && !basis.look_alike &&
		!basis.cells_decide;
	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		GiarTableInput in = {&doc, &tokens, regions[t]};

		if (!found[t])
		{
			report->table_status[t] = GIAR_TABLE_MISSING;
			continue;
		}
		if (regions[t].line_from < body_start)
			body_start = regions[t].line_from;
		if (!giar_region_has_values(&tokens, &regions[t]))
		{
			report->table_status[t] = GIAR_TABLE_NOT_MACHINE_READABLE;
			continue;
		}
		if (predates_formats(report))
		{
			legacy_tables = true;	/* a table with values (LEGACY_TABLES) */
			if (legacy_unfitted || states_table_cells(report))
				continue;
		}
		switch (t)
		{
			case GIAR_TABLE_2:
				giar_fit_table2(cx, &in, report);
				break;
			case GIAR_TABLE_3:
				giar_fit_table3(cx, &in, report);
				break;
			case GIAR_TABLE_4:
				giar_fit_table4(cx, &in, report);
				break;
		}
		say_table_found(cx, &doc, &tokens, &regions[t], t, report);
	}
	refusal = why_refused(basis, report);
	/*
	 * Refused texts claim no figure; reports before 2019 (legacy) have their
	 * whole text read below instead.
	 */
	if (refusal == NULL && !predates_formats(report))
	{
		giar_read_fee_table(cx, &doc, &parts, report);
		giar_read_narrative(cx, &doc, &parts, body_start, report);
	}
	fingerprint_prose(cx, &doc, &parts, body_start, report);
	decide_format(cx, &doc, refusal, legacy_tables, report);
	if (report->format == GIAR_FORMAT_LEGACY)
		giar_read_narrative_whole(cx, &doc, report);
	if (report->format == GIAR_FORMAT_UNKNOWN && report->year == 0 &&
		!(report->parts_present))
		return;
	if (has_diag_code(report, "NOT_A_REPORT"))
		return;

	if (report->year == 0 && !has_diag_code(report, "YEAR_RANGE"))
		giar_diag(cx, "YEAR_MISSING", 0,
				  "neither a title year nor a statistics period was found");
	if (report->format == GIAR_FORMAT_2021 || report->format == GIAR_FORMAT_2019)
	{
		for (int k = 1; k <= GIAR_NPARTS; k++)
			if (parts.line[k] < 0)
				giar_diag(cx, "PART_MISSING", 0, "%s", part_missing_messages[k]);
		for (int t = 0; t < GIAR_NTABLES; t++)
		{
			if (report->table_status[t] == GIAR_TABLE_MISSING)
				giar_diag(cx, "TABLE_MISSING", 0, "%s", table_messages[t].missing);
			else if (report->table_status[t] == GIAR_TABLE_NOT_MACHINE_READABLE &&
					 !table_cells_explained(report, t))
			{
				int			line = doc.lines[regions[t].line_from].srcline;
				int			column = line_column(&doc.lines[regions[t].line_from]);

				if (region_has_image(&doc, &regions[t]))
					giar_diag_at(cx, "TABLE_IMAGE", line, column, "%s", table_messages[t].image);
				giar_diag_at(cx, "TABLE_NOT_MACHINE_READABLE", line, column, "%s",
						  table_messages[t].unreadable);
			}
		}
	}
}

char *
giar_normalize_for_display(GiarContext *cx, const char *text, size_t len,
						   size_t *out_len)
{
	GiarDoc		doc;
	size_t		total = 0;
	char	   *out;
	char	   *p;

	if (len > GIAR_MAX_INPUT_BYTES)
		len = GIAR_MAX_INPUT_BYTES;
	giar_read_document(cx, text, len, &doc);
	for (int l = 0; l < doc.nlines; l++)
		total += (size_t) doc.lines[l].len + 1;
	out = giar_alloc(cx, total + 1);
	p = out;
	for (int l = 0; l < doc.nlines; l++)
	{
		memcpy(p, doc.lines[l].text, (size_t) doc.lines[l].len);
		p += doc.lines[l].len;
		if (l + 1 < doc.nlines)
			*p++ = '\n';
	}
	*p = '\0';
	*out_len = (size_t) (p - out);
	return out;
}

int
giar_prefix_match(const char *s, const char *end, const char *const *words)
{
	if (s >= end)
		return 0;
	for (; *words; words++)
	{
		const char *w = *words;
		size_t		n;

		/*
		 * called at every byte of long texts: reject on the first byte, and
		 * on the second (Chinese words share their first bytes)
		 */
		if (w[0] != s[0] || (w[1] != '\0' && (end - s < 2 || w[1] != s[1])))
			continue;
		n = strlen(w);
		if ((size_t) (end - s) >= n && memcmp(s, w, n) == 0)
			return (int) n;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */
/* ------------------------------------------------------------------ */

static bool
derived_value(const GiarReport *report, const GiarDictEntry *e, GiarNumber *out)
{
	int			col = -1;
	int64_t		sum = 0;

	for (int c = 0; c < GIAR_T3_NCOLS; c++)
		if (strcmp(giar_t3_column_keys[c], e->column_key) == 0)
			col = c;
	if (col < 0)
		return false;
	for (int r = e->derived_first; r <= e->derived_last; r++)
	{
		const GiarNumber *n = &report->cells[GIAR_CELL_T3(r, col)];

		if (!n->present || __builtin_add_overflow(sum, n->digits, &sum))
			return false;
	}
	out->digits = sum;
	out->scale = 0;
	out->present = true;
	return true;
}

void
giar_report_cells(const GiarReport *report, GiarCellCallback cb, void *arg)
{
	for (int i = 0; i < giar_dictionary_size; i++)
	{
		const GiarDictEntry *e = &giar_dictionary[i];
		GiarNumber	v = {0, 0, false};

		if (e->kind == GIAR_KIND_YEAR)
		{
			if (report->year <= 0)
				continue;
			v.digits = report->year;
			v.present = true;
		}
		else if (e->cell >= 0 && report->cells[e->cell].present)
			v = report->cells[e->cell];
		else if (e->derived_first >= 0)
		{
			if (!derived_value(report, e, &v))
				continue;
		}
		else
			continue;
		if (!cb(arg, e, v))
			return;
	}
}

void
giar_prepare(void)
{
	giar_icu_prepare();
	giar_html_prepare();
	giar_narrative_prepare();
	giar_tables_prepare();
	giar_tokens_prepare();
	make_anchor_list();
	giar_segment_prepare();
	giar_checks_prepare();
	(void) giar_dict_by_cell(0);
	(void) giar_dict_by_key("");
}

void
giar_library_versions(char *buf, size_t size)
{
	char		icu[64];

	giar_icu_versions(icu, sizeof(icu));
	snprintf(buf, size, "%s, libxml2 %s", icu, giar_libxml_version());
}
