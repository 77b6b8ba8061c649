/*
 * text.h
 *		Reading report text into normalised lines.
 *
 * The document is a list of lines of NFKC-normalised, simplified-script
 * UTF-8 text, each remembering the input line it came from.  HTML input is
 * first rendered to lines (one line per block, table rows as pipe rows).
 */
#ifndef GIAR_TEXT_H
#define GIAR_TEXT_H

#include <string.h>

#include "giar.h"

/*
 * For the few small tests asked millions of times whose usual answer is an
 * early "no": inlined where they are asked, the rare slow path kept out of
 * line (GCC and Clang).
 */
#define GIAR_ALWAYS_INLINE inline __attribute__((always_inline))
#define GIAR_NOINLINE __attribute__((noinline))

/* GiarLine.flags */
#define GIAR_LINE_PAGE_BREAK	0x01	/* a form feed preceded this line */
#define GIAR_LINE_TABLE_ROW		0x02	/* an HTML <tr>: cells are exact */
#define GIAR_LINE_IMAGE			0x04	/* an image stood here */
#define GIAR_LINE_FOOTER		0x08	/* page footer, ignored */
#define GIAR_LINE_SEPARATOR		0x10	/* markdown/box rule, ignored */

/*
 * Lines of one document at most; the text past them is not read.  A
 * report has a few thousand lines; a text of line breaks alone would
 * otherwise cost each of its bytes a line's structures (GiarLine, the
 * tokens' line_first, …), tens of bytes.
 */
#define GIAR_MAX_LINES (1 << 17)

/*
 * Bytes of one line at most; a longer line is cut in pieces.  The longest
 * lines of reports, a whole report flattened onto one, are tens of
 * kilobytes; the work on one line is done between interrupt checks.
 */
#define GIAR_MAX_LINE_BYTES (1 << 20)

typedef struct GiarLine
{
	char	   *text;			/* NUL-terminated */
	int			len;
	int			srcline;		/* 1-based input line */
	/*
	 * Characters of the input line before this one's text, when it was cut
	 * out of a longer line (segment.c); 0 for a whole line.
	 */
	int			srccol;
	unsigned	flags;
} GiarLine;

typedef struct GiarDoc
{
	GiarLine   *lines;
	int			nlines;
	/* the lines before script conversion (same count), or NULL */
	GiarLine   *unconverted;
	bool		html;
	bool		traditional;
	int			pinyin_removed;
	int			invalid_bytes;
	/*
	 * The characters U+3000..U+FFFF of the lines (lead byte 0xE3-0xEF), by
	 * the low 12 bits of their code point: a word with a character not in
	 * the set is not in the text.
	 */
	uint64_t	chars3[64];
	/* a box-drawing character (U+2500..U+257F) is in the text */
	bool		box_chars;

	/*
	 * Where the characters a caller watches for are (giar_read_document_
	 * watching): offsets into watched_text, in order, of every character
	 * from U+4000 to U+FFFF whose low 12 bits are in the watch set; valid
	 * only when watched (the lines still hold the bytes the normaliser
	 * wrote: no pinyin removed, no script converted).
	 */
	bool		watched;
	const char *watched_text;
	int		   *watched_at;
	int			nwatched;
} GiarDoc;

/* Raw lines (before normalisation), as produced by the HTML renderer. */
typedef struct GiarRawText
{
	char	   *buf;
	size_t		len;
	int		   *srclines;		/* input line of each '\n'-separated line */
	unsigned   *flags;			/* GIAR_LINE_* of each line */
	int			nlines;
} GiarRawText;

extern bool giar_read_document(GiarContext *cx, const char *text, size_t len,
							   GiarDoc *doc);
extern bool giar_read_document_watching(GiarContext *cx, const char *text,
										size_t len, const uint64_t *watch,
										GiarDoc *doc);
extern bool giar_doc_may_hold(const GiarDoc *doc, const char *word);
extern unsigned giar_line_kind(const char *s, int len);

