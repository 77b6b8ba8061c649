/*
 * segment.c
 *		Line breaks are hints, not structure: cut a line where the report's
 *		structure changes inside it.
 *
 * Crawlers store a page's article as one line, and texts lose their line
 * breaks on the way; part headings, table anchors, row labels and cells
 * then follow each other inside a line.  What follows this step reads
 * lines: part headings at line starts (structure.c), tables from the line
 * that opens them (report.c), rows by their labels' lines (tables.c),
 * prose by paragraph (narrative.c).  So a line is cut
 *
 *  - before and after a part heading ("…质效。二、主动公开政府信息情况 第二十
 *    条…"), which is recognised by the test that finds headings at line
 *    starts, applied to the heading alone; a heading is cut out only where
 *    its end is certain (a digit, a bracket, punctuation, the end of the
 *    line, or the word the format's headings end with: 情况, 事项);
 *  - before and after a numbered section whose title ends so (a report
 *    before 2019 has sections of its own), and before a section's ordinal
 *    after a sentence ("。（二）依申请公开…"), which opens a paragraph;
 *  - around the title in a line too long to be read as one;
 *  - after the last sentence before cells between bars (site chrome: the
 *    narrative reader skips a line with bars);
 *  - inside tables: before the anchors that open them (第二十条第（一）项,
 *    the 勾稽关系 note, 申请人情况 over 自然人, the 行政复议 header), before
 *    each row label of the formats (the keywords of formats.c, from the
 *    label's ordinal: "（一）", "2.", "一、"), before the text that follows
 *    a row's values ("…0000000" | "2.其他法律…", a year that starts the
 *    prose after the last row: "…0" | "2025年，我局…"), and around page
 *    footers among the cells ("- 3 -").
 *
 * Prose is cut only at headings, sections and the title: a label named in
 * a sentence ("予以公开3件") is no table row, a table is entered only at an
 * anchor or at a row label whose values are followed by another label or
 * the line's end, and the narrative reader joins a paragraph's lines
 * again.  Digits run together are left whole: the tokeniser and the run
 * splitter (runs.c) cut them by the format's identities.
 *
 * Which lines are looked into: those longer than a paragraph when a part
 * heading is missing (LONG_LINE_BYTES), and in the tables' parts those
 * longer than a row (ROW_LINE_BYTES) in which text follows a value; a line
 * shorter than that is read as it stands (rows glued in pairs are cut by
 * the tokeniser).  So a report whose six headings stand at line starts
 * costs a byte scan of a few of its table lines.
 */
#include <stdlib.h>
#include <string.h>

#include "formats.h"
#include "segment.h"
#include "tokens.h"

/*
 * Lines at least this long are looked into for headings when some are
 * missing, and for tables when their parts' headings are missing: the
 * lines of a text whose breaks were lost.
 */
#define LONG_LINE_BYTES 512
/*
 * Lines of the tables' parts at least this long are looked into: more than
 * a row or two hold as printed (a shorter line with rows glued together,
 * "…0000000二、上年结转…", is cut into rows by the tokeniser).
 */
#define ROW_LINE_BYTES 256
/* A heading's text read after its ordinal, at most (heading_part's window). */
#define HEADING_MAX_BYTES 120
/*
 * find_title skips lines longer than 300 bytes; the title is cut out of
 * lines that hold more than a paragraph (a whole page's text).
 */
#define TITLE_LINE_BYTES 1024
/* Characters a row label's ordinal may stand before its keyword. */
#define LABEL_LEAD_CHARS 12
/* Bytes between a row label's keyword and its first value, at most. */
#define LABEL_TAIL_BYTES 150
/* Agency names before a title's year, in characters at most. */
#define TITLE_AGENCY_CHARS 40
/* A value written in a cell ("增加2", "—"), in bytes at most. */
#define VALUE_CELL_BYTES 32

typedef struct Cuts
{
	int		   *at;				/* offsets where a new line starts */
	int			n;
	int			cap;
} Cuts;

