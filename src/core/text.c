/*
 * text.c
 *		Normalise report text into lines.
 *
 * One pass over the bytes: decode UTF-8 (ill-formed bytes become U+FFFD),
 * fold line ends, drop format characters, map control characters to
 * spaces, and NFKC-normalise through ICU only the runs of characters that
 * NFKC may change (full-width forms, compatibility characters); CJK
 * ideographs and ASCII are copied as they are.  Then, per line: remove
 * pinyin annotations ("報(bào)告"), convert traditional script to
 * simplified when the document is traditional, undo Taiwan phrase
 * conversions of labels, and mark page footers and rule lines.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

typedef struct OutBuf
{
	char	   *buf;
	size_t		len;
	size_t		cap;
} OutBuf;

static void
out_reserve(GiarContext *cx, OutBuf *o, size_t extra)
{
	if (o->len + extra + 1 > o->cap)
	{
		size_t		newcap = (o->cap + extra + 1) * 2;
		char	   *bigger = giar_alloc_uninit(cx, newcap);

		if (o->len)
			memcpy(bigger, o->buf, o->len);
		o->buf = bigger;
		o->cap = newcap;
	}
}

static inline void
out_byte(GiarContext *cx, OutBuf *o, char c)
{
	out_reserve(cx, o, 1);
	o->buf[o->len++] = c;
}

static inline void
out_bytes(GiarContext *cx, OutBuf *o, const char *s, size_t n)
{
	out_reserve(cx, o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* Characters that carry no text: zero-width, bidi controls, BOM, soft hyphen. */
static bool
is_format_char(uint32_t cp)
{
	return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) ||
		(cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
		cp == 0xFEFF;
}

/* ①…⑳, ⑴…⒇, ⒈…⒛, ❶…❿ and friends: NFKC turns them into digits. */
static bool
is_circled_number(uint32_t cp)
{
	return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793) ||
		(cp >= 0x3251 && cp <= 0x325F) || (cp >= 0x32B1 && cp <= 0x32BF);
}

/*
 * Does the output end with a number, or with a script mark kept after one
 * (giar_is_script_mark), so that a script mark now is a footnote mark too?
 */
static bool
ends_with_number(const OutBuf *o)
{
	size_t		n = o->len;
	uint32_t	cp;

	if (n == 0)
		return false;
	if (o->buf[n - 1] >= '0' && o->buf[n - 1] <= '9')
		return true;
	/* a script mark is two bytes (U+00B2..U+00B9) or three (U+2070..U+208E) */
	for (size_t k = 2; k <= 3 && k <= n; k++)
		if (((unsigned char) o->buf[n - k] & 0xC0) == 0xC0 &&
			giar_utf8_decode(o->buf + n - k, (int) k, &cp) == (int) k &&
			giar_is_script_mark(cp))
			return true;
	return false;
}

/* Vertical bars used for table rules in text renderings. */
static bool
is_bar_char(uint32_t cp)
{
	return cp == 0x2502 || cp == 0x2503 || cp == 0x2551 || cp == 0xFFE8;
}

/*
 * Does the text at s start where NFKC has a boundary, so that the ASCII
 * character before it normalises on its own?  Not before a combining mark
 * ("e" + U+0301 is "é"), nor before a format character, which is dropped
 * without ending the run.
 */
static bool
starts_at_boundary(const char *s, size_t len)
{
	uint32_t	cp;

	if (len == 0 || (unsigned char) s[0] < 0x80 || giar_is_cjk_unified3(s, len))
		return true;			/* ASCII and U+4E00..U+9FFF: inert */
	giar_utf8_decode(s, len > 8 ? 8 : (int) len, &cp);
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return true;
	if (is_format_char(cp))
		return false;
	return giar_nfkc_boundary_before(cp);
}

/*
 * Is the character at s (or the end of the text) one after which a
 * fullwidth ASCII character normalises on its own: ASCII, a character NFKC
 * leaves alone, or another fullwidth ASCII character?
 */