/* HTML detection and rendering (html.c). */
extern bool giar_looks_like_html(const char *text, size_t len);
extern void giar_html_prepare(void);
extern const char *giar_libxml_version(void);
extern bool giar_html_render(GiarContext *cx, const char *text, size_t len,
							 GiarRawText *out);
extern bool giar_html_render_direct(GiarContext *cx, const char *text,
									size_t len, GiarRawText *out);
extern bool giar_html_render_libxml(GiarContext *cx, const char *text,
									size_t len, GiarRawText *out);
extern bool giar_html_render_as_is(GiarContext *cx, const char *text,
								   size_t len, bool truncated, GiarRawText *out);
extern bool giar_raw_text_equal(const GiarRawText *a, const GiarRawText *b);
extern bool giar_html_strip_attributes(GiarContext *cx, const char *text,
									   size_t len, char **out, size_t *out_len);

/* ICU services (icu.c). */
extern bool giar_nfkc_inert(uint32_t cp);
extern bool giar_nfkc_stable(uint32_t cp);
extern bool giar_nfkc_boundary_before(uint32_t cp);
extern bool giar_nfkc_append(GiarContext *cx, const uint32_t *cps, int n,
							 char **buf, size_t *len, size_t *cap);
extern bool giar_is_traditional_only(uint32_t cp);
extern const uint8_t *giar_traditional_bitmap(void);
extern bool giar_hant_may_change(const char *s, int len);
extern bool giar_hant_table_in_use(void);
extern void giar_icu_prepare(void);
extern bool giar_hant_to_hans(GiarContext *cx, const char *in, int inlen,
							  char **out, int *outlen, uint64_t *chars3);
extern bool giar_is_han(uint32_t cp);
extern void giar_icu_versions(char *buf, size_t size);

/*
 * Superscript and subscript digits and parentheses (¹ ² ⁴ ₂ ⁽ ⁾ …): after a
 * number they mark a footnote ("1582¹"), and are never its digits.  NFKC
 * makes them digits, so the normaliser keeps them as printed there, the
 * HTML renderer writes <sup> and <sub> digits as them, and the tokeniser
 * reads the number without them (GIAR_TOKEN_FOOTNOTE).
 */
static inline bool
giar_is_script_mark(uint32_t cp)
{
	return cp == 0x00B2 || cp == 0x00B3 || cp == 0x00B9 || cp == 0x2070 ||
		(cp >= 0x2074 && cp <= 0x2079) || cp == 0x207D || cp == 0x207E ||
		(cp >= 0x2080 && cp <= 0x2089) || cp == 0x208D || cp == 0x208E;
}

/* Length of the first of words that s starts with, or 0 (report.c). */
extern int	giar_prefix_match(const char *s, const char *end,
							  const char *const *words);

/*
 * The three-byte characters (U+3000..U+FFFF) a stretch of text holds, by
 * the low 12 bits of their code point (as GiarDoc.chars3): a word with a
 * character the set lacks cannot occur in the text, so one pass over the
 * text spares a search per word.  Exact for absence, never for presence;
 * other characters of a word are not tested.
 */
typedef struct GiarCharSet
{
	uint64_t	bits[64];
} GiarCharSet;

extern void giar_chars_add(uint64_t *bits, const char *s, size_t len);

/* UTF-8 helpers (icu.c). */
extern int	giar_utf8_decode_any(const char *s, int len, uint32_t *cp);

/*
 * Decode one code point; returns the number of bytes consumed (>= 1).
 * Ill-formed sequences decode to U+FFFD (see giar_utf8_decode_any).  ASCII
 * and well-formed three-byte characters, nearly all of a report, are
 * decoded here without a call.
 */
static inline int
giar_utf8_decode(const char *s, int len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *) s;

	if (len >= 1 && u[0] < 0x80)
	{
		*cp = u[0];
		return 1;
	}
	if (len >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 &&
		(u[2] & 0xC0) == 0x80)
	{
		uint32_t	c = ((uint32_t) (u[0] & 0x0F) << 12) |
			((uint32_t) (u[1] & 0x3F) << 6) | (u[2] & 0x3F);

		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF))
		{
			*cp = c;
			return 3;
		}
	}
	return giar_utf8_decode_any(s, len, cp);
}
extern int	giar_utf8_encode(uint32_t cp, char *out);