static void
add_cut(GiarContext *cx, Cuts *cuts, int at)
{
	cuts->at = giar_grow_uninit(cx, cuts->at, sizeof(int), &cuts->cap, cuts->n);
	cuts->at[cuts->n++] = at;
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Start of the character before offset at (at > 0). */
static inline int
prev_char(const char *s, int at)
{
	int			k = at - 1;

	while (k > 0 && ((unsigned char) s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

static inline int
char_len_at(const char *s, int at, int len)
{
	int			n = giar_utf8_lead_len((unsigned char) s[at]);

	return at + n <= len ? n : len - at;
}

static inline bool
han_at(const char *s, int at, int len)
{
	return at < len && giar_doc_is_cjk_unified3(s + at, (size_t) (len - at));
}

static inline bool
word_n_at(const char *s, int at, int len, const char *word, size_t n)
{
	return at >= 0 && (size_t) (len - at) >= n && memcmp(s + at, word, n) == 0;
}

static inline bool
word_at(const char *s, int at, int len, const char *word)
{
	/* most positions fail at the first byte: no strlen for them */
	return at >= 0 && at < len && s[at] == word[0] &&
		word_n_at(s, at, len, word, strlen(word));
}

/* word_at for a string literal, its length known to the compiler */
#define WORD_AT(s, at, len, lit) word_n_at((s), (at), (len), (lit), sizeof(lit) - 1)

static int
skip_spaces(const char *s, int at, int len)
{
	while (at < len && s[at] == ' ')
		at++;
	return at;
}

/* ------------------------------------------------------------------ */
/* Part headings                                                       */
/* ------------------------------------------------------------------ */

/* The numerals of the six parts, a filter before the heading test. */
static bool
part_numeral_at(const char *s, int at, int len)
{
	if (at < 0 || len - at < 3)
		return false;
	switch (giar_bytes3_key(s + at))
	{
		case 0xE4B880:			/* 一 */
		case 0xE4BA8C:			/* 二 */
		case 0xE4B889:			/* 三 */
		case 0xE59B9B:			/* 四 */
		case 0xE4BA94:			/* 五 */
		case 0xE585AD:			/* 六 */
			return true;
		default:
			return false;
	}
}

/*
 * The words the headings of the formats end with: the heading ends right
 * after the first of them ("五、存在的主要问题及改进情况存在的问题主要有…").
 * Their first characters are listed in heading_end's switch.
 */
static const char *const heading_end_words[] = {
	"情况", "事项", "措施", "概述", "概况", NULL
};

/*
 * Where a heading whose text starts at rest ends: before a digit, a
 * bracket, punctuation or a space, after a word that ends headings, or at
 * the end of the line; -1 when none of these comes within
 * HEADING_MAX_BYTES (the heading's end is not certain).
 */
static int
heading_end(const char *s, int rest, int len)
{
	int			i = skip_spaces(s, rest, len);
	int			text = i;
	int			limit = rest + HEADING_MAX_BYTES;

	while (i < len && i < limit)
	{
		unsigned char b = (unsigned char) s[i];

		if (b < 0x80)
		{
			if (is_digit((char) b) || b == '(' || b == '[' || b == '|' ||
				b == ',' || b == ';' || b == ':' || b == '!' || b == '?' ||
				b == ' ' || b == '"')
				break;
			i++;
			continue;
		}
		if (len - i >= 3)
			switch (giar_bytes3_key(s + i))
			{
				case 0xE38082:	/* 。 */
				case 0xE2809C:	/* “ */
				case 0xE38090:	/* 【 */
				case 0xE3808A:	/* 《 */
					goto found;
				case 0xE68385:	/* 情 */
				case 0xE4BA8B:	/* 事 */
				case 0xE68EAA:	/* 措 */
				case 0xE6A682:	/* 概 */
					for (int w = 0; heading_end_words[w]; w++)
						if (word_at(s, i, len, heading_end_words[w]))
						{
							i += (int) strlen(heading_end_words[w]);
							goto found;
						}
					break;
				default:
					break;
			}
		i += char_len_at(s, i, len);
	}
	if (i >= limit && i < len)
		return -1;
found:							/* at a stop, or after an end word */
	if (i - text < 6)
		return -1;				/* fewer than two characters */
	return i;
}

/*
 * A numbered section's title that is no part heading of the formats
 * ("五、因政府信息公开申请提起行政复议、行政诉讼的情况" in a report before
 * 2019): where it ends, right after the word that ends such titles, with
 * no punctuation, bracket or digit before it; -1 otherwise.
 */
static int
section_end(const char *s, int rest, int len)
{
	int			i = skip_spaces(s, rest, len);
	int			text = i;

	while (i < len && i < rest + HEADING_MAX_BYTES)
	{
		unsigned char b = (unsigned char) s[i];

		if (b < 0x80)
		{
			if (b != ' ')
				return -1;
			i++;
			continue;
		}
		if (WORD_AT(s, i, len, "。"))
			return -1;
		for (int w = 0; heading_end_words[w]; w++)
			if (word_at(s, i, len, heading_end_words[w]))
				return i - text >= 6 ? i + (int) strlen(heading_end_words[w]) : -1;
		i += char_len_at(s, i, len);
	}
	return -1;
}

/*
 * Is there a part heading at s[p] (its numeral, or 第 before it) whose
 * separator ends at rest?  *end: where its text ends.
 */
static bool
heading_at(const char *s, int p, int rest, int len, int *end)
{
	int			e = heading_end(s, rest, len);

	if (e < 0)
		return false;
	if (giar_heading_part(s + p, e - p) == 0)
		return false;
	*end = e;
	return true;
}

/*
 * Junk that crawlers leave before headings (heading_part skips it): a
 * heading after nothing else stands at its line's start.
 */
static bool
only_junk_before(const char *s, int p)
{
	for (int i = 0; i < p;)
	{
		unsigned char b = (unsigned char) s[i];

		if (b == ' ' || b == '|' || b == '?' || b == '#' || b == '*' ||
			b == '>' || b == '"' || b == '\'')
			i++;
		else if (p - i >= 3 && (memcmp(s + i, "\xEF\xBF\xBD", 3) == 0 ||
								memcmp(s + i, "\xE2\x96\xA0", 3) == 0 ||
								memcmp(s + i, "\xE2\x97\x8F", 3) == 0 ||
								memcmp(s + i, "\xE2\x97\x86", 3) == 0))
			i += 3;
		else
			return false;
	}
	return true;
}

/*
 * A heading inside a line follows the end of what stands before it:
 * punctuation, a digit, a space (not a Han character: "统一、规范" is no
 * heading), or a title ("…年度报告一、总体情况").
 */
static bool
may_start_heading(const char *s, int p)
{
	int			k;

	if (only_junk_before(s, p))
		return true;
	k = prev_char(s, p);
	if (!giar_doc_is_cjk_unified3(s + k, (size_t) (p - k)))
		return true;
	/* a cell's NA mark: "…无 无 无五、存在的主要问题…" */
	{
		int			w = p;

		/* a mark is a few bytes: prose without spaces is not scanned back */
		while (w > 0 && p - w <= GIAR_NA_MARK_MAX_BYTES && s[w - 1] != ' ' && s[w - 1] != '|')
			w--;
		if (p - w <= GIAR_NA_MARK_MAX_BYTES && giar_is_na_mark(s + w, p - w))
			return true;
	}
	/* a value's unit: "…73802895.90元三、收到…" */
	for (int u = k; u >= k - 3 && u > 0; u -= 3)
		if (is_digit(s[u - 1]) && giar_number_unit_at(s + u, p - u) == p - u)
			return true;
	return p >= 6 && memcmp(s + p - 6, "报告", 6) == 0;
}

/*
 * Where a cut before a heading at p goes: before the marks that go with
 * it ("## 三、…", "**四、…"), as heading_part skips them at a line start.
 */
static int
cut_before_heading(const char *s, int p)
{
	int			q = p;

	while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '#' || s[q - 1] == '*' ||
					 s[q - 1] == '>' || s[q - 1] == '?'))
		q--;
	return q;
}

/*
 * Cut around the headings of a line: a heading's separator is found
 * first ("、", "部分", "."), then the numeral before it.  A numbered
 * section whose title ends certainly (section_end) is cut out too, though
 * it is no part of the formats: the narrative reader reads a report before
 * 2019 section by section.
 */
static void
heading_cuts(GiarContext *cx, const GiarLine *line, Cuts *cuts)
{
	static const char *const separators[] = {"、", "部分", ".", NULL};
	const char *s = line->text;
	int			len = line->len;

	for (int k = 0; separators[k]; k++)
	{
		const char *sep = separators[k];
		size_t		seplen = strlen(sep);
		const char *hit = s;

		while ((hit = giar_find(hit, (size_t) (s + len - hit), sep, seplen)) != NULL)
		{
			int			r = (int) (hit - s);
			int			p = r - 3;
			int			end;

			hit += seplen;
			giar_tick(cx);
			if (!part_numeral_at(s, p, len))
				continue;
			if (p >= 3 && memcmp(s + p - 3, "第", 3) == 0)
				p -= 3;
			/*
			 * At a line start, giar_find_parts reads a heading the same way
			 * unless the line is long (heading_part): cut only long lines
			 */
			if (only_junk_before(s, p) && len <= 240)
				continue;
			if (!may_start_heading(s, p))
				continue;
			if (!heading_at(s, p, r + (int) seplen, len, &end) &&
				(k != 0 || (end = section_end(s, r + (int) seplen, len)) < 0))
				continue;
			/* a heading at the line's start is cut only off what follows */
			if (!only_junk_before(s, p))
				add_cut(cx, cuts, cut_before_heading(s, p));
			end = skip_spaces(s, end, len);
			if (end < len)
				add_cut(cx, cuts, end);
		}
	}
}

/*
 * Prose before cells between bars in the same line ("…处理费200元。 【打印】
 * … 网站地图 | 联系我们 | …"): the narrative reader takes a line with bars for
 * a table row, so the line is cut after the last sentence before the bars.
 */
static void
prose_cuts(GiarContext *cx, const GiarLine *line, Cuts *cuts)
{
	const char *s = line->text;
	int			len = line->len;
	int			from = 0;
	const char *bar;

	while (from < len &&
		   (bar = giar_memchr(s + from, '|', (size_t) (len - from))) != NULL)
	{
		int			b = (int) (bar - s);
		int			end = from;	/* after a sentence, or the line's start */

		giar_tick(cx);
		for (const char *p = s + from; p < bar;)
		{
			const char *stop = giar_find(p, (size_t) (bar - p), "。", 3);

			if (stop == NULL)
				break;
			end = (int) (stop - s) + 3;
			p = stop + 3;
		}
		if (end > 0 && end < b)
			add_cut(cx, cuts, skip_spaces(s, end, len));
		/* past the cells: to the next sentence end */
		{
			const char *next = giar_find(bar, (size_t) (s + len - bar), "。", 3);

			from = next ? (int) (next - s) + 3 : len;
		}
	}
}

/* ------------------------------------------------------------------ */
/* The title                                                           */
/* ------------------------------------------------------------------ */

/* The title's tails after 政府信息公开 (structure.c's title_tails). */
static const char *const title_tails[] = {
	"工作年度报告", "年度报告", "工作报告", "年报", NULL
};

/* Words before a title that make it a mention in a sentence. */
static const char *const title_mentions[] = {
	"公布", "根据", "关于", "编制", "发布", "印发", "现将", "按照", NULL
};

/*
 * The year before 政府信息公开 at g: "2024年", "2024年度", "2024 年";
 * returns where its digits start, or -1.
 */
static int
title_year_before(const char *s, int g)
{
	int			p = g;

	if (p >= 3 && memcmp(s + p - 3, "度", 3) == 0)
		p -= 3;
	if (p < 3 || memcmp(s + p - 3, "年", 3) != 0)
		return -1;
	p -= 3;
	while (p > 0 && s[p - 1] == ' ')
		p--;
	if (p < 4 || s[p - 4] != '2' || !is_digit(s[p - 3]) || !is_digit(s[p - 2]) ||
		!is_digit(s[p - 1]) || (p > 4 && is_digit(s[p - 5])))
		return -1;
	return p - 4;
}

/*
 * Cut the title out of a line too long for find_title to read: the agency
 * back to the text's last boundary (punctuation, a space), the year,
 * 政府信息公开 and a title tail.  A title quoted (《…》, “…”) or mentioned
 * in a sentence ("现公布…年度报告") is not cut out.
 */
static void
title_cuts(GiarContext *cx, const GiarLine *line, Cuts *cuts)
{
	const char *s = line->text;
	int			len = line->len;
	const char *hit = s;
	static const char gk[] = "政府信息公开";

	while ((hit = giar_find(hit, (size_t) (s + len - hit), gk, sizeof(gk) - 1)) != NULL)
	{
		int			g = (int) (hit - s);
		int			after = g + (int) sizeof(gk) - 1;
		int			end = -1;
		int			year;
		int			start;
		int			chars = 0;
		bool		mention = false;

		hit += sizeof(gk) - 1;
		for (int t = 0; title_tails[t] && end < 0; t++)
			if (word_at(s, after, len, title_tails[t]))
				end = after + (int) strlen(title_tails[t]);
		if (end < 0 || (year = title_year_before(s, g)) < 0)
			continue;
		start = year;
		while (start > 0 && chars < TITLE_AGENCY_CHARS)
		{
			int			k = prev_char(s, start);
			unsigned char b = (unsigned char) s[k];

			if (!(giar_doc_is_cjk_unified3(s + k, (size_t) (start - k)) ||
				  (b < 0x80 && ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
								is_digit((char) b) || b == '(' || b == ')'))))
				break;
			start = k;
			chars++;
		}
		if (start > 0 && (WORD_AT(s, prev_char(s, start), len, "《") ||
						  WORD_AT(s, prev_char(s, start), len, "“")))
			continue;
		if (WORD_AT(s, end, len, "》") || WORD_AT(s, end, len, "”"))
			continue;
		/* a title in a list of other documents ("上一篇：…", "· …") */
		{
			int			from = start > 30 ? start - 30 : 0;
			int			b = start;

			while (b > 0 && s[b - 1] == ' ')
				b--;
			if (giar_lists_documents(s + from, start - from) ||
				(b >= 2 && memcmp(s + b - 2, "\xC2\xB7", 2) == 0))
				continue;
		}
		for (int m = 0; title_mentions[m] && !mention; m++)
			mention = giar_find(s + start, (size_t) (year - start), title_mentions[m],
								strlen(title_mentions[m])) != NULL;
		if (mention || year - start < 6)
			continue;
		if (start > 0)
			add_cut(cx, cuts, start);
		end = skip_spaces(s, end, len);
		if (end < len)
			add_cut(cx, cuts, end);
		return;
	}
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */

/*
 * The row keywords of tables 2 and 3 (formats.c), and the first three
 * bytes of each as a filter: a position is tested against the keywords
 * only when a keyword starts with its character.  Made by
 * giar_segment_prepare or on first use.
 */
#define MAX_ROW_KEYWORDS 160

typedef struct RowKeyword
{
	const char *word;
	uint32_t	first;			/* giar_bytes3_key of its first character */
	int			len;
} RowKeyword;

static RowKeyword row_keywords[MAX_ROW_KEYWORDS];
static int	n_row_keywords;
static uint64_t row_keyword_chars[64];	/* first characters, by low 12 bits */
/* first characters of every word table_cuts looks for, by low 12 bits */
static uint64_t table_word_chars[64];
static bool row_keywords_ready;

static void
add_first_char(uint64_t *bits, const char *word)
{
	unsigned	low = giar_char_low12(word);

	bits[low >> 6] |= UINT64_C(1) << (low & 63);
}

static void
add_row_keywords(const GiarTableSpec *spec)
{
	for (int r = 0; r < spec->nrows; r++)
		for (const char *const *kw = spec->rows[r].keywords; kw && *kw; kw++)
		{
			unsigned	low;

			/* every keyword opens with a Chinese character */
			if (n_row_keywords == MAX_ROW_KEYWORDS ||
				giar_utf8_lead_len((unsigned char) (*kw)[0]) != 3)
				continue;
			low = giar_char_low12(*kw);
			row_keyword_chars[low >> 6] |= UINT64_C(1) << (low & 63);
			row_keywords[n_row_keywords].word = *kw;
			row_keywords[n_row_keywords].first = giar_bytes3_key(*kw);
			row_keywords[n_row_keywords].len = (int) strlen(*kw);
			n_row_keywords++;
		}
}

/*
 * Keywords ordered by their first character (the tables' order kept among
 * those that share it), so that a position is tested against its own.
 */
static void
sort_row_keywords(void)
{
	for (int i = 1; i < n_row_keywords; i++)
	{
		RowKeyword	kw = row_keywords[i];
		int			j = i;

		while (j > 0 && row_keywords[j - 1].first > kw.first)
		{
			row_keywords[j] = row_keywords[j - 1];
			j--;
		}
		row_keywords[j] = kw;
	}
}

/* The first keyword whose first character is key (n_row_keywords if none). */
static int
first_keyword_with(uint32_t key)
{
	int			lo = 0,
				hi = n_row_keywords;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (row_keywords[mid].first < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
giar_segment_prepare(void)
{
	if (row_keywords_ready)
		return;
	add_row_keywords(&giar_table2_spec);
	add_row_keywords(&giar_table3_spec);
	sort_row_keywords();
	memcpy(table_word_chars, row_keyword_chars, sizeof(table_word_chars));
	add_first_char(table_word_chars, "第");
	for (const char *const *w = giar_t2_anchor_labels; *w; w++)
		add_first_char(table_word_chars, *w);
	for (const char *const *w = giar_t3_anchor_labels; *w; w++)
		add_first_char(table_word_chars, *w);
	for (const char *const *w = giar_t4_anchor_labels; *w; w++)
		add_first_char(table_word_chars, *w);
	for (const char *const *w = giar_t4_header_labels; *w; w++)
		add_first_char(table_word_chars, *w);
	row_keywords_ready = true;
}

/*
 * A row keyword whose compact form starts at s[at] (punctuation inside is
 * skipped: "（七）总计" holds 七总计); its length in the text through *end.
 */
static bool
row_keyword_at(const char *s, int at, int len, int *end)
{
	unsigned	low;
	uint32_t	key;

	if (!han_at(s, at, len))
		return false;
	low = giar_char_low12(s + at);
	if (!(row_keyword_chars[low >> 6] & (UINT64_C(1) << (low & 63))))
		return false;
	key = giar_bytes3_key(s + at);
	for (int k = first_keyword_with(key); k < n_row_keywords && row_keywords[k].first == key; k++)
		if (giar_text_compact_starts(s, at, len, row_keywords[k].word))
		{
			/* the keyword's characters, and what compaction skipped among them */
			int			e = at;
			int			seen = 0;

			while (seen < row_keywords[k].len && e < len)
			{
				int			n = char_len_at(s, e, len);

				if (n <= row_keywords[k].len - seen &&
					memcmp(s + e, row_keywords[k].word + seen, (size_t) n) == 0)
					seen += n;
				e += n;
			}
			*end = e;
			return true;
		}
	return false;
}

/* Chinese numerals of ordinals ("（一）", "一、") up to 十. */
static bool
ordinal_numeral_at(const char *s, int at, int len)
{
	static const char *const numerals[] = {
		"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL
	};

	if (at < 0 || len - at < 3)
		return false;
	for (int k = 0; numerals[k]; k++)
		if (memcmp(s + at, numerals[k], 3) == 0)
			return true;
	return false;
}

/*
 * The start of an ordinal that ends at q ("（一）", "一、", "2.", "2、"), or
 * -1.  A digit ordinal is one digit: "…00000002.其他" is a row's last
 * value, then the next label's "2.".
 */
static int
ordinal_ending_at(const char *s, int q, int len)
{
	if (q > len)
		return -1;
	if (q >= 5 && s[q - 1] == ')' && s[q - 5] == '(' && ordinal_numeral_at(s, q - 4, len))
		return q - 5;
	if (q >= 3 && s[q - 1] == ')' && s[q - 3] == '(' && is_digit(s[q - 2]))
		return q - 3;
	if (q >= 6 && memcmp(s + q - 3, "、", 3) == 0 && ordinal_numeral_at(s, q - 6, len))
		return q - 6;
	if (q >= 4 && memcmp(s + q - 3, "、", 3) == 0 && is_digit(s[q - 4]))
		return q - 4;
	if (q >= 2 && s[q - 1] == '.' && is_digit(s[q - 2]))
		return q - 2;
	return -1;
}

/*
 * Does the character at pc end what stands before a label: a value, a
 * bar, a space, punctuation (not a mark inside a label: "本年增/减")?
 */
static bool
ends_label_before(const char *s, int pc, int len)
{
	unsigned char b = (unsigned char) s[pc];

	if (b < 0x80)
		return is_digit((char) b) || b == ' ' || b == '|' || b == ',' ||
			b == ';' || b == ':' || b == ')' || b == ']' || b == '"' ||
			b == '!' || b == '?';
	return WORD_AT(s, pc, len, "。") || WORD_AT(s, pc, len, "”");
}

/*
 * Where the row label whose keyword starts at k begins: at the ordinal
 * before the keyword, or after the value, bar, space or punctuation before
 * it, within LABEL_LEAD_CHARS characters; at the keyword otherwise
 * ("…现行有效件数规章").  floor: where the label stretch began (the end of
 * the last values, or of the last keyword when floor_is_keyword: a
 * keyword reached from there without an ordinal belongs to the same label,
 * and -1 is returned).
 */
static int
label_start(const char *s, int k, int len, int floor, bool floor_is_keyword)
{
	int			q = k;

	/* a keyword that opens with its ordinal's numeral: "（七）总计" */
	if (k > floor && s[k - 1] == '(')
		return k - 1;
	for (int chars = 0; chars < LABEL_LEAD_CHARS; chars++)
	{
		int			o = ordinal_ending_at(s, q, len);
		int			pc;

		if (o >= floor && o >= 0)
			return o;
		if (q <= floor)
			return floor_is_keyword ? -1 : q;
		pc = prev_char(s, q);
		if (ends_label_before(s, pc, len))
			return q;
		q = pc;
	}
	return k;
}

/*
 * A section of a part opens a paragraph: "。（二）依申请公开情况。…" is cut
 * before its ordinal, as the narrative reader takes a paragraph's subject
 * (申请, 公开) for its sentences.  Only after the end of a sentence.
 */
static void
section_cuts(GiarContext *cx, const GiarLine *line, Cuts *cuts)
{
	const char *s = line->text;
	int			len = line->len;

	for (const char *p = giar_memchr(s, '(', (size_t) len); p;
		 p = giar_memchr(p + 1, '(', (size_t) (s + len - p - 1)))
	{
		int			at = (int) (p - s);
		int			q = at;

		giar_tick(cx);
		if (ordinal_ending_at(s, at + 5, len) != at)
			continue;
		while (q > 0 && s[q - 1] == ' ')
			q--;
		if (q >= 3 && (WORD_AT(s, q - 3, len, "。") || s[q - 1] == ';' ||
					   s[q - 1] == '!' || s[q - 1] == '?'))
			add_cut(cx, cuts, at);
	}
}

/* Does a label start at s[at]: a Han character, a bracket, a quote, an item number? */
static bool
label_starts_at(const char *s, int at, int len)
{
	unsigned char b;

	if (at >= len)
		return false;
	b = (unsigned char) s[at];
	if (b == '(' || b == '[' || b == '"')
		return true;
	if (is_digit((char) b))
		return at + 1 < len && ((s[at + 1] == '.' && han_at(s, at + 2, len)) ||
								WORD_AT(s, at + 1, len, "、"));
	return han_at(s, at, len) || WORD_AT(s, at, len, "“") || WORD_AT(s, at, len, "【");
}

/* NA marks that may stand among a row's values (tokens.c reads them). */
static int
na_mark_len(const char *s, int at, int len)
{
	unsigned char b = (unsigned char) s[at];

	if (b == '/' || b == '\\')
		return 1;
	if (b == '-' && !(at + 1 < len && is_digit(s[at + 1])))
		return 1;
	if (WORD_AT(s, at, len, "—") || WORD_AT(s, at, len, "–") ||
		WORD_AT(s, at, len, "―") || WORD_AT(s, at, len, "×"))
		return char_len_at(s, at, len);
	return 0;
}

/*
 * A page footer that starts at s[at] after a space ("… 0 - 2 - 三、…",
 * "… 第 3 页 共 8 页 …"), as pdftotext leaves them inside tables: where it
 * ends, or at.  The reader's footer test decides (giar_line_kind), on the
 * dashes and page number or the 第…页 words and their numbers only.
 */
static int
page_footer_at(const char *s, int at, int len)
{
	int			i = at;
	int			digits = 0;

	if (at == 0 || at >= len || s[at - 1] != ' ')
		return at;
	if (s[i] == '-' || s[i] == '~' || WORD_AT(s, i, len, "—"))
	{
		while (i < len && (s[i] == '-' || s[i] == '~' || WORD_AT(s, i, len, "—")))
			i += s[i] == '-' || s[i] == '~' ? 1 : 3;
		i = skip_spaces(s, i, len);
		while (i < len && is_digit(s[i]) && digits < 5)
		{
			i++;
			digits++;
		}
		i = skip_spaces(s, i, len);
		if (digits == 0 || !(i < len && (s[i] == '-' || s[i] == '~' ||
										 WORD_AT(s, i, len, "—"))))
			return at;
		while (i < len && (s[i] == '-' || s[i] == '~' || WORD_AT(s, i, len, "—")))
			i += s[i] == '-' || s[i] == '~' ? 1 : 3;
	}
	else if (WORD_AT(s, i, len, "第"))
	{
		i = skip_spaces(s, i + 3, len);
		while (i < len && is_digit(s[i]))
			i++;
		i = skip_spaces(s, i, len);
		if (!WORD_AT(s, i, len, "页"))
			return at;
		i += 3;
		/* "共 8 页" */
		{
			int			j = skip_spaces(s, i, len);

			if (WORD_AT(s, j, len, "共"))
			{
				j = skip_spaces(s, j + 3, len);
				while (j < len && is_digit(s[j]))
					j++;
				j = skip_spaces(s, j, len);
				if (WORD_AT(s, j, len, "页"))
					i = j + 3;
			}
		}
	}
	else
		return at;
	if (i < len && s[i] != ' ' && s[i] != '|')
		return at;
	return giar_line_kind(s + at, i - at) == GIAR_LINE_FOOTER ? i : at;
}

/*
 * In a row of cells between bars, the end of the cell that starts at s[at]
 * when the tokeniser reads it as a value ("增加2", "无变化", "—"), or -1.
 */
static int
value_cell_at(const char *s, int at, int len)
{
	/* a value's cell is short: the next bar is looked for close by */
	int			window = len - at < VALUE_CELL_BYTES ? len - at : VALUE_CELL_BYTES;
	const char *bar = giar_memchr(s + at, '|', (size_t) window);
	int			end = bar ? (int) (bar - s) : len;
	int			e = end;

	if (bar == NULL && window < len - at)
		return -1;

	while (e > at && s[e - 1] == ' ')
		e--;
	return e > at && giar_cell_is_value(s + at, e - at) ? end : -1;
}

/* Punctuation after a number that goes on with a sentence ("12,", "3。"). */
static bool
ends_clause_at(const char *s, int at, int len)
{
	unsigned char b = (unsigned char) s[at];

	return b == ',' || b == ';' || b == ':' || b == '.' || b == '!' || b == '?' ||
		b == ')' || WORD_AT(s, at, len, "。");
}

typedef struct ValueRun
{
	int			end;			/* after its last value character */
	int			next;			/* what follows, past spaces and bars */
	int			item;			/* offset of a trailing item number, or -1 */
	int			year;			/* offset of a trailing year, or -1 */
} ValueRun;

/*
 * The values from s[i]: numbers (signs, decimals, thousands separators),
 * NA marks, and between them spaces and bars.  A last digit that is the
 * next label's item number ("…0000000" "2.其他…"), and a trailing year
 * that starts the text after the table ("…0" "2025年"), are noted.
 */
static void
read_value_run(const char *s, int i, int len, ValueRun *run)
{
	int			first = i;
	int			last = i;		/* after the last value character */
	int			digits_from = -1;	/* start of the last run of digits */

	run->item = run->year = -1;
	while (i < len)
	{
		unsigned char b = (unsigned char) s[i];
		int			n;

		if (is_digit((char) b))
		{
			if (i == first || !is_digit(s[i - 1]))
				digits_from = i;
			last = ++i;
			continue;
		}
		if ((b == '.' || b == ',') && i > first && is_digit(s[i - 1]) && i + 1 < len &&
			is_digit(s[i + 1]))
		{
			i++;
			continue;
		}
		/*
		 * letters OCR puts for digits ("2O", "1O5"): part of the cell, which
		 * the tokeniser leaves unread (a misread number is never guessed)
		 */
		if ((b == 'O' || b == 'o' || b == 'l' || b == 'I') && i > first &&
			is_digit(s[i - 1]) &&
			(i + 1 >= len || s[i + 1] == ' ' || s[i + 1] == '|' || is_digit(s[i + 1])))
		{
			last = ++i;
			continue;
		}
		/* footnote marks after a number ("144*", "3※") */
		if ((b == '*' || b == '#' || WORD_AT(s, i, len, "※")) && i > first &&
			is_digit(s[i - 1]))
		{
			i += b == '*' || b == '#' ? 1 : 3;
			last = i;
			continue;
		}
		if (page_footer_at(s, i, len) > i)
			break;				/* a page footer ends the values */
		if ((b == '+' || b == '-') && i + 1 < len && is_digit(s[i + 1]) &&
			(i == 0 || (unsigned char) s[i - 1] < 0x80))
		{
			i++;
			continue;
		}
		if (b == ' ' || b == '|')
		{
			i++;
			continue;
		}
		if ((n = na_mark_len(s, i, len)) > 0)
		{
			i += n;
			last = i;
			continue;
		}
		break;
	}
	run->end = last;
	run->next = last;
	while (run->next < len && (s[run->next] == ' ' || s[run->next] == '|'))
		run->next++;
	if (digits_from < 0 || last != run->next || !is_digit(s[last - 1]))
		return;
	/* the last digit starts the next label: "…00000002.其他…", "…0 2、…" */
	if (last - 1 > first &&
		((last + 1 < len && s[last] == '.' && han_at(s, last + 1, len)) ||
		 WORD_AT(s, last, len, "、")))
	{
		run->item = last - 1;
		return;
	}
	/* a year after the values: "…0" "2025年，…", "…0 2025年" */
	if (last - digits_from >= 4 && last - 4 > first && WORD_AT(s, last, len, "年") &&
		s[last - 4] == '2' && s[last - 3] == '0' && s[last - 5] != '.' &&
		s[last - 5] != ',')
		run->year = last - 4;
}

/*
 * Is the row label whose keyword ends at kend followed by values that a
 * table row has: digits within LABEL_TAIL_BYTES (the label's own text
 * between, no sentence punctuation outside brackets), then another label,
 * a bar or the line's end, never a unit or a word ("予以公开3件" is prose)?
 */
static bool
row_values_follow(const char *s, int kend, int len)
{
	int			depth = 0;
	ValueRun	run;

	for (int i = kend; i < len && i < kend + LABEL_TAIL_BYTES;)
	{
		unsigned char b = (unsigned char) s[i];

		if (is_digit((char) b))
		{
			if (label_starts_at(s, i, len) && depth == 0)
				return false;	/* an item number: the next label */
			read_value_run(s, i, len, &run);
			return run.next >= len || run.item >= 0 ||
				(run.next > run.end && s[run.next - 1] == '|') ||
				(label_starts_at(s, run.next, len) &&
				 !giar_follows_number_in_text(s + run.end, len - run.end));
		}
		if (b == '(')
			depth++;
		else if (b == ')' && depth > 0)
			depth--;
		else if (depth == 0 && (b == ',' || b == ';' || b == ':' ||
								WORD_AT(s, i, len, "。")))
			return false;
		i += char_len_at(s, i, len);
	}
	return false;
}

/* After a table anchor's word, does one of words follow (spaces, bars between)? */
static bool
followed_by_any(const char *s, int at, int len, const char *const *words)
{
	while (at < len && (s[at] == ' ' || s[at] == '|'))
		at++;
	for (; *words; words++)
		if (word_at(s, at, len, *words))
			return true;
	return false;
}

/*
 * Is a table anchor at s[at]?  The 第二十条第（一）项 headers of table 2 (not
 * 第二十条 in a sentence), 信息内容 inside table 2, the 勾稽关系 note (from
 * its bracket), 申请人情况 over 自然人, 行政复议 over 行政诉讼 or 结果维持.
 * Returns where to cut, or -1.
 */
static int
table_anchor_at(const char *s, int at, int len, bool in_table)
{
	static const char *const after_article[] = {"第(", "第（", NULL};
	static const char *const after_applicant[] = {"自然人", NULL};
	static const char *const after_review[] = {"行政诉讼", "结果维持", NULL};

	if (word_at(s, at, len, giar_t2_anchor_labels[0]))
		return followed_by_any(s, at + (int) strlen(giar_t2_anchor_labels[0]), len,
							   after_article) ? at : -1;
	if (in_table && word_at(s, at, len, giar_t2_anchor_labels[1]))
		return at;
	if (word_at(s, at, len, giar_t3_anchor_labels[0]))
	{
		/* the note's bracket: "（本列数据的勾稽关系为：…）" */
		int			q = at;

		for (int chars = 0; chars < 8 && q > 0; chars++)
		{
			q = prev_char(s, q);
			if (s[q] == '(')
				return q;
		}
		return at;
	}
	if (word_at(s, at, len, giar_t3_anchor_labels[1]))
		return followed_by_any(s, at + (int) strlen(giar_t3_anchor_labels[1]), len,
							   after_applicant) ? at : -1;
	for (int k = 0; giar_t4_anchor_labels[k]; k++)
		if (word_at(s, at, len, giar_t4_anchor_labels[k]))
			return followed_by_any(s, at + (int) strlen(giar_t4_anchor_labels[k]), len,
								   after_review) ? at : -1;
	return -1;
}

/*
 * In a row of cells between bars, is s[i] a number that ends a cell after
 * the cell's label text and a space ("| 总计 2 | 0 |")?  Two cells whose
 * line break was lost: a header's last cell and a row's first value.
 */
static bool
number_after_label_in_cell(const char *s, int i, int len)
{
	int			q = i;
	int			j = i;

	while (q > 0 && s[q - 1] == ' ')
		q--;
	if (q == i || q == 0 || (unsigned char) s[q - 1] < 0x80)
		return false;
	while (j < len && is_digit(s[j]))
		j++;
	while (j < len && s[j] == ' ')
		j++;
	return j < len && s[j] == '|';
}

/* Does a header word of table 4 of four characters or more start at s[at]? */
static bool
t4_header_at(const char *s, int at, int len)
{
	for (int k = 0; giar_t4_header_labels[k]; k++)
		if (word_at(s, at, len, giar_t4_header_labels[k]) &&
			strlen(giar_t4_header_labels[k]) >= 12)
			return true;
	return false;
}

/*
 * Cut a line of the tables' parts; *in_table carries whether the text at
 * the line's start is inside a table; *headings_cut is set when a part
 * heading was cut out.
 */
static void
table_cuts(GiarContext *cx, const GiarLine *line, bool *in_table, Cuts *cuts,
		   bool *headings_cut)
{
	const char *s = line->text;
	int			len = line->len;
	int			floor = 0;		/* where the current label stretch began */
	bool		floor_is_keyword = false;
	int			depth = 0;		/* brackets open in the label stretch */
	int			i = 0;
	bool		has_bars = giar_memchr(s, '|', (size_t) len) != NULL;

	while (i < len)
	{
		unsigned char b = (unsigned char) s[i];
		int			end;
		int			at;

		giar_tick(cx);
		if ((end = page_footer_at(s, i, len)) > i)
		{
			/* a page footer among the cells: a line of its own, ignored */
			add_cut(cx, cuts, i);
			end = skip_spaces(s, end, len);
			if (end < len)
				add_cut(cx, cuts, end);
			i = end;
			continue;
		}
		if (is_digit((char) b) || (*in_table && na_mark_len(s, i, len) > 0 &&
								   (i == 0 || (unsigned char) s[prev_char(s, i)] < 0x80)))
		{
			ValueRun	run;

			if (is_digit((char) b) && label_starts_at(s, i, len) &&
				(i == 0 || !is_digit(s[i - 1])))
			{
				/* an item number ("2.其他"): a label, after a space a new one */
				if (*in_table && i > 0 && s[i - 1] == ' ')
				{
					add_cut(cx, cuts, i);
					floor = i;
					floor_is_keyword = false;
					depth = 0;
				}
				i++;
				continue;
			}
			if (*in_table && has_bars && number_after_label_in_cell(s, i, len))
			{
				/* "| 总计 2 | 0 |": the line break between two rows was lost */
				add_cut(cx, cuts, i);
				floor = i;
				floor_is_keyword = false;
				depth = 0;
			}
			read_value_run(s, i, len, &run);
			if (run.end <= i)
			{
				i++;
				continue;
			}
			if (!*in_table)
			{
				i = run.end;
				continue;
			}
			if (run.item >= 0)
				at = run.item;
			else if (page_footer_at(s, run.next, len) > run.next)
			{
				i = run.next;	/* cut out below */
				continue;
			}
			else if (run.year >= 0)
			{
				/* the table ends: the year starts the prose after it */
				add_cut(cx, cuts, run.year);
				*in_table = false;
				i = run.year;
				continue;
			}
			else if (run.next >= len)
			{
				i = len;
				continue;
			}
			else if (run.next == run.end &&
					 giar_follows_number_in_text(s + run.end, len - run.end))
			{
				/* a unit in the cell ("251000元", "3件") stays in the table */
				int			u = giar_number_unit_at(s + run.end, len - run.end);

				if (u == 0)
				{
					/* a word after a number ("2023年", "5%"): prose */
					*in_table = false;
					i = run.end + giar_utf8_lead_len((unsigned char) s[run.end]);
					continue;
				}
				at = skip_spaces(s, run.end + u, len);
				while (at < len && (s[at] == '|' || s[at] == ' '))
					at++;
				if (!label_starts_at(s, at, len) ||
					giar_follows_number_in_text(s + at, len - at))
				{
					i = run.end + u;
					floor = i;
					floor_is_keyword = false;
					continue;
				}
			}
			else if (has_bars && (end = value_cell_at(s, run.next, len)) >= 0)
			{
				i = end;		/* a value written in words ("| 增加2 |") */
				continue;
			}
			else if (label_starts_at(s, run.next, len) || !ends_clause_at(s, run.next, len))
				at = run.next;	/* a label, or what stands between rows ("、", "<![endif]>") */
			else
			{
				*in_table = false;	/* punctuation after digits: prose */
				i = run.next;
				continue;
			}
			add_cut(cx, cuts, at);
			floor = at;
			floor_is_keyword = false;
			depth = 0;
			i = at;
			if (run.item >= 0)
				i += 1;			/* past the item number's digit */
			continue;
		}
		if (b == '(' && *in_table && i > 0 && s[i - 1] == ' ' &&
			ordinal_ending_at(s, i + 5, len) == i)
		{
			/* "… (三)不予公开": an ordinal after a space opens a label */
			add_cut(cx, cuts, i);
			floor = i;
			floor_is_keyword = false;
			depth = 0;
		}
		if (b == '(')
			depth++;
		else if (b == ')' && depth > 0)
			depth--;
		else if (depth == 0 && (b == ',' || b == ';' || WORD_AT(s, i, len, "。")))
			*in_table = false;
		if (b < 0x80 || !han_at(s, i, len))
		{
			i += char_len_at(s, i, len);
			continue;
		}
		/* most characters start none of the words looked for below */
		{
			unsigned	low = giar_char_low12(s + i);

			if (!(table_word_chars[low >> 6] & (UINT64_C(1) << (low & 63))) &&
				!part_numeral_at(s, i, len))
			{
				i += 3;
				continue;
			}
		}
		/* a part heading ends the table */
		if (part_numeral_at(s, i, len) || WORD_AT(s, i, len, "第"))
		{
			int			p = i;
			int			r = WORD_AT(s, i, len, "第") ? i + 3 : i;

			if (part_numeral_at(s, r, len) && may_start_heading(s, p))
			{
				r += 3;
				if (WORD_AT(s, r, len, "、") || WORD_AT(s, r, len, "部分") ||
					(r < len && s[r] == '.'))
				{
					int			rest = r + (WORD_AT(s, r, len, "、") ? 3 :
											WORD_AT(s, r, len, "部分") ? 6 : 1);

					if (heading_at(s, p, rest, len, &end))
					{
						*headings_cut = true;
						if (p > 0)
							add_cut(cx, cuts, cut_before_heading(s, p));
						end = skip_spaces(s, end, len);
						if (end < len)
							add_cut(cx, cuts, end);
						*in_table = false;
						floor = end;
						floor_is_keyword = false;
						depth = 0;
						i = end;
						continue;
					}
				}
			}
		}
		if (!*in_table && t4_header_at(s, i, len))
			*in_table = true;	/* table 4's header, whichever group comes first */
		if ((at = table_anchor_at(s, i, len, *in_table)) >= 0)
		{
			add_cut(cx, cuts, at);
			*in_table = true;
			floor = i;
			floor_is_keyword = false;
			depth = 0;
			i += 3;
			continue;
		}
		if (row_keyword_at(s, i, len, &end))
		{
			int			start = label_start(s, i, len, floor, floor_is_keyword);

			if (start >= 0 && (*in_table || row_values_follow(s, end, len)))
			{
				add_cut(cx, cuts, start);
				*in_table = true;
				depth = 0;
				for (int k = start; k < i; k++)
					depth += s[k] == '(' ? 1 : s[k] == ')' && depth > 0 ? -1 : 0;
			}
			floor = end;
			floor_is_keyword = true;
			i = end;
			continue;
		}
		i += 3;
	}
}

/*
 * Does s[0, n) hold a byte of a character other than ASCII, or a dash
 * ('-', '~': a page footer's)?  Eight bytes at a time.
 */
static bool
wide_or_dash(const char *s, int n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t highs = UINT64_C(0x8080808080808080);
	int			k = 0;

	for (; k + 8 <= n; k += 8)
	{
		uint64_t	x,
					d,
					t;

		memcpy(&x, s + k, 8);
		d = x ^ (ones * '-');
		t = x ^ (ones * '~');
		if ((x & highs) || ((d - ones) & ~d & highs) || ((t - ones) & ~t & highs))
			return true;
	}
	for (; k < n; k++)
		if ((unsigned char) s[k] >= 0x80 || s[k] == '-' || s[k] == '~')
			return true;
	return false;
}

/*
 * Does a label follow digits somewhere in the line ("…0000000三、本年度…",
 * "规章 000行政…")?  Only then can a line hold a row's values and more after
 * them; rows as they are printed end with their values, and prose figures
 * are followed by their units ("15件", "2023年"): such lines are passed
 * over after a scan of their digits.
 */
static bool
label_after_digits(const char *s, int len)
{
	int			i = 0;
	bool		has_bars;

	/*
	 * Rows as they are printed hold nothing but digits, spaces, bars and
	 * the like after their first value: one pass over the bytes rules
	 * them out, unless a dash may be a page footer's
	 */
	{
		int			f = giar_first_digit(s, 0, len);

		/* past item numbers ("3.危及…"): the label's */
		while (f < len && label_starts_at(s, f, len) && (f == 0 || !is_digit(s[f - 1])))
			f = giar_first_digit(s, f + 1, len);
		if (f == len)
			return false;
		if (!wide_or_dash(s + f, len - f) &&
			!(f > 0 && s[f - 1] == ' ' && number_after_label_in_cell(s, f, len) &&
			  giar_memchr(s, '|', (size_t) len) != NULL))
			return false;
		has_bars = giar_memchr(s, '|', (size_t) len) != NULL;
	}
	while ((i = giar_first_digit(s, i, len)) < len)
	{
		int			start = i;
		int			j;
		unsigned char c;

		/* "| 总计 2 | 0 |": a header's last cell and a row's first value */
		if (has_bars && start > 1 && s[start - 1] == ' ' &&
			number_after_label_in_cell(s, start, len))
			return true;
		while (i < len && (is_digit(s[i]) || s[i] == '.' || s[i] == ','))
			i++;
		j = i;
		while (j < len && (s[j] == ' ' || s[j] == '|'))
			j++;
		if (j >= len)
			return false;		/* the line ends with values */
		c = (unsigned char) s[j];
		if (c < 0x80)
		{
			/* the next value; or a page footer among the cells ("… 2 - 5 - 1") */
			if ((c == '-' || c == '~') && page_footer_at(s, j, len) > j)
				return true;
			continue;
		}
		if (i - start == 2 && s[i - 1] == '.' && (start == 0 || !is_digit(s[start - 1])))
		{
			/* an item number ("1.属于…"): a label's, after values a new row's */
			int			q = start;

			while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '|'))
				q--;
			if (q < start && q > 0 && is_digit(s[q - 1]))
				return true;
			continue;
		}
		if (j == i && giar_follows_number_in_text(s + i, len - i))
		{
			/* a unit ("64件"), which a label may follow; or a word ("2023年") */
			int			u = giar_number_unit_at(s + i, len - i);

			if (u == 0)
				continue;
			j = i + u;
			while (j < len && (s[j] == ' ' || s[j] == '|'))
				j++;
			if (j < len && label_starts_at(s, j, len) &&
				!giar_follows_number_in_text(s + j, len - j))
				return true;
			continue;
		}
		if (WORD_AT(s, j, len, "第") && page_footer_at(s, j, len) > j)
			return true;
		if (label_starts_at(s, j, len) && !giar_follows_number_in_text(s + j, len - j) &&
			!(has_bars && value_cell_at(s, j, len) >= 0))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Cutting                                                             */
/* ------------------------------------------------------------------ */

static int
compare_ints(const void *a, const void *b)
{
	int			x = *(const int *) a,
				y = *(const int *) b;

	return (x > y) - (x < y);
}

typedef struct LineCuts
{
	int			line;
	int			first;			/* its cuts: all.at[first, first + n) */
	int			n;
} LineCuts;

typedef struct Plan
{
	Cuts		all;
	LineCuts   *lines;
	int			nlines;
	int			cap;
	int			pieces;			/* lines added */
} Plan;

/* Keep the cuts of line l made since first: in order, once, inside the line. */
static void
plan_line(GiarContext *cx, Plan *plan, const GiarLine *line, int l, int first)
{
	int			n = plan->all.n - first;
	int		   *at;
	int			kept = 0;

	if (n == 0)
		return;
	at = plan->all.at + first;
	qsort(at, (size_t) n, sizeof(int), compare_ints);
	for (int k = 0; k < n; k++)
		if (at[k] > 0 && at[k] < line->len && (kept == 0 || at[kept - 1] != at[k]))
			at[kept++] = at[k];
	plan->all.n = first + kept;
	if (kept == 0)
		return;
	plan->lines = giar_grow(cx, plan->lines, sizeof(LineCuts), &plan->cap, plan->nlines);
	plan->lines[plan->nlines].line = l;
	plan->lines[plan->nlines].first = first;
	plan->lines[plan->nlines].n = kept;
	plan->nlines++;
	plan->pieces += kept;
}

/*
 * The pieces of a line between its cuts, each a line of its own with the
 * line's source line; spaces around a cut are dropped, empty pieces too.
 * *pieces, if asked for: which lines are pieces of a line that was cut.
 * parts, if given, is moved along with the lines.
 */
static void
apply_plan(GiarContext *cx, GiarDoc *doc, const Plan *plan, bool **pieces,
		   GiarParts *parts)
{
	int			nlines = doc->nlines + plan->pieces;
	GiarLine   *lines = giar_alloc_uninit(cx, sizeof(GiarLine) * (size_t) nlines);
	GiarLine   *unconverted = NULL;
	int			w = 0;
	int			next = 0;
	int			counted = 0,	/* bytes of the line counted in characters */
				counted_chars = 0;

	GiarParts	before;

	if (pieces)
		*pieces = giar_alloc(cx, sizeof(bool) * (size_t) nlines);
	if (parts)
		before = *parts;

	if (doc->unconverted)
		unconverted = giar_alloc_uninit(cx, sizeof(GiarLine) * (size_t) nlines);
	for (int l = 0; l < doc->nlines; l++)
	{
		const GiarLine *line = &doc->lines[l];
		const LineCuts *lc;
		char	   *buf;

		giar_tick(cx);
		/* a heading at a line start starts the line's first piece */
		for (int k = 1; parts && k <= GIAR_NPARTS; k++)
			if (before.line[k] == l)
				parts->line[k] = w;
		if (next == plan->nlines || plan->lines[next].line != l)
		{
			if (unconverted)
				unconverted[w] = doc->unconverted[l];
			lines[w++] = *line;
			continue;
		}
		lc = &plan->lines[next++];
		buf = giar_alloc_uninit(cx, (size_t) line->len + (size_t) lc->n + 1);
		counted = counted_chars = 0;
		for (int k = 0; k <= lc->n; k++)
		{
			int			from = k == 0 ? 0 : plan->all.at[lc->first + k - 1];
			int			to = k == lc->n ? line->len : plan->all.at[lc->first + k];
			GiarLine   *piece = &lines[w];

			if (k > 0)
				while (from < to && line->text[from] == ' ')
					from++;
			while (to > from && line->text[to - 1] == ' ')
				to--;
			if (to == from && k > 0)
				continue;
			memcpy(buf, line->text + from, (size_t) (to - from));
			buf[to - from] = '\0';
			piece->text = buf;
			piece->len = to - from;
			piece->srcline = line->srcline;
			/* characters, not bytes (an editor's column), counted on */
			counted_chars += giar_utf8_count(line->text + counted, from - counted);
			counted = from;
			piece->srccol = line->srccol + counted_chars;
			/* a piece is a footer or a rule as a line would be */
			piece->flags = (k == 0 ? line->flags : (line->flags & ~GIAR_LINE_PAGE_BREAK)) &
				~(GIAR_LINE_FOOTER | GIAR_LINE_SEPARATOR);
			piece->flags |= giar_line_kind(piece->text, piece->len);
			buf += to - from + 1;
			/* the script is converted already: the piece is its own source */
			if (unconverted)
				unconverted[w] = *piece;
			if (pieces)
				(*pieces)[w] = true;
			w++;
		}
	}
	doc->lines = lines;
	doc->nlines = w;
	doc->unconverted = unconverted;
	/* the normaliser's offsets no longer find the lines */
	doc->watched = false;
}

/*
 * Lines [*from, *to) that the tables can be in: those of parts 二 to 四
 * when their headings stand, every line otherwise (*all set).
 */
static void
table_range(const GiarDoc *doc, const GiarParts *parts, int *from, int *to,
			bool *all)
{
	int			first = doc->nlines,
				last = -1;

	*from = 0;
	*to = doc->nlines;
	*all = true;
	for (int k = 2; k <= 4; k++)
	{
		if (parts->line[k] < 0)
			return;
		if (parts->line[k] < first)
			first = parts->line[k];
		if (parts->line[k] > last)
			last = parts->line[k];
	}
	*all = false;
	*from = first;
	for (int k = 5; k <= GIAR_NPARTS; k++)
		if (parts->line[k] > last && parts->line[k] < *to)
			*to = parts->line[k];
}

/*
 * Is there a line to cut in the tables' range (long enough to be looked
 * into), and a word every table of the formats prints, one of them at
 * least (the anchors of tables 2 and 3, table 3's first rows, table 4's
 * header), anywhere?
 */
static const char *const table_words[] = {
	"第二十条", "勾稽关系", "申请人情况", "本年新收", "上年结转", "结果维持",
	"尚未审结", NULL
};

static bool
may_hold_tables(const GiarDoc *doc, int from, int to, bool all, const bool *pieces)
{
	bool		long_line = false;

	/* a text of short lines has nothing to cut */
	for (int l = from; l < to && !long_line; l++)
		long_line = doc->lines[l].len >= (pieces && pieces[l] ? 12 : all ? LONG_LINE_BYTES : ROW_LINE_BYTES);
	if (!long_line)
		return false;
	for (int l = 0; l < doc->nlines; l++)
	{
		const GiarLine *line = &doc->lines[l];

		for (const char *const *w = table_words; *w; w++)
			if (giar_find(line->text, (size_t) line->len, *w, strlen(*w)))
				return true;
	}
	return false;
}

static inline bool
line_is_read_whole(const GiarLine *line)
{
	return (line->flags & (GIAR_LINE_TABLE_ROW | GIAR_LINE_FOOTER |
						   GIAR_LINE_SEPARATOR)) != 0;
}

bool
giar_segment_lines(GiarContext *cx, GiarDoc *doc, GiarParts *parts)
{
	Plan		plan;
	bool		cut = false;
	int			from,
				to;
	bool		all;
	bool	   *pieces = NULL;	/* lines cut out of a longer one */
	bool		headings_cut = false;

	giar_segment_prepare();
	memset(&plan, 0, sizeof(plan));

	/*
	 * Headings and the title inside long lines, when a heading was not
	 * found at a line start.  A shorter line is read as it stands (its
	 * heading, if any, at its start).
	 */
	if (giar_count_parts(parts) < GIAR_NPARTS)
	{
		for (int l = 0; l < doc->nlines; l++)
		{
			const GiarLine *line = &doc->lines[l];
			int			first = plan.all.n;

			if (line->len < LONG_LINE_BYTES || line_is_read_whole(line))
				continue;
			heading_cuts(cx, line, &plan.all);
			if (line->len > TITLE_LINE_BYTES)
				title_cuts(cx, line, &plan.all);
			prose_cuts(cx, line, &plan.all);
			section_cuts(cx, line, &plan.all);
			plan_line(cx, &plan, line, l, first);
		}
		if (plan.nlines > 0)
		{
			apply_plan(cx, doc, &plan, &pieces, NULL);
			giar_find_parts(cx, doc, parts);
			cut = true;
		}
	}

	/*
	 * The tables: the lines of the tables' parts longer than a row, in
	 * which digits are followed by text; without those parts' headings,
	 * the long lines and what was cut out of them.  A text with none of
	 * the formats' table words (a report from before 2019, most prose) has
	 * no table to cut: its lines are not scanned byte by byte.
	 */
	memset(&plan, 0, sizeof(plan));
	table_range(doc, parts, &from, &to, &all);
	if (!may_hold_tables(doc, from, to, all, pieces))
		return cut;
	for (int l = from; l < to; l++)
	{
		const GiarLine *line = &doc->lines[l];
		int			first = plan.all.n;
		bool		in_table = false;

		if (line->len < (pieces && pieces[l] ? 12 : all ? LONG_LINE_BYTES : ROW_LINE_BYTES) ||
			line_is_read_whole(line) ||
			!label_after_digits(line->text, line->len))
			continue;
		table_cuts(cx, line, &in_table, &plan.all, &headings_cut);
		plan_line(cx, &plan, line, l, first);
	}
	if (plan.nlines > 0)
	{
		/* headings cut out of the tables' lines are looked for again */
		apply_plan(cx, doc, &plan, NULL, headings_cut ? NULL : parts);
		if (headings_cut)
			giar_find_parts(cx, doc, parts);
		cut = true;
	}
	return cut;
}

/* ------------------------------------------------------------------ */
/* Rows of a box table that wrap over several lines                    */
/* ------------------------------------------------------------------ */

/*
 * Text browsers (w3m, links, lynx with borders) draw a table in boxes and
 * wrap a cell's text inside its box: one row of the table is several lines
 * between two rules, the values on one of them and the label's rest on the
 * others ("│2.其他法律行政法规禁止公│0 │0 │…" over "│开 │ │ │…").  Such a
 * row is one line again: its cells joined column by column.  Only between
 * rules, with the same cells on every line, and with values on one line at
 * most: rows of a table drawn without rules between them (markdown, pipe
 * rows) each hold values, and stay as they are.
 */

/*
 * A rule of a box table, whole or in part: a run of box-drawing characters
 * ("├──────┼──"), the columns a cell spans down keeping their text beside
 * it ("│三、本│（四）无├────┼…").
 */
static bool
box_rule(const GiarLine *line)
{
	int			run = 0;
	const char *first;

	if (line->flags & GIAR_LINE_SEPARATOR)
		return true;
	/* most lines hold no box-drawing character: a memchr-based search */
	first = giar_find(line->text, (size_t) line->len, "\xE2\x94", 2);
	if (first == NULL)
		first = giar_find(line->text, (size_t) line->len, "\xE2\x95", 2);
	if (first == NULL)
		return false;
	for (int i = (int) (first - line->text); i + 2 < line->len; i++)
	{
		/* U+2500..U+257F: E2 94 80 .. E2 95 BF */
		if ((unsigned char) line->text[i] == 0xE2 &&
			((unsigned char) line->text[i + 1] == 0x94 ||
			 (unsigned char) line->text[i + 1] == 0x95))
		{
			if (++run >= 3)
				return true;
			i += 2;
		}
		else
			run = 0;
	}
	return false;
}

/* Cells of a bar row: the offsets of its bars, at most max; -1: not one. */
static int
bar_positions(const GiarLine *line, int *bars, int max)
{
	int			n = 0;
	int			i = 0;

	while (i < line->len && line->text[i] == ' ')
		i++;
	if (i >= line->len || line->text[i] != '|')
		return -1;
	for (; i < line->len; i++)
		if (line->text[i] == '|')
		{
			if (n == max)
				return -1;
			bars[n++] = i;
		}
	return n >= 3 ? n : -1;
}

/* Does a cell between bars a and b of the line hold a value? */
static bool
cell_holds_value(const GiarLine *line, int a, int b)
{
	int			from = a + 1,
				to = b;

	while (from < to && line->text[from] == ' ')
		from++;
	while (to > from && line->text[to - 1] == ' ')
		to--;
	return to > from && giar_cell_is_value(line->text + from, to - from);
}

#define MAX_BOX_CELLS 32
#define MAX_BOX_LINES 8

static void
merge_box_block(GiarContext *cx, GiarDoc *doc, int first, int n, int ncells)
{
	GiarLine   *lines = doc->lines;
	size_t		size = 0;
	char	   *buf,
			   *w;
	int			keep = first;	/* the line with the values, or the first */
	int			bars[MAX_BOX_LINES][MAX_BOX_CELLS];

	for (int k = 0; k < n; k++)
	{
		size += (size_t) lines[first + k].len;
		(void) bar_positions(&lines[first + k], bars[k], MAX_BOX_CELLS);
		for (int c = 0; c + 1 < ncells; c++)
			if (cell_holds_value(&lines[first + k], bars[k][c], bars[k][c + 1]))
				keep = first + k;
	}
	buf = w = giar_alloc_uninit(cx, size + (size_t) ncells * 2 + 2);
	*w++ = '|';
	for (int c = 0; c + 1 < ncells; c++)
	{
		bool		any = false;

		for (int k = 0; k < n; k++)
		{
			const char *t = lines[first + k].text;
			int			from = bars[k][c] + 1,
						to = bars[k][c + 1];

			while (from < to && t[from] == ' ')
				from++;
			while (to > from && t[to - 1] == ' ')
				to--;
			if (to == from)
				continue;
			/* wrapped Chinese joins as written; other text with a space */
			if (any && ((unsigned char) w[-1] < 0x80 || (unsigned char) t[from] < 0x80))
				*w++ = ' ';
			memcpy(w, t + from, (size_t) (to - from));
			w += to - from;
			any = true;
		}
		*w++ = '|';
	}
	*w = '\0';
	lines[keep].text = buf;
	lines[keep].len = (int) (w - buf);
	/* the other lines of the row become empty: the row is its value line */
	for (int k = 0; k < n; k++)
		if (first + k != keep)
			lines[first + k].len = 0;
}

void
giar_merge_box_rows(GiarContext *cx, GiarDoc *doc)
{
	int			rules = 0;

	/* an HTML table's rows are exact; a text without box drawing has none */
	if (doc->html || !doc->box_chars)
		return;
	for (int l = 0; l < doc->nlines && rules < 3; l++)
		if (box_rule(&doc->lines[l]))
			rules++;
	if (rules < 3)
		return;
	for (int l = 0; l < doc->nlines;)
	{
		int			bars[MAX_BOX_CELLS];
		int			ncells,
					n = 1,
					value_lines = 0;

		giar_tick(cx);
		/* a block: bar rows of the same cells, a rule just before it */
		if (l == 0 || !box_rule(&doc->lines[l - 1]) || box_rule(&doc->lines[l]) ||
			(ncells = bar_positions(&doc->lines[l], bars, MAX_BOX_CELLS)) < 0)
		{
			l++;
			continue;
		}
		while (l + n < doc->nlines && n < MAX_BOX_LINES && !box_rule(&doc->lines[l + n]))
		{
			int			other[MAX_BOX_CELLS];

			if (bar_positions(&doc->lines[l + n], other, MAX_BOX_CELLS) != ncells)
				break;
			n++;
		}
		/* ... and a rule just after it */
		if (n < 2 || l + n >= doc->nlines || !box_rule(&doc->lines[l + n]))
		{
			l += n;
			continue;
		}
		for (int k = 0; k < n; k++)
		{
			int			b[MAX_BOX_CELLS];
			bool		values = false;

			(void) bar_positions(&doc->lines[l + k], b, MAX_BOX_CELLS);
			for (int c = 0; c + 1 < ncells; c++)
				values |= cell_holds_value(&doc->lines[l + k], b[c], b[c + 1]);
			value_lines += values;
		}
		if (value_lines <= 1)
			merge_box_block(cx, doc, l, n, ncells);
		l += n;
	}
}