static bool
fullwidth_run_ends(const char *s, size_t len)
{
	uint32_t	cp;

	if (len == 0 || (unsigned char) s[0] < 0x80 || giar_is_cjk_unified3(s, len))
		return true;			/* ASCII and U+4E00..U+9FFF: inert */
	giar_utf8_decode(s, len > 8 ? 8 : (int) len, &cp);
	if (is_format_char(cp))
		return false;			/* dropped without ending the run */
	return (cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000 ||
		(cp < 0x10000 && cp != 0xFFFD && giar_nfkc_inert(cp));
}

/*
 * What the script test (looks_traditional) and the injected-word search
 * need of the normalised text, counted as it is written: its characters
 * from U+3400 (han), those Traditional-to-Simplified conversion changes
 * (trad), and doc->chars3.
 */
typedef struct ScriptCount
{
	const uint8_t *bits;		/* giar_traditional_bitmap(), or NULL */
	long		han;
	long		trad;
	uint64_t   *chars3;
	bool	   *box_chars;		/* GiarDoc.box_chars */
	/* the watched characters' offsets in the output (GiarDoc.watched_at) */
	GiarContext *cx;
	const uint64_t *watch;		/* NULL: none watched */
	int		   *watched_at;
	int			nwatched;
	int			watched_cap;
	/* those of the span being read, by their offset in it */
	int		   *span_at;
	int			nspan;
	int			span_cap;
} ScriptCount;

/* Is a character from U+4000 to U+FFFF with these low 12 bits watched? */
static inline bool
watched(const ScriptCount *sc, unsigned low)
{
	return (sc->watch[low >> 6] >> (low & 63)) & 1;
}

/* Note a watched character written at offset at. */
static void
note_watched(ScriptCount *sc, size_t at)
{
	sc->watched_at = giar_grow(sc->cx, sc->watched_at, sizeof(int),
							   &sc->watched_cap, sc->nwatched);
	sc->watched_at[sc->nwatched++] = (int) at;
}

/* A character written to the output, ending at offset end. */
static inline void
count_char(ScriptCount *sc, uint32_t cp, size_t end)
{
	if (cp < 0x3000)
	{
		/* box drawing (U+2500..U+257F): a text browser's table */
		if (cp >= 0x2500 && cp <= 0x257F)
			*sc->box_chars = true;
		return;
	}
	if (sc->watch && cp >= 0x4000 && cp <= 0xFFFF && watched(sc, cp & 0xFFF))
		note_watched(sc, end - 3);
	if (cp <= 0xFFFF)
		sc->chars3[(cp & 0xFFF) >> 6] |= UINT64_C(1) << (cp & 63);
	if (cp >= 0x3400)
	{
		sc->han++;
		if (sc->bits && cp < 0x10000 && ((sc->bits[cp >> 3] >> (cp & 7)) & 1))
			sc->trad++;
	}
}

/*
 * The characters of s[0..n), well-formed UTF-8 the normaliser wrote at
 * offset at.
 */
static void
count_chars(ScriptCount *sc, const char *s, size_t n, size_t at)
{
	for (size_t i = 0; i < n;)
	{
		uint32_t	cp;

		if ((unsigned char) s[i] < 0x80)
		{
			i++;
			continue;
		}
		i += (size_t) giar_utf8_decode(s + i, (int) (n - i > 8 ? 8 : n - i), &cp);
		count_char(sc, cp, at + i);
	}
}

/* A line as normalise_buffer writes it: its flags and where it ends. */
typedef struct OutLine
{
	unsigned	flags;			/* GIAR_LINE_PAGE_BREAK */
	int			raw;			/* the input line it is of (a long one is cut) */
	size_t		end;			/* offset of its '\n' (of the end, last) */
} OutLine;

/*
 * Normalise the whole buffer; writes lines separated by '\n' into *o and
 * returns each line's flags (page breaks) and end through *out_lines, so
 * that the lines are cut without searching for them.  Counts the script of
 * what it writes into *sc.  A line longer than GIAR_MAX_LINE_BYTES is cut
 * in pieces; the text past GIAR_MAX_LINES lines, or once NFKC has made it
 * more than twice as long (a few characters become up to eleven times
 * longer), is not read.
 */
static void
normalise_buffer(GiarContext *cx, const char *in, size_t len, OutBuf *o,
				 OutLine **out_lines, int *nlines, int *invalid, ScriptCount *sc)
{
	uint32_t	run[256];
	int			nrun = 0;
	int			lines_cap = 0;
	OutLine    *lines = NULL;
	int			line = 0;
	int			raw = 0;
	size_t		i = 0;
	/* NFKC lengthens a few characters up to elevenfold: not the whole text */
	size_t		out_max = 2 * len + 65536;
	/*
	 * Where the output's line reaches its limit; 0 once NFKC has taken the
	 * output past out_max (spans and characters copied lengthen nothing).
	 */
	size_t		check_at = GIAR_MAX_LINE_BYTES;
	/* where a span of copied characters stops, 64 kB on at most */
	size_t		span_stop = 0;

	lines = giar_grow(cx, lines, sizeof(OutLine), &lines_cap, 0);
	lines[0].flags = 0;
	lines[0].raw = 0;

#define FLUSH_RUN() \
	do { \
		if (nrun > 0) \
		{ \
			size_t before_ = o->len; \
			if (!giar_nfkc_append(cx, run, nrun, &o->buf, &o->len, &o->cap)) \
				for (int k_ = 0; k_ < nrun; k_++) \
				{ \
					char enc_[4]; \
					int nenc_ = giar_utf8_encode(run[k_], enc_); \
					out_bytes(cx, o, enc_, (size_t) nenc_); \
				} \
			count_chars(sc, o->buf + before_, o->len - before_, before_); \
			nrun = 0; \
			if (o->len > out_max) \
				check_at = 0; \
		} \
	} while (0)

	while (i < len)
	{
		unsigned char b = (unsigned char) in[i];
		uint32_t	cp;
		int			n;

		if (o->len >= check_at)
		{
			if (o->len > out_max || line + 1 == GIAR_MAX_LINES)
				break;
			/* a piece of a long line: at a character, after the run */
			FLUSH_RUN();
			lines[line].end = o->len;
			out_byte(cx, o, '\n');
			check_at = check_at ? o->len + GIAR_MAX_LINE_BYTES : 0;
			line++;
			lines = giar_grow(cx, lines, sizeof(OutLine), &lines_cap, line);
			lines[line].flags = 0;
			lines[line].raw = raw;
		}

		/*
		 * Most bytes are printable ASCII or CJK Unified Ideographs
		 * (U+4E00..U+9FFF), which NFKC leaves alone: copy such a span in one
		 * go (of at most 64 kB, between interrupt checks).
		 */
		{
			size_t		j = i;
			size_t		stop;

			if (i >= span_stop)
				span_stop = len - i > 65536 ? i + 65536 : len;
			stop = span_stop;
			while (j < stop)
			{
				unsigned char c = (unsigned char) in[j];

				if (c >= 0x20 && c < 0x7F)
					j++;
				else if (c == '\n' && nrun == 0 && line + 2 < GIAR_MAX_LINES &&
						 o->len + (j - i) < check_at &&
						 starts_at_boundary(in + j + 1, len - j - 1))
				{
					/*
					 * A line break inside a span (text with short lines, as
					 * pdftotext writes it, is mostly breaks): the line ends
					 * where the break will be copied, as the loop below ends
					 * it; a line at its length limit, a run to flush or a
					 * mark that composes with the next line's first
					 * character leave it to that loop.
					 */
					size_t		at = o->len + (j - i);

					lines[line].end = at;
					check_at = at + 1 + GIAR_MAX_LINE_BYTES;
					line++;
					raw++;
					lines = giar_grow(cx, lines, sizeof(OutLine), &lines_cap, line);
					lines[line].flags = 0;
					lines[line].raw = raw;
					j++;
				}
				else if (giar_is_cjk_unified3(in + j, len - j))
				{
					/* count_char of U+4E00..U+9FFF, inline: most of the text */
					unsigned	low = giar_char_low12(in + j);
					uint32_t	cp = ((uint32_t) (c & 0x0F) << 12) | low;

					sc->chars3[low >> 6] |= UINT64_C(1) << (low & 63);
					sc->han++;
					if (sc->bits && ((sc->bits[cp >> 3] >> (cp & 7)) & 1))
						sc->trad++;
					if (sc->watch && watched(sc, low))
					{
						/* where the span goes is known once it is written */
						sc->span_at = giar_grow(cx, sc->span_at, sizeof(int),
												&sc->span_cap, sc->nspan);
						sc->span_at[sc->nspan++] = (int) (j - i);
					}
					j += 3;
				}
				else if ((c == 0xE2 || c == 0xE3) && j + 2 < len &&
						 (unsigned char) in[j + 1] == 0x80 &&
						 ((unsigned char) in[j + 2] & 0xC0) == 0x80)
				{
					/*
					 * U+2000..U+203F and U+3000..U+303F, the punctuation of
					 * Chinese text (“” — 、。《》【】): copied as they are
					 * when NFKC leaves them so and the loop below would too
					 * (no format character, line separator or ideographic
					 * space; none of these is a bar or a circled number).
					 */
					uint32_t	cp = ((uint32_t) (c & 0x0F) << 12) |
						((unsigned char) in[j + 2] & 0x3F);

					if (cp == 0x3000 || cp == 0x2028 || cp == 0x2029 ||
						is_format_char(cp) || !giar_nfkc_inert(cp))
						break;
					if (cp >= 0x3000)
						sc->chars3[(cp & 0xFFF) >> 6] |= UINT64_C(1) << (cp & 63);
					j += 3;
				}
				else
					break;
			}
			/* an ASCII character a combining mark follows goes to NFKC */
			if (j > i && j < len && (unsigned char) in[j - 1] < 0x80 &&
				!starts_at_boundary(in + j, len - j))
				j--;
			if (j > i)
			{
				FLUSH_RUN();
				/* the span is written where the output now ends */
				for (int k = 0; k < sc->nspan; k++)
					note_watched(sc, o->len + (size_t) sc->span_at[k]);
				sc->nspan = 0;
				out_bytes(cx, o, in + i, j - i);
				giar_tick_n(cx, j - i);
				i = j;
				continue;
			}
			sc->nspan = 0;
		}
		giar_tick(cx);
		if (b < 0x80)
		{
			FLUSH_RUN();
			i++;
			if (b == '\r' || b == '\n')
			{
				if (b == '\r' && i < len && in[i] == '\n')
					i++;
				raw++;
				if (line + 1 == GIAR_MAX_LINES)
					break;		/* no more lines kept */
				lines[line].end = o->len;
				out_byte(cx, o, '\n');
				check_at = check_at ? o->len + GIAR_MAX_LINE_BYTES : 0;
				line++;
				lines = giar_grow(cx, lines, sizeof(OutLine), &lines_cap, line);
				lines[line].flags = 0;
				lines[line].raw = raw;
			}
			else if (b == '\f')
				lines[line].flags |= GIAR_LINE_PAGE_BREAK;
			else if (b < 0x20 || b == 0x7F)
				out_byte(cx, o, ' ');
			else if (!starts_at_boundary(in + i, len - i))
				run[nrun++] = b;	/* composes with what follows */
			else
				out_byte(cx, o, (char) b);
			continue;
		}
		n = giar_utf8_decode(in + i, (int) (len - i > 8 ? 8 : len - i), &cp);
		/*
		 * Fullwidth ASCII (U+FF01..U+FF5E) and the ideographic space are
		 * most of what NFKC changes in Chinese text; their NFKC forms are
		 * the ASCII characters, which compose with nothing before them.  So
		 * a run of them needs no ICU call unless a character NFKC may
		 * compose follows.  (Tested first: none of the cases below is
		 * one of them.)
		 */
		if (nrun == 0 && ((cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x3000) &&
			fullwidth_run_ends(in + i + n, len - i - n))
		{
			out_byte(cx, o, cp == 0x3000 ? ' ' : (char) (cp - 0xFEE0));
			i += n;
			continue;
		}
		if (cp == 0xFFFD && !(n == 3 && (unsigned char) in[i] == 0xEF))
			(*invalid)++;
		if (is_format_char(cp))
		{
			i += n;
			continue;
		}
		if (giar_is_script_mark(cp) && giar_nfkc_boundary_before(cp))
		{
			/* NFKC of the text before it is NFKC of the run, flushed alone */
			FLUSH_RUN();
			if (ends_with_number(o))
			{
				/* "1582¹": a footnote mark, not the digits 15821 */
				out_bytes(cx, o, in + i, (size_t) n);
				i += n;
				continue;
			}
		}
		if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029)
			cp = ' ';			/* C1 controls, line/paragraph separators */
		else if (cp == 0x2212)
			cp = '-';			/* MINUS SIGN: "−3" is -3 */
		else if (is_bar_char(cp))
			cp = '|';
		else if (is_circled_number(cp) && nrun == 0 && o->len > 0 &&
				 o->buf[o->len - 1] >= '0' && o->buf[o->len - 1] <= '9')
			cp = '*';			/* "3①": a footnote mark, not the digits 31 */
		if (cp < 0x80 || giar_nfkc_inert(cp))
		{
			FLUSH_RUN();
			if (cp < 0x80)
				out_byte(cx, o, (char) cp);
			else if (cp == 0xFFFD || n > 4)
			{
				char		enc[4];
				int			nenc = giar_utf8_encode(cp, enc);

				out_bytes(cx, o, enc, (size_t) nenc);
				count_char(sc, cp, o->len);
			}
			else
			{
				out_bytes(cx, o, in + i, n);
				count_char(sc, cp, o->len);
			}
		}
		else if (n <= 4 && cp != 0xFFFD && giar_nfkc_stable(cp) &&
				 starts_at_boundary(in + i + n, len - i - n))
		{
			/* a tone-marked pinyin letter, say: NFKC would give it back */
			FLUSH_RUN();
			out_bytes(cx, o, in + i, n);
			count_char(sc, cp, o->len);
		}
		else
		{
			if (nrun == (int) (sizeof(run) / sizeof(run[0])))
				FLUSH_RUN();
			run[nrun++] = cp;
		}
		i += n;
	}
	FLUSH_RUN();
#undef FLUSH_RUN
	out_reserve(cx, o, 1);
	o->buf[o->len] = '\0';
	lines[line].end = o->len;
	*out_lines = lines;
	*nlines = line + 1;
}

/* Tone-marked and plain letters that pinyin annotations are made of. */
static bool
is_pinyin_letter(uint32_t cp)
{
	static const uint32_t toned[] = {
		0x101, 0xE1, 0x1CE, 0xE0, 0x113, 0xE9, 0x11B, 0xE8, 0x12B, 0xED,
		0x1D0, 0xEC, 0x14D, 0xF3, 0x1D2, 0xF2, 0x16B, 0xFA, 0x1D4, 0xF9,
		0x1D6, 0x1D8, 0x1DA, 0x1DC, 0xFC, 0xEA, 0x144, 0x148, 0x1F9, 0x1E3F
	};

	if (cp >= 'a' && cp <= 'z')
		return true;
	for (size_t i = 0; i < sizeof(toned) / sizeof(toned[0]); i++)
		if (toned[i] == cp)
			return true;
	return false;
}

/*
 * Can the line hold a pinyin annotation: a '(' followed by a letter a-z or
 * the lead byte of a tone-marked one (U+00E0-U+01F9: C3-C7, U+1E3F: E1)?
 * Most lines with parentheses hold ordinals ("(一)"), ruled out here.
 */
static bool
may_hold_pinyin(const char *s, int len)
{
	const char *end = s + len;

	for (const char *p = giar_memchr(s, '(', (size_t) len); p && p + 1 < end;
		 p = giar_memchr(p + 1, '(', (size_t) (end - p - 1)))
	{
		unsigned char next = (unsigned char) p[1];

		if ((next >= 'a' && next <= 'z') || (next >= 0xC3 && next <= 0xC7) ||
			next == 0xE1)
			return true;
	}
	return false;
}

/*
 * Remove "(pinyin)" right after a Han character, in place.  Returns the
 * number of annotations removed.
 */
static int
remove_pinyin(GiarLine *line)
{
	char	   *s = line->text;
	int			len = line->len;
	int			r = 0,
				w = 0;
	int			removed = 0;

	while (r < len)
	{
		const char *paren = memchr(s + r, '(', (size_t) (len - r));
		int			at = paren ? (int) (paren - s) : len;
		bool		after_han = false;

		/* the text up to the next '(' stays */
		if (w != r)
			memmove(s + w, s + r, (size_t) (at - r));
		w += at - r;
		r = at;
		if (r >= len)
			break;
		/* annotations follow a Han character: the last one kept */
		if (w > 0)
		{
			int			k = w - 1;
			uint32_t	cp;

			while (k > 0 && ((unsigned char) s[k] & 0xC0) == 0x80)
				k--;
			giar_utf8_decode(s + k, w - k, &cp);
			after_han = giar_is_han(cp);
		}
		if (after_han)
		{
			int			j = r + 1;
			int			letters = 0;
			bool		ok = true;

			while (j < len && s[j] != ')')
			{
				uint32_t	c2;
				int			n2 = giar_utf8_decode(s + j, len - j, &c2);

				if (is_pinyin_letter(c2))
					letters++;
				else if (!(c2 >= '1' && c2 <= '5' && letters > 0))
				{
					ok = false;
					break;
				}
				j += n2;
				if (letters > 7)
				{
					ok = false;
					break;
				}
			}
			if (ok && j < len && s[j] == ')' && letters > 0)
			{
				r = j + 1;
				removed++;
				continue;
			}
		}
		/* a '(' that starts no annotation stays */
		s[w++] = s[r++];
	}
	s[w] = '\0';
	line->len = w;
	return removed;
}

/*
 * Taiwan phrase conversions that conversion sites apply to labels; after
 * Traditional-to-Simplified transliteration they read as the left column.
 */
static const char *const taiwan_phrases[][2] = {
	{"规范性档案", "规范性文件"},
	{"入口网站", "网站"},
	{"资讯公开", "信息公开"},
	{"政府资讯", "政府信息"},
	{"资讯处理费", "信息处理费"},
	{"网路", "网络"},
	{"出版品", "出版物"},
};

#define NTAIWAN_PHRASES (sizeof(taiwan_phrases) / sizeof(taiwan_phrases[0]))

/*
 * Replace every occurrence of from in s[0, *len) by to, in place (to is no
 * longer than from), with the result of replacing the first occurrence
 * and searching again from the start until none is left: a replacement
 * that makes a new occurrence with the text before it ("入口入口网站") is
 * replaced in turn.  Linear in the line: the text is read once, the part
 * already written (s[0, w)) holds no occurrence, and what a replacement
 * puts in goes back in front of the text still to read (s[r, *len)), so
 * that the search goes on from where an occurrence could now start.
 */
static void
replace_phrase(char *s, int *len, const char *from, int flen, const char *to,
			   int tlen)
{
	int			w = 0,
				r = 0;

	if (flen <= 0)
		return;					/* no phrase is empty */
	for (;;)
	{
		int			spanning = 0;
		const char *hit;
		int			n;

		/* an occurrence across the written text's end and what follows */
		for (int k = w < flen - 1 ? w : flen - 1; k > 0; k--)
			if (*len - r >= flen - k && memcmp(s + w - k, from, k) == 0 &&
				memcmp(s + r, from + k, flen - k) == 0)
			{
				spanning = k;
				break;
			}
		if (spanning)
		{
			w -= spanning;
			r += flen - spanning - tlen;
			memcpy(s + r, to, tlen);
			continue;
		}
		hit = giar_find(s + r, (size_t) (*len - r), from, (size_t) flen);
		n = hit ? (int) (hit - (s + r)) : *len - r;
		if (w != r)
			memmove(s + w, s + r, n);
		w += n;
		r += n;
		if (hit == NULL)
			break;
		r += flen - tlen;
		memcpy(s + r, to, tlen);
	}
	s[w] = '\0';
	*len = w;
}

/*
 * Undo the Taiwan phrasings in the converted lines (skip[l]: a line left
 * unconverted).  The phrases apply in the table's order, each to the line
 * as the ones before it left it.  A line holding one is copied once and
 * rewritten in place (no phrase is longer than what it replaces).
 * doc->chars3 holds every character of the lines, which rules out at once
 * the phrases no line holds (with the characters the phrases before put
 * in); a phrase put in adds its characters.
 */
static void
undo_taiwan_phrases(GiarContext *cx, GiarDoc *doc, const bool *skip)
{
	uint64_t	may_be_put_in[64];
	int			held[NTAIWAN_PHRASES];	/* the phrases a line may hold */
	int			flen[NTAIWAN_PHRASES];
	bool		put_in[NTAIWAN_PHRASES] = {false};
	int			nheld = 0;

	memcpy(may_be_put_in, doc->chars3, sizeof(may_be_put_in));
	for (int p = 0; p < (int) NTAIWAN_PHRASES; p++)
		if (giar_chars_may_hold(may_be_put_in, taiwan_phrases[p][0]))
		{
			giar_chars_add(may_be_put_in, taiwan_phrases[p][1],
						   strlen(taiwan_phrases[p][1]));
			flen[nheld] = (int) strlen(taiwan_phrases[p][0]);
			held[nheld++] = p;
		}
	if (nheld == 0)
		return;
	for (int l = 0; l < doc->nlines; l++)
	{
		GiarLine   *line = &doc->lines[l];
		bool		copied = false;

		giar_tick_n(cx, (size_t) line->len + 16);
		if (line->len == 0 || (skip && skip[l]))
			continue;
		for (int h = 0; h < nheld; h++)
		{
			const char *from = taiwan_phrases[held[h]][0];
			const char *to = taiwan_phrases[held[h]][1];

			if (!giar_find(line->text, (size_t) line->len, from, (size_t) flen[h]))
				continue;
			if (!copied)
			{
				line->text = giar_strndup(cx, line->text, (size_t) line->len);
				copied = true;
			}
			replace_phrase(line->text, &line->len, from, flen[h], to, (int) strlen(to));
			put_in[held[h]] = true;
			giar_tick_n(cx, (size_t) line->len);
		}
	}
	/* chars3 must still cover every character of the lines */
	for (int p = 0; p < (int) NTAIWAN_PHRASES; p++)
		if (put_in[p])
			giar_chars_add(doc->chars3, taiwan_phrases[p][1],
						   strlen(taiwan_phrases[p][1]));
}

static bool
is_space_or_dash(char c)
{
	return c == ' ' || c == '-' || c == '~';
}

/*
 * Page footers that pdftotext and print-to-text leave inside tables:
 * "- 4 -", "—4—", "第 4 页", "第4页 共9页".
 */
static GIAR_ALWAYS_INLINE bool
is_page_footer(const char *s, int len)
{
	int			i = 0,
				j = len;
	int			digits = 0;

	while (i < j && s[i] == ' ')
		i++;
	/* asked of every line: a footer starts with a dash or 第 (E7 AC AC) */
	if (i == j || (s[i] != '-' && s[i] != '~' && s[i] != '\xE2' && s[i] != '\xE7'))
		return false;
	while (j > i && s[j - 1] == ' ')
		j--;
	/* "- 4 -" / "— 4 —" (U+2014 is E2 80 94) */
	{
		int			a = i,
					b = j;
		bool		lead = false,
					trail = false;

		while (a < b && (is_space_or_dash(s[a]) ||
						 (b - a >= 3 && memcmp(s + a, "\xE2\x80\x94", 3) == 0)))
		{
			lead = true;
			a += (s[a] == '\xE2') ? 3 : 1;
		}
		while (b > a && (is_space_or_dash(s[b - 1]) ||
						 (b - a >= 3 && memcmp(s + b - 3, "\xE2\x80\x94", 3) == 0)))
		{
			trail = true;
			b -= (s[b - 1] == '\x94') ? 3 : 1;
		}
		digits = 0;
		while (a + digits < b && s[a + digits] >= '0' && s[a + digits] <= '9')
			digits++;
		if (lead && trail && digits > 0 && digits <= 4 && a + digits == b)
			return true;
	}
	/* 第 N 页 [共 M 页] */
	if (j - i >= 7 && memcmp(s + i, "第", 3) == 0)
	{
		int			k = i + 3;

		while (k < j && s[k] == ' ')
			k++;
		digits = 0;
		while (k < j && s[k] >= '0' && s[k] <= '9')
		{
			k++;
			digits++;
		}
		while (k < j && s[k] == ' ')
			k++;
		if (digits > 0 && k + 3 <= j && memcmp(s + k, "页", 3) == 0)
		{
			k += 3;
			while (k < j && (s[k] == ' ' || s[k] == ',' || s[k] == '/'))
				k++;
			if (k == j)
				return true;
			if (j - k >= 3 && memcmp(s + k, "共", 3) == 0)
				return true;
		}
	}
	return false;
}

/* A line of digits only, as page numbers stand next to form feeds: its value, or -1. */
static int
bare_page_number(const char *s, int len)
{
	int			i = 0,
				digits = 0,
				value = 0;

	while (i < len && s[i] == ' ')
		i++;
	while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 4)
	{
		value = value * 10 + (s[i] - '0');
		i++;
		digits++;
	}
	while (i < len && s[i] == ' ')
		i++;
	return i == len && digits > 0 && digits <= 3 ? value : -1;
}