/*
 * Bit (b & 63) for every byte b of s: a word whose mask has a bit that a
 * text's mask lacks does not occur in the text.  For UTF-8 Chinese the
 * low six bits of the continuation bytes tell characters apart.
 */
static inline uint64_t
giar_byte_mask(const char *s, int len)
{
	const unsigned char *u = (const unsigned char *) s;
	uint64_t	m0 = 0,
				m1 = 0,
				m2 = 0,
				m3 = 0;
	int			i = 0;

	/* four masks: four independent chains of shifts instead of one */
	for (; i + 4 <= len; i += 4)
	{
		m0 |= UINT64_C(1) << (u[i] & 63);
		m1 |= UINT64_C(1) << (u[i + 1] & 63);
		m2 |= UINT64_C(1) << (u[i + 2] & 63);
		m3 |= UINT64_C(1) << (u[i + 3] & 63);
	}
	for (; i < len; i++)
		m0 |= UINT64_C(1) << (u[i] & 63);
	return m0 | m1 | m2 | m3;
}

/* Characters (not bytes) of the UTF-8 text s[0, len). */
static inline int
giar_utf8_count(const char *s, int len)
{
	int			n = 0;

	for (int i = 0; i < len; i++)
		n += ((unsigned char) s[i] & 0xC0) != 0x80;
	return n;
}

/*
 * memchr for the short lines tables are made of (one cell a line, a cell
 * between bars): below 16 bytes a loop costs less than the call.
 */
static inline const char *
giar_memchr(const char *s, char c, size_t n)
{
	if (n < 16)
	{
		for (size_t i = 0; i < n; i++)
			if (s[i] == c)
				return s + i;
		return NULL;
	}
	return memchr(s, c, n);
}

/*
 * The offset of the first ASCII digit of s[from, len), or len.  Labels and
 * prose lines are asked whether they hold a digit at all, and most do not:
 * eight bytes are tested at once (a byte in '0'..'9' exactly: the masked
 * sums cannot carry from one byte into the next).
 */
static inline int
giar_first_digit(const char *s, int from, int len)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	int			i = from;

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	x;
		uint64_t	low7;

		memcpy(&x, s + i, 8);
		low7 = x & (ones * 0x7F);
		if (((ones * (127 + ':') - low7) & ~x & (low7 + ones * (127 - '/')) &
			 (ones * 0x80)) != 0)
			break;
	}
	for (; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return i;
	return len;
}

/*
 * The first occurrence of needle[0, nlen) in hay[0, len), or NULL.  The
 * parser searches short lines and sentences for short words, where
 * memmem's setup costs more than the search: this scans for the needle's
 * last byte (in Chinese a continuation byte, about one byte in a hundred)
 * and compares from there.
 */
static inline const char *
giar_find(const char *hay, size_t len, const char *needle, size_t nlen)
{
	const char *p;
	const char *end = hay + len;
	char		last;

	if (nlen == 0)
		return hay;
	if (nlen > len)
		return NULL;
	last = needle[nlen - 1];
	p = hay + nlen - 1;
	while ((p = giar_memchr(p, last, (size_t) (end - p))) != NULL)
	{
		/* the byte before rules out most places without a call to memcmp */
		if ((nlen == 1 || p[-1] == needle[nlen - 2]) &&
			memcmp(p - (nlen - 1), needle, nlen - 1) == 0)
			return p - (nlen - 1);
		p++;
	}
	return NULL;
}

/*
 * The three bytes at p as one number (0xE4B880 for 一): compares a
 * three-byte character against a list in one switch.  p must have three
 * bytes.
 */
static inline uint32_t
giar_bytes3_key(const char *p)
{
	return ((uint32_t) (unsigned char) p[0] << 16) |
		((uint32_t) (unsigned char) p[1] << 8) | (unsigned char) p[2];
}