typedef struct PageNumber
{
	int			line;
	int			offset;			/* value minus the number of its page */
} PageNumber;

static int
compare_offsets(const void *a, const void *b)
{
	int			x = *(const int *) a,
				y = *(const int *) b;

	return (x > y) - (x < y);
}

/*
 * The offset of the page numbers: the one most bare numbers share, when
 * two share it; else 0 (a lone page number is its page's).  Ties go to 0,
 * then to the smallest.
 */
static int
page_number_offset(GiarContext *cx, const PageNumber *found, int n)
{
	int		   *offsets = giar_alloc_uninit(cx, sizeof(int) * (size_t) n);
	int			best = 0,
				best_count = 0;

	for (int k = 0; k < n; k++)
		offsets[k] = found[k].offset;
	qsort(offsets, (size_t) n, sizeof(int), compare_offsets);
	for (int k = 0; k < n;)
	{
		int			j = k;

		while (j < n && offsets[j] == offsets[k])
			j++;
		if (j - k > best_count || (j - k == best_count && offsets[k] == 0))
		{
			best = offsets[k];
			best_count = j - k;
		}
		k = j;
	}
	return best_count >= 2 ? best : 0;
}

/* Markdown "|---|:--:|" rows and box-drawing rules. */
static GIAR_ALWAYS_INLINE bool
is_rule_line(const char *s, int len)
{
	int			rule_chars = 0;

	for (int i = 0; i < len;)
	{
		uint32_t	cp;
		int			n = giar_utf8_decode(s + i, len - i, &cp);

		if (cp == '-' || cp == '=' || cp == '_' || (cp >= 0x2500 && cp <= 0x257F))
			rule_chars++;
		else if (!(cp == ' ' || cp == '|' || cp == ':' || cp == '+'))
			return false;
		i += n;
	}
	return rule_chars >= 3;
}

/*
 * Does the text look traditional?  From what normalise_buffer counted
 * (pinyin removal, which follows, takes out no such character).
 */
static bool
looks_traditional(const ScriptCount *sc)
{
	/* simplified text has well under 1% of such characters; traditional ~30% */
	return sc->bits != NULL && sc->trad >= 4 && sc->trad * 20 >= sc->han;
}

bool
giar_read_document(GiarContext *cx, const char *text, size_t len, GiarDoc *doc)
{
	return giar_read_document_watching(cx, text, len, NULL, doc);
}

/*
 * giar_read_document, noting where the characters from U+4000 to U+FFFF
 * whose low 12 bits are in watch (a 4,096-bit set) are written: the first
 * table line is looked for at them (report.c) without a second pass over
 * every character.
 */
bool
giar_read_document_watching(GiarContext *cx, const char *text, size_t len,
							const uint64_t *watch, GiarDoc *doc)
{
	OutBuf		o = {0};
	OutLine    *out_lines;
	int			nlines;
	int		   *srclines = NULL;
	unsigned   *rawflags = NULL;
	int			rawlines = 0;
	ScriptCount sc = {0};
	bool	   *unconverted = NULL;
	const char *src = text;
	size_t		srclen = len;
	char	   *p;
	unsigned	page_breaks = 0;	/* GIAR_LINE_PAGE_BREAK: a form feed read */

	memset(doc, 0, sizeof(*doc));
	if (giar_looks_like_html(text, len))
	{
		GiarRawText raw;

		if (giar_html_render(cx, text, len, &raw))
		{
			doc->html = true;
			src = raw.buf;
			srclen = raw.len;
			srclines = raw.srclines;
			rawflags = raw.flags;
			rawlines = raw.nlines;
		}
	}

	/* about as long as the input: grown only if NFKC lengthens it */
	o.cap = srclen + srclen / 8 + 64;
	o.buf = giar_alloc_uninit(cx, o.cap);
	sc.bits = giar_traditional_bitmap();
	sc.chars3 = doc->chars3;
	sc.box_chars = &doc->box_chars;
	sc.cx = cx;
	sc.watch = watch;
	normalise_buffer(cx, src, srclen, &o, &out_lines, &nlines, &doc->invalid_bytes, &sc);
	doc->watched_text = o.buf;
	doc->watched_at = sc.watched_at;
	doc->nwatched = sc.nwatched;

	/* every field of every line is written below */
	doc->lines = giar_alloc_uninit(cx, sizeof(GiarLine) * (size_t) nlines);
	doc->nlines = nlines;
	p = o.buf;
	for (int l = 0; l < nlines; l++)
	{
		char	   *nl = o.buf + out_lines[l].end;
		GiarLine   *line = &doc->lines[l];
		int			end;

		giar_tick_n(cx, (size_t) (nl - p) + 16);
		*nl = '\0';
		line->text = p;
		/* trim trailing spaces */
		end = (int) (nl - p);
		while (end > 0 && p[end - 1] == ' ')
			end--;
		p[end] = '\0';
		line->len = end;
		line->flags = out_lines[l].flags;
		page_breaks |= out_lines[l].flags;
		line->srcline = out_lines[l].raw + 1;
		line->srccol = 0;
		if (srclines && out_lines[l].raw < rawlines)
		{
			line->srcline = srclines[out_lines[l].raw];
			line->flags |= rawflags[out_lines[l].raw];
		}
		p = nl + 1;
	}
	for (int l = 0; l < nlines; l++)
	{
		giar_tick_n(cx, (size_t) doc->lines[l].len + 16);
		if (may_hold_pinyin(doc->lines[l].text, doc->lines[l].len))
			doc->pinyin_removed += remove_pinyin(&doc->lines[l]);
	}

	if (looks_traditional(&sc))
	{
		doc->traditional = true;
		doc->unconverted = giar_alloc_uninit(cx, sizeof(GiarLine) * (size_t) nlines);
		memcpy(doc->unconverted, doc->lines, sizeof(GiarLine) * (size_t) nlines);

		/*
		 * doc->chars3 has the characters the text was read with; conversion
		 * adds those it puts in, so that it covers the converted lines too.
		 */
		for (int l = 0; l < nlines; l++)
		{
			GiarLine   *line = &doc->lines[l];
			char	   *conv;
			int			convlen;

			giar_tick_n(cx, (size_t) line->len + 16);
			if (line->len == 0 || !giar_hant_may_change(line->text, line->len))
				continue;		/* converted to itself */
			if (giar_hant_to_hans(cx, line->text, line->len, &conv, &convlen,
								  doc->chars3))
			{
				line->text = conv;
				line->len = convlen;
			}
			else
			{
				/* left as it is, Taiwan phrasings too */
				if (unconverted == NULL)
					unconverted = giar_alloc(cx, sizeof(bool) * (size_t) nlines);
				unconverted[l] = true;
			}
		}
		undo_taiwan_phrases(cx, doc, unconverted);
	}

	for (int l = 0; l < nlines; l++)
	{
		GiarLine   *line = &doc->lines[l];

		giar_tick_n(cx, (size_t) line->len + 16);
		if (is_rule_line(line->text, line->len))
			line->flags |= GIAR_LINE_SEPARATOR;
		else if (is_page_footer(line->text, line->len))
			line->flags |= GIAR_LINE_FOOTER;
	}

	/*
	 * A bare number right before or after a form feed may be a page number
	 * (the nearest line with text before the form feed's line, and from it
	 * on), or a table's cell that happens to start or end a page (plain
	 * pdftotext: "\f0").  Page numbers follow the pages: those whose value
	 * minus their page's number is the offset most of them share (0, or the
	 * unnumbered front pages') are page numbers; the others are text.
	 */
	if (page_breaks & GIAR_LINE_PAGE_BREAK)
	{
		PageNumber *found = NULL;
		int			nfound = 0,
					cap = 0;
		int			text_before = -1;
		int			text_from = -1;
		int			page = 1;

		for (int l = 0; l < nlines; l++)
		{
			giar_tick(cx);
			if (doc->lines[l].flags & GIAR_LINE_PAGE_BREAK)
			{
				int			at[2] = {text_before, -1};

				if (text_from < l)
					for (text_from = l; text_from < nlines &&
						 doc->lines[text_from].len == 0; text_from++)
						;
				if (text_from < nlines)
					at[1] = text_from;
				for (int k = 0; k < 2; k++)
				{
					int			value;

					if (at[k] < 0 || (nfound > 0 && found[nfound - 1].line == at[k]))
						continue;
					value = bare_page_number(doc->lines[at[k]].text, doc->lines[at[k]].len);
					if (value < 0)
						continue;
					found = giar_grow(cx, found, sizeof(PageNumber), &cap, nfound);
					found[nfound].line = at[k];
					found[nfound].offset = value - (k == 0 ? page : page + 1);
					nfound++;
				}
				page++;
			}
			if (doc->lines[l].len > 0)
				text_before = l;
		}
		if (nfound > 0)
		{
			int			offset = page_number_offset(cx, found, nfound);

			for (int k = 0; k < nfound; k++)
				if (found[k].offset == offset)
					doc->lines[found[k].line].flags |= GIAR_LINE_FOOTER;
		}
	}
	/* removing pinyin and converting the script move what was written */
	doc->watched = watch != NULL && doc->pinyin_removed == 0 && !doc->traditional;
	return true;
}