/*
 * The low 12 bits of the code point of the three-byte character at p: an
 * index into a 4,096-bit set of characters (a filter, so collisions only
 * cost a search).
 */
static inline unsigned
giar_char_low12(const char *p)
{
	return ((unsigned) ((unsigned char) p[1] & 0x3F) << 6) | ((unsigned char) p[2] & 0x3F);
}

/*
 * Can a text whose characters are in bits (GiarCharSet.bits, GiarDoc.chars3)
 * hold the word?  Asked hundreds of times a sentence: inline.
 */
static inline bool
giar_chars_may_hold(const uint64_t *bits, const char *word)
{
	const unsigned char *u = (const unsigned char *) word;

	for (size_t i = 0; u[i];)
	{
		if (u[i] >= 0xE3 && u[i] < 0xF0 && u[i + 1] && u[i + 2])
		{
			unsigned	low = giar_char_low12(word + i);

			if (!(bits[low >> 6] & (UINT64_C(1) << (low & 63))))
				return false;
			i += 3;
		}
		else
			i++;
	}
	return true;
}

static inline bool
giar_charset_may_hold(const GiarCharSet *set, const char *word)
{
	return giar_chars_may_hold(set->bits, word);
}

/*
 * A word's characters as giar_chars_may_hold tests them (three-byte
 * characters by their low 12 bits), worked out once for the words of a
 * table that every sentence is asked about.  A longer word keeps its first
 * GIAR_WORD_CHARS_MAX: the test stays exact for absence.
 */
#define GIAR_WORD_CHARS_MAX 8

typedef struct GiarWordChars
{
	int			n;
	uint16_t	low[GIAR_WORD_CHARS_MAX];
} GiarWordChars;

static inline void
giar_word_chars(GiarWordChars *wc, const char *word)
{
	const unsigned char *u = (const unsigned char *) word;

	wc->n = 0;
	for (size_t i = 0; u[i] && wc->n < GIAR_WORD_CHARS_MAX;)
	{
		if (u[i] >= 0xE3 && u[i] < 0xF0 && u[i + 1] && u[i + 2])
		{
			wc->low[wc->n++] = (uint16_t) giar_char_low12(word + i);
			i += 3;
		}
		else
			i++;
	}
}

/* giar_chars_may_hold of a word whose characters giar_word_chars took. */
static inline bool
giar_chars_may_hold_word(const uint64_t *bits, const GiarWordChars *wc)
{
	for (int i = 0; i < wc->n; i++)
		if (!(bits[wc->low[i] >> 6] & (UINT64_C(1) << (wc->low[i] & 63))))
			return false;
	return true;
}

/*
 * Is there at s (avail bytes) a well-formed character of U+4E00..U+9FFF,
 * the CJK Unified Ideographs most Chinese text is made of (three bytes)?
 */
static inline bool
giar_is_cjk_unified3(const char *s, size_t avail)
{
	unsigned char b = (unsigned char) s[0];

	return b >= 0xE4 && b <= 0xE9 && avail >= 3 &&
		((unsigned char) s[1] & 0xC0) == 0x80 &&
		((unsigned char) s[2] & 0xC0) == 0x80 &&
		(b > 0xE4 || (unsigned char) s[1] >= 0xB8);
}

/*
 * giar_is_cjk_unified3 for normalised text (GiarDoc lines), which is
 * well-formed UTF-8: the lead byte tells, the continuation bytes need no
 * test.  For the scans over every character of a document.
 */
static inline bool
giar_doc_is_cjk_unified3(const char *s, size_t avail)
{
	unsigned char b = (unsigned char) s[0];

	return b >= 0xE4 && b <= 0xE9 && avail >= 3 &&
		(b > 0xE4 || (unsigned char) s[1] >= 0xB8);
}

/* Bytes a UTF-8 sequence with this lead byte claims (1 for stray bytes). */
static inline int
giar_utf8_lead_len(unsigned char b)
{
	return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

#endif							/* GIAR_TEXT_H */