/*
 * Can the document hold the word?  Not when one of the word's characters
 * of U+3000..U+FFFF is missing from doc->chars3 (a word with spaces inside,
 * as giar_find_spaced finds, has the same characters).
 */
bool
giar_doc_may_hold(const GiarDoc *doc, const char *word)
{
	return giar_chars_may_hold(doc->chars3, word);
}

/*
 * Add the characters of U+3000..U+FFFF in s to bits, by their low 12 bits.
 * s is normalised text, well-formed UTF-8: a lead byte E3..EF has its two
 * continuation bytes.
 */
void
giar_chars_add(uint64_t *bits, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *) s;

	for (size_t i = 0; i + 2 < len;)
	{
		if (u[i] >= 0xE3 && u[i] < 0xF0)
		{
			unsigned	low = giar_char_low12(s + i);

			bits[low >> 6] |= UINT64_C(1) << (low & 63);
			i += 3;
		}
		else
			i++;
	}
}

/*
 * GIAR_LINE_SEPARATOR or GIAR_LINE_FOOTER when a line of s[0, len) is a
 * rule or a page footer, as the reader marks lines; segment.c marks the
 * pieces it cuts out of a line alike.
 */
unsigned
giar_line_kind(const char *s, int len)
{
	if (is_rule_line(s, len))
		return GIAR_LINE_SEPARATOR;
	if (is_page_footer(s, len))
		return GIAR_LINE_FOOTER;
	return 0;
}
