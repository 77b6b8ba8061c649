/*
 * tokens.c
 *		Split normalised lines into cells and tokens; read numbers.
 */
#include <string.h>

#include "tokens.h"

/* Units printed inside number cells, longest first (all Chinese). */
static const struct
{
	const char *text;
	int			len;
}			number_units[] = {
#define UNIT(u) {u, (int) sizeof(u) - 1}
	UNIT("万元"), UNIT("人次"), UNIT("元"), UNIT("件"), UNIT("个"), UNIT("项"),
	UNIT("条"), UNIT("次"), UNIT("宗"), {NULL, 0}
#undef UNIT
};

/* Marks that say a cell does not apply: the cell is absent, never 0. */
static const char *const na_marks[] = {
	"/", "//", "\\", "-", "--", "---", "—", "——", "–", "―", "－", "无",
	"暂无", "N/A", "n/a", "NA", "na", "空", "×", "—/—", "-/-", NULL
};

bool
giar_is_na_mark(const char *s, int len)
{
	/* numbers, most short cells, start with a digit: no mark does */
	if (len > GIAR_NA_MARK_MAX_BYTES || len <= 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (int i = 0; na_marks[i]; i++)
		if (na_marks[i][0] == s[0] && (int) strlen(na_marks[i]) == len &&
			memcmp(na_marks[i], s, len) == 0)
			return true;
	return false;
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* digits × 10 + the digit c; false if that is beyond int64 */
static inline bool
append_digit(int64_t *digits, char c)
{
	return !__builtin_mul_overflow(*digits, 10, digits) &&
		!__builtin_add_overflow(*digits, c - '0', digits);
}

/*
 * Read a number as printed: optional sign, digits (optionally grouped by
 * thousands separators between groups of exactly three), optional decimals,
 * optional unit.  Leading zeros ("007") are not a number: such digits are
 * cells run together.  Lone 零/〇 read as 0.
 */
bool
giar_parse_number(const char *s, int len, GiarNumber *num, const char **unit)
{
	int			i = 0;
	int			end = len;
	bool		negative = false;
	int64_t		digits = 0;
	int			ndigits = 0;
	int			scale = 0;
	int			first_group = 0;
	bool		grouped = false;

	*unit = NULL;
	if (len <= 0)
		return false;
	if ((len == 3 && (memcmp(s, "零", 3) == 0 || memcmp(s, "〇", 3) == 0)))
	{
		num->digits = 0;
		num->scale = 0;
		num->present = true;
		return true;
	}
	/* labels, most tokens, fail here before the units are tried */
	if (!is_digit(s[0]) &&
		!((s[0] == '+' || s[0] == '-') && len > 1 && is_digit(s[1])))
		return false;
	/* every unit is Chinese: a number ending in a digit has none */
	if ((unsigned char) s[end - 1] >= 0x80)
		for (int u = 0; number_units[u].text; u++)
		{
			const char *utext = number_units[u].text;
			int			ulen = number_units[u].len;

			/* the last bytes differ first: test them before the call */
			if (end > ulen && s[end - 1] == utext[ulen - 1] &&
				memcmp(s + end - ulen, utext, ulen) == 0)
			{
				*unit = utext;
				end -= ulen;
				while (end > 0 && s[end - 1] == ' ')
					end--;
				break;
			}
		}
	if (i < end && (s[i] == '+' || s[i] == '-'))
	{
		negative = s[i] == '-';
		i++;
	}
	if (i >= end || !is_digit(s[i]))
		return false;
	if (s[i] == '0' && i + 1 < end && is_digit(s[i + 1]))
		return false;			/* leading zero: not one number */

	while (i < end && is_digit(s[i]))
	{
		if (++ndigits > 18 || !append_digit(&digits, s[i]))
			return false;
		i++;
		first_group++;
	}
	while (i < end && s[i] == ',')
	{
		/* a separator needs 1-3 digits before it, exactly three after */
		if (!grouped && first_group > 3)
			return false;
		if (i + 3 >= end || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
			!is_digit(s[i + 3]) || (i + 4 < end && is_digit(s[i + 4])))
			return false;
		grouped = true;
		/* a figure beyond 18 digits is none: refused before it overflows */
		ndigits += 3;
		if (ndigits > 18)
			return false;
		for (int k = 1; k <= 3; k++)
			if (!append_digit(&digits, s[i + k]))
				return false;
		i += 4;
	}
	if (i < end && s[i] == '.')
	{
		i++;
		if (i >= end || !is_digit(s[i]))
			return false;
		while (i < end && is_digit(s[i]))
		{
			if (++ndigits > 18 || ++scale > 6 || !append_digit(&digits, s[i]))
				return false;
			i++;
		}
	}
	if (i != end)
		return false;
	num->digits = negative ? -digits : digits;
	num->scale = (uint8_t) scale;
	num->present = true;
	return true;
}

/*
 * A change written in words, as 2019-format tables print 本年增/减:
 * "增加2" → 2, "减少3" → -3, "无变化" → 0.
 */
static bool
parse_change_words(const char *s, int len, GiarNumber *num)
{
	static const char *const up[] = {"增加了", "增加", "新增", "增", NULL};
	static const char *const down[] = {"减少了", "减少", "减", NULL};
	static const char *const none[] = {"无变化", "无增减", "不变", "持平", "没有变化", NULL};
	const char *unit;
	int			n;

	/* every word above starts with 增, 新, 减, 无, 不, 持 or 没 */
	if (len < 3)
		return false;
	switch (giar_bytes3_key(s))
	{
		case 0xE5A29E:			/* 增 */
		case 0xE696B0:			/* 新 */
		case 0xE5878F:			/* 减 */
		case 0xE697A0:			/* 无 */
		case 0xE4B88D:			/* 不 */
		case 0xE68C81:			/* 持 */
		case 0xE6B2A1:			/* 没 */
			break;
		default:
			return false;
	}
	for (int i = 0; none[i]; i++)
		if ((int) strlen(none[i]) == len && memcmp(s, none[i], len) == 0)
		{
			num->digits = 0;
			num->scale = 0;
			num->present = true;
			return true;
		}
	if ((n = giar_prefix_match(s, s + len, up)) > 0 &&
		giar_parse_number(s + n, len - n, num, &unit) && num->digits >= 0 &&
		num->scale == 0)
		return true;
	if ((n = giar_prefix_match(s, s + len, down)) > 0 &&
		giar_parse_number(s + n, len - n, num, &unit) && num->digits >= 0 &&
		num->scale == 0)
	{
		num->digits = -num->digits;
		return true;
	}
	return false;
}

/* The unit s[0, len) is, after spaces ("1582¹ 件"), or NULL. */
static const char *
unit_alone(const char *s, int len)
{
	while (len > 0 && s[0] == ' ')
	{
		s++;
		len--;
	}
	for (int u = 0; number_units[u].text; u++)
		if (number_units[u].len == len && memcmp(s, number_units[u].text, len) == 0)
			return number_units[u].text;
	return NULL;
}

/*
 * A number with a footnote mark of script characters right after its
 * digits ("1582¹", "1582⁽¹⁾", "1582¹件"; see giar_is_script_mark): read
 * without the mark.  Nothing but a unit may follow the mark.
 */
static bool
parse_number_with_mark(const char *s, int len, GiarNumber *num, const char **unit)
{
	int			mark = 0,
				mark_end;
	GiarNumber	n;
	const char *u;

	/* a number starts with a digit or a sign (giar_parse_number) */
	if (len <= 0 || !(is_digit(s[0]) || s[0] == '+' || s[0] == '-'))
		return false;
	while (mark < len && (is_digit(s[mark]) || s[mark] == ',' || s[mark] == '.' ||
						  (mark == 0 && (s[0] == '+' || s[0] == '-'))))
		mark++;
	if (mark == 0 || !is_digit(s[mark - 1]))
		return false;
	mark_end = mark;
	while (mark_end < len)
	{
		uint32_t	cp;
		int			n = giar_utf8_decode(s + mark_end, len - mark_end, &cp);

		if (!giar_is_script_mark(cp))
			break;
		mark_end += n;
	}
	if (mark_end == mark || !giar_parse_number(s, mark, &n, &u))
		return false;
	if (mark_end < len && (u = unit_alone(s + mark_end, len - mark_end)) == NULL)
		return false;
	*num = n;
	*unit = u;
	return true;
}

/*
 * Only digits (and separators), possibly with footnote marks ("144*",
 * "3※"): a run of cells, or a number that cannot be read as it stands.
 */
static bool
is_digit_run(const char *s, int len)
{
	int			digits = 0;

	/* trailing footnote marks */
	while (len > 0 && (s[len - 1] == '*' || s[len - 1] == '#'))
		len--;
	if (len >= 3 && memcmp(s + len - 3, "※", 3) == 0)
		len -= 3;
	for (int i = 0; i < len; i++)
	{
		if (is_digit(s[i]))
			digits++;
		else if (s[i] != ',' && s[i] != '.' && s[i] != ' ')
			return false;
	}
	return digits > 0;
}

/*
 * Digits with letters OCR puts for them ("2O", "l2", "1O5"): a number
 * misread from a scan.  It is no number (never guessed back), but it is a
 * cell, not a word of a label: the row's other cells keep their places.
 * A letter alone ("O", "l") is left to be text.
 */
static bool
is_misread_number(const char *s, int len)
{
	int			digits = 0,
				glyphs = 0;

	if (len > 24)
		return false;
	for (int i = 0; i < len; i++)
	{
		if (is_digit(s[i]))
			digits++;
		else if (s[i] == 'O' || s[i] == 'o' || s[i] == 'l' || s[i] == 'I')
			glyphs++;
		else if (s[i] != ',' && s[i] != '.')
			return false;
	}
	return digits > 0 && glyphs > 0;
}

/* Does the compact form keep the character (giar_compact)? */
static inline bool
compact_keeps(uint32_t cp)
{
	if (cp < 0x80)
		return is_digit((char) cp) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return giar_is_han(cp);
}

/*
 * Does the compact form of s[at, len) (giar_compact) start with word (itself
 * a compact form: Han characters, letters, digits)?  Answered without
 * making the compact form: the word's characters are matched skipping what
 * compaction drops.  s[at] must start a character.
 */
bool
giar_text_compact_starts(const char *s, int at, int len, const char *word)
{
	const char *q = s + at;
	const char *end = s + len;
	const char *w = word;

	while (*w)
	{
		int			n = giar_utf8_lead_len((unsigned char) *w);
		uint32_t	cp;

		if (q >= end)
			return false;
		if (end - q >= n && memcmp(q, w, (size_t) n) == 0)
		{
			q += n;
			w += n;
			continue;
		}
		q += giar_utf8_decode(q, (int) (end - q), &cp);
		if (compact_keeps(cp))
			return false;
	}
	return true;
}

/*
 * Han characters, ASCII letters and digits of s, normalised text (a token);
 * used to match labels (giar_text_compact_starts asks of a text what its
 * form starts with without making it: compact_keeps says for both what is
 * kept).
 * What is kept comes in runs (a label's characters between punctuation):
 * a tight loop finds the end of a run of the common characters, copied in
 * one go.
 */
const char *
giar_compact(GiarContext *cx, const char *s, int len, int *outlen)
{
	char	   *out = giar_alloc_uninit(cx, (size_t) len + 1);
	int			w = 0;
	int			i = 0;

	while (i < len)
	{
		int			run = i;
		uint32_t	cp;
		int			n;

		/* U+4E00..U+9FFF (nearly every character of a label), letters, digits */
		for (;;)
		{
			unsigned char b;

			if (i >= len)
				break;
			b = (unsigned char) s[i];
			if (b >= 0x80)
			{
				if (!giar_doc_is_cjk_unified3(s + i, (size_t) (len - i)))
					break;
				i += 3;
			}
			else if (is_digit((char) b) || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))
				i++;
			else
				break;
		}
		if (i > run)
		{
			memcpy(out + w, s + run, (size_t) (i - run));
			w += i - run;
		}
		if (i >= len)
			break;
		/* a character the loop does not know: other Han characters are kept */
		n = giar_utf8_decode(s + i, len - i, &cp);
		if (compact_keeps(cp))
		{
			memcpy(out + w, s + i, (size_t) n);
			w += n;
		}
		i += n;
	}
	out[w] = '\0';
	*outlen = w;
	return out;
}

/*
 * A line longer than this has its work counted piece by piece, between
 * interrupt checks (giar_tick_n); a shorter one as a whole.
 */
#define LONG_LINE_BYTES 65536

/* Room for need tokens, never more than GIAR_MAX_TOKENS (need is no more). */
static GIAR_NOINLINE void
grow_tokens(GiarContext *cx, GiarTokens *out, int need)
{
	int			cap = out->cap < 16 ? 16 : out->cap;
	GiarToken  *bigger;

	while (cap < need)
		cap *= 2;
	if (cap > GIAR_MAX_TOKENS)
		cap = GIAR_MAX_TOKENS;
	bigger = giar_alloc_uninit(cx, sizeof(GiarToken) * (size_t) cap);
	if (out->n > 0)
		memcpy(bigger, out->tok, sizeof(GiarToken) * (size_t) out->n);
	out->tok = bigger;
	out->cap = cap;
}

/* A new token (the caller has seen that there is room for it). */
static GiarToken *
new_token(GiarContext *cx, GiarTokens *out)
{
	GiarToken  *t;

	if (out->n == out->cap)
		grow_tokens(cx, out, out->n + 1);
	t = &out->tok[out->n++];
	memset(t, 0, sizeof(*t));
	return t;
}

static inline bool
tokens_full(const GiarTokens *out)
{
	return out->n >= GIAR_MAX_TOKENS;
}

static void
set_compact(GiarContext *cx, GiarToken *t)
{
	t->compact = giar_compact(cx, t->text, t->len, &t->compact_len);
	t->compact_bytes = giar_byte_mask(t->compact, t->compact_len);
}

/*
 * The kind of a token from its text.  Labels get their compact form once
 * they are final (finish_label): merged with their neighbours, cut where
 * they swallowed cells.
 */
static void
classify(GiarToken *t)
{
	const char *unit;

	t->flags &= ~GIAR_TOKEN_FOOTNOTE;
	if (t->len == 0)
		t->kind = GIAR_TOK_BLANK;
	else if (giar_is_na_mark(t->text, t->len))
		t->kind = GIAR_TOK_NA;
	else if (giar_parse_number(t->text, t->len, &t->num, &unit))
	{
		t->kind = GIAR_TOK_NUMBER;
		t->unit = unit;
	}
	else if (parse_number_with_mark(t->text, t->len, &t->num, &unit))
	{
		t->kind = GIAR_TOK_NUMBER;
		t->unit = unit;
		t->flags |= GIAR_TOKEN_FOOTNOTE;
	}
	else if (is_digit_run(t->text, t->len) || is_misread_number(t->text, t->len))
		t->kind = GIAR_TOK_RUN;
	else if (parse_change_words(t->text, t->len, &t->num))
		t->kind = GIAR_TOK_NUMBER;
	else
		t->kind = GIAR_TOK_LABEL;
}

static bool split_glued_label(GiarContext *cx, GiarTokens *out, int index);

/*
 * A label token as tokens end up: cut where it swallowed cells, or given
 * its compact form (which a cut token's pieces get instead).
 */
static void
finish_label(GiarContext *cx, GiarTokens *out, int index)
{
	if (!split_glued_label(cx, out, index))
		set_compact(cx, &out->tok[index]);
}

static void
trim(const char **s, int *len)
{
	while (*len > 0 && (*s)[0] == ' ')
	{
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && (*s)[*len - 1] == ' ')
		(*len)--;
}

/* One token for a whole delimited cell. */
static void
add_cell(GiarContext *cx, GiarTokens *out, const char *s, int len, int line,
		 unsigned flags)
{
	GiarToken  *t;

	trim(&s, &len);
	t = new_token(cx, out);
	t->text = s;
	t->len = len;
	t->line = line;
	t->flags = flags | GIAR_TOKEN_DELIMITED;
	classify(t);
	if (t->kind == GIAR_TOK_LABEL)
		finish_label(cx, out, out->n - 1);
}

/* Values in a row that stand apart from the labels around them, at least. */
#define MIN_CELLS_APART 3
/* Stretches of a line merged apart at most; the rest is merged as one. */
#define MAX_LINE_STRETCHES 256

/*
 * Split a line without cell delimiters at spaces.  Adjacent text chunks
 * form one label ("商业 企业"); a number followed on the same line by text
 * belongs to that text ("1 属于国家秘密"), because in a table row values
 * come after the label.
 */
static void
add_chunks(GiarContext *cx, GiarTokens *out, const char *s, int len, int line)
{
	int			first = out->n;
	int			i = 0;

	while (i < len)
	{
		int			start;
		GiarToken  *t;

		while (i < len && s[i] == ' ')
			i++;
		if (i >= len || tokens_full(out))
			break;
		start = i;
		{
			/* prose lines run long without a space: memchr, not a loop */
			const char *space = giar_memchr(s + i, ' ', (size_t) (len - i));

			i = space ? (int) (space - s) : len;
		}
		t = new_token(cx, out);
		t->text = s + start;
		t->len = i - start;
		t->line = line;
		/* compact forms are made for the final labels only (finish_label) */
		classify(t);
		if (len > LONG_LINE_BYTES)
			giar_tick_n(cx, (size_t) (i - start) + 16);
	}

	/*
	 * Merge: every token up to the last label becomes label.  Three values
	 * in a row or more are cells, not words of a label ("1 属于…", "2024
	 * 年"): they stand between labels only where the text lost its line
	 * breaks, or was drawn labels apart from numbers ("…机构 15 1 0 0 0 0
	 * 16 三、本年度办理结果 …"), and each side is merged apart.
	 */
	{
		/* the stretches to merge, found on the chunks as cut at spaces */
		int			seg_from[MAX_LINE_STRETCHES];
		int			seg_last[MAX_LINE_STRETCHES];
		int			nsegs = 0;
		int			from = first;
		int			last_label = -1;
		int			values = 0;

		if (out->n > first)
			out->tok[first].flags |= GIAR_TOKEN_LINE_START;
		for (int k = first; k < out->n; k++)
		{
			if (out->tok[k].kind != GIAR_TOK_LABEL)
			{
				values++;
				continue;
			}
			if (values >= MIN_CELLS_APART && last_label >= from &&
				nsegs < MAX_LINE_STRETCHES - 1)
			{
				seg_from[nsegs] = from;
				seg_last[nsegs++] = last_label;
				from = k;
			}
			last_label = k;
			values = 0;
		}
		if (last_label >= from)
		{
			seg_from[nsegs] = from;
			seg_last[nsegs++] = last_label;
		}

		/*
		 * From the last stretch back: merging one and cutting its label
		 * where it swallowed cells moves only the tokens after it.
		 */
		for (int g = nsegs - 1; g >= 0; g--)
		{
			int			at = seg_from[g];
			int			last = seg_last[g];

			if (last > at)
			{
				GiarToken  *merged = &out->tok[at];
				const char *end = out->tok[last].text + out->tok[last].len;
				int			kept = last + 1;

				merged->kind = GIAR_TOK_LABEL;
				merged->len = (int) (end - merged->text);
				merged->unit = NULL;
				memmove(&out->tok[at + 1], &out->tok[kept],
						sizeof(GiarToken) * (size_t) (out->n - kept));
				out->n -= kept - (at + 1);
			}
			if (out->tok[at].kind == GIAR_TOK_LABEL)
				finish_label(cx, out, at);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Cells run into their labels                                         */
/* ------------------------------------------------------------------ */

/*
 * Characters that follow a number inside ordinary text ("2023年", "12件",
 * "第3项"): digits before them belong to the text, not to a table cell.
 */
static const char *const text_after_number[] = {
	"年", "月", "日", "号", "元", "件", "项", "次", "个", "人", "条", "万",
	"余", "多", "名", "家", "期", "批", "份", "版", "类", "度", "时", "分",
	"秒", "季", "届", "%", "％", "倍", "天", "周", "岁", "千", "百", "亿",
	NULL
};

/*
 * Does s start with one of text_after_number?  Asked at every digit run of
 * every label: the words are one character each (three bytes but "%"),
 * looked up by their bytes in a table made once, by giar_tokens_prepare or
 * on first use.
 */
#define NTEXT_AFTER_NUMBER (sizeof(text_after_number) / sizeof(text_after_number[0]) - 1)

static bool
follows_number_in_text(const char *s, int len)
{
	static uint32_t keys[NTEXT_AFTER_NUMBER];
	static int	nkeys;
	uint32_t	key;

	if (nkeys == 0)
	{
		int			n = 0;

		for (size_t u = 0; u < NTEXT_AFTER_NUMBER; u++)
			if (strlen(text_after_number[u]) == 3)
				keys[n++] = giar_bytes3_key(text_after_number[u]);
		nkeys = n;
	}
	if (len >= 1 && s[0] == '%')
		return true;
	if (len < 3 || (unsigned char) s[0] < 0xE0)
		return false;
	key = giar_bytes3_key(s);
	for (int k = 0; k < nkeys; k++)
		if (keys[k] == key)
			return true;
	return false;
}

/* Build the tokeniser's tables now rather than on first need (giar_prepare). */
void
giar_tokens_prepare(void)
{
	(void) follows_number_in_text("", 0);
}

/* Characters after which digits may be a row's cells: text, not numbers. */
static bool
ends_label_text(const char *s, int at)
{
	uint32_t	cp = 0;
	int			k = at;

	if (at <= 0)
		return false;
	/* step back to the start of the previous UTF-8 character */
	k--;
	while (k > 0 && ((unsigned char) s[k] & 0xC0) == 0x80)
		k--;
	giar_utf8_decode(s + k, at - k, &cp);
	if (cp == 0x7B2C)			/* 第: an ordinal ("第20条") */
		return false;
	return giar_is_han(cp) || cp == ')' || cp == 0xFF09 || cp == 0x3011 ||
		cp == 0x300D || cp == 0x201D || cp == '"' || cp == 0x3001;
}

/* An item number "2." or "2、" before text starts at s[at]. */
static bool
item_number_at(const char *s, int at, int len)
{
	uint32_t	cp = 0;

	if (at + 1 >= len || !is_digit(s[at]))
		return false;
	if (s[at + 1] == '.')
	{
		if (at + 2 >= len)
			return false;
		giar_utf8_decode(s + at + 2, len - at - 2, &cp);
		return giar_is_han(cp);
	}
	return len - at >= 4 && memcmp(s + at + 1, "、", 3) == 0;
}

/* Does s[at, len) start a label (text that is not a unit of the number)? */
static bool
starts_label_text(const char *s, int at, int len)
{
	uint32_t	cp = 0;

	if (at >= len)
		return true;			/* the end of the token */
	if (item_number_at(s, at, len))
		return true;			/* the next row's "2.其他…" */
	if (follows_number_in_text(s + at, len - at))
		return false;
	giar_utf8_decode(s + at, len - at, &cp);
	return giar_is_han(cp) || cp == '(' || cp == 0xFF08 || cp == 0x3010 ||
		cp == 0x201C;
}

static void
add_piece(GiarContext *cx, GiarToken *pieces, int *n, const GiarToken *from,
		  int a, int b, bool label)
{
	GiarToken  *t = &pieces[(*n)++];

	memset(t, 0, sizeof(*t));
	t->text = from->text + a;
	t->len = b - a;
	t->line = from->line;
	t->flags = *n == 1 ? from->flags : (from->flags & ~GIAR_TOKEN_LINE_START);
	if (label)
	{
		t->kind = GIAR_TOK_LABEL;
		set_compact(cx, t);
	}
	else
	{
		classify(t);
		t->flags |= GIAR_TOKEN_GLUED;
	}
}

/*
 * A label that swallowed the cells after it: a crawler dropped the cell
 * boundaries of a row ("规章000", "一、本年新收政府信息公开申请数量328251073364",
 * "行政许可1582行政处罚37行政强制0"), or of several ("…30000002.其他法律行政法规
 * 禁止公开…", where the 2 is the next row's item number).  Cut the label
 * token at every digit run that sits between text and text (or the end),
 * so that the table fitters see label, value, label, value.  Digits that
 * are part of ordinary text stay: after 第, before 年/件/…, inside Latin
 * words and codes, and item numbers ("1.", "2、").
 */
static bool
split_glued_label(GiarContext *cx, GiarTokens *out, int index)
{
	GiarToken	orig = out->tok[index];
	const char *s = orig.text;
	int			len = orig.len;
	GiarToken  *pieces = NULL;
	int			npieces = 0;
	/* the pieces replace the token: as many as GIAR_MAX_TOKENS leaves room for */
	int			room = GIAR_MAX_TOKENS - out->n + 1;
	int			label_from = 0;
	int			i = 0;
	int			read = 0;		/* the bytes read so far, for giar_tick_n */

	/* a cut adds two pieces at most, and the label after the last one */
	while (npieces + 3 <= room && (i = giar_first_digit(s, i, len)) < len)
	{
		int			a,
					b;

		if (len > LONG_LINE_BYTES)
		{
			giar_tick_n(cx, (size_t) (i - read) + 16);
			read = i;
		}
		a = i;
		/* a stray space inside the run ("127210 043155") is no boundary */
		while (i < len && (is_digit(s[i]) ||
						   (s[i] == ' ' && i + 1 < len && is_digit(s[i + 1]) && i > a)))
			i++;
		/* an amount with decimals run into its label ("收费4862.17") */
		if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1]) &&
			!item_number_at(s, i - 1, len))
		{
			i++;
			while (i < len && is_digit(s[i]))
				i++;
		}
		b = i;
		if (a > 0 && !ends_label_text(s, a))
			continue;
		/* the last digit may be the next row's item number */
		if (b < len && item_number_at(s, b - 1, len))
			b--;
		if (b <= a || !starts_label_text(s, b, len))
			continue;
		if (a == 0 && b - a < 2)
			continue;			/* "1属于…": an item number without its dot */
		if (pieces == NULL)
		{
			/* each run of digits gives at most a label before it and a value */
			int			runs = 0;
			int			most;

			for (int k = 0; k < len; k++)
				if (is_digit(s[k]) && (k == 0 || !is_digit(s[k - 1])))
					runs++;
			most = 2 * runs + 1 < room ? 2 * runs + 1 : room;
			if (out->pieces_cap < most)
			{
				out->pieces_cap = out->pieces_cap * 2 > most ? out->pieces_cap * 2 : most;
				out->pieces = giar_alloc_uninit(cx, sizeof(GiarToken) *
												(size_t) out->pieces_cap);
			}
			pieces = out->pieces;
		}
		if (a > label_from)
			add_piece(cx, pieces, &npieces, &orig, label_from, a, true);
		add_piece(cx, pieces, &npieces, &orig, a, b, false);
		label_from = b;
		i = b;
	}
	if (npieces == 0)
		return false;
	if (label_from < len)
		add_piece(cx, pieces, &npieces, &orig, label_from, len, true);
	/* replace the token by its pieces */
	if (out->cap < out->n + npieces - 1)
		grow_tokens(cx, out, out->n + npieces - 1);
	memmove(&out->tok[index + npieces], &out->tok[index + 1],
			sizeof(GiarToken) * (size_t) (out->n - index - 1));
	memcpy(&out->tok[index], pieces, sizeof(GiarToken) * (size_t) npieces);
	out->n += npieces - 1;
	return true;
}

/*
 * Is s[0, len) a rule of a box table, lines and joints only ("├───┼──┤"),
 * spaces aside?  Such a cell is what is left of a rule when a text browser's
 * table lost its line breaks.
 */
static bool
box_rule_text(const char *s, int len)
{
	int			rule = 0;

	for (int i = 0; i < len;)
	{
		if (s[i] == ' ')
		{
			i++;
			continue;
		}
		/* U+2500..U+257F: E2 94 80 .. E2 95 BF */
		if (i + 2 < len && (unsigned char) s[i] == 0xE2 &&
			((unsigned char) s[i + 1] == 0x94 || (unsigned char) s[i + 1] == 0x95))
		{
			rule++;
			i += 3;
			continue;
		}
		return false;
	}
	return rule >= 3;
}

static void
add_pipe_row(GiarContext *cx, GiarTokens *out, const GiarLine *l, int line)
{
	const char *s = l->text;
	int			len = l->len;
	int			first = out->n;
	const char *p;
	const char *end;
	bool		exact = (l->flags & GIAR_LINE_TABLE_ROW) != 0;

	trim(&s, &len);
	end = s + len;
	if (!exact)
	{
		if (len == 1)
		{
			/* a lone "|": one blank cell (one cell per line layouts) */
			if (tokens_full(out))
				return;
			add_cell(cx, out, s, 0, line, 0);
			out->tok[first].flags |= GIAR_TOKEN_LINE_START;
			return;
		}
		if (s[0] == '|')
			s++;
		if (end > s && end[-1] == '|')
			end--;
	}
	p = s;
	while (!tokens_full(out))
	{
		const char *bar = giar_memchr(p, '|', (size_t) (end - p));
		const char *cell_end = bar ? bar : end;

		/* a box table's rule run into the row ("├───┼───┤"): no cell */
		if (!box_rule_text(p, (int) (cell_end - p)))
			add_cell(cx, out, p, (int) (cell_end - p), line, 0);
		if (len > LONG_LINE_BYTES)
			giar_tick_n(cx, (size_t) (cell_end - p) + 16);
		if (!bar)
			break;
		p = bar + 1;
	}
	if (out->n > first)
		out->tok[first].flags |= GIAR_TOKEN_LINE_START;
}

/*
 * Append the tokens of lines [from, to), as many as there is room for,
 * and note where each line's tokens start (line_first, if given).  Returns
 * the line it stopped at.  The work is counted by the line, and on a long
 * one cell by cell.
 */
static int
tokenize_lines(GiarContext *cx, const GiarDoc *doc, int from, int to,
			   GiarTokens *out, int *line_first)
{
	int			l;

	for (l = from; l < to && !tokens_full(out); l++)
	{
		const GiarLine *line = &doc->lines[l];

		if (line_first)
			line_first[l] = out->n;
		giar_tick_n(cx, (size_t) line->len + 16);
		if (line->len == 0 ||
			(line->flags & (GIAR_LINE_FOOTER | GIAR_LINE_SEPARATOR)))
			continue;
		if ((line->flags & GIAR_LINE_TABLE_ROW) || giar_memchr(line->text, '|', (size_t) line->len))
			add_pipe_row(cx, out, line, l);
		else
			add_chunks(cx, out, line->text, line->len, l);
	}
	return l;
}

/*
 * Tokens of lines [from, to); the lines outside have none (their
 * line_first is that of the range's nearest end), nor have the lines
 * past GIAR_MAX_TOKENS.
 */
void
giar_tokenize(GiarContext *cx, const GiarDoc *doc, int from, int to,
			  GiarTokens *out)
{
	memset(out, 0, sizeof(*out));
	/* written for every line below, and for the end */
	out->line_first = giar_alloc_uninit(cx, sizeof(int) * (size_t) (doc->nlines + 1));
	{
		/* about a token per 8 bytes of the lines read: few regrowths */
		size_t		bytes = 0;

		for (int l = from; l < to && l < doc->nlines; l++)
			bytes += (size_t) doc->lines[l].len;
		out->cap = (int) (bytes / 8 < GIAR_MAX_TOKENS - 16 ?
						  bytes / 8 + 16 : GIAR_MAX_TOKENS);
		out->tok = giar_alloc_uninit(cx, sizeof(GiarToken) * (size_t) out->cap);
	}
	{
		int			l = 0;
		int			last = to < doc->nlines ? to : doc->nlines;

		for (; l < from && l < last; l++)
			out->line_first[l] = 0;
		for (l = tokenize_lines(cx, doc, l, last, out, out->line_first);
			 l <= doc->nlines; l++)
			out->line_first[l] = out->n;
	}
}

void
giar_tokenize_line(GiarContext *cx, const GiarDoc *doc, int l,
				   GiarTokens *tokens)
{
	tokens->n = 0;
	tokens->line_first = NULL;
	tokenize_lines(cx, doc, l, l + 1, tokens, NULL);
}

/* ------------------------------------------------------------------ */
/* For cutting lines (segment.c)                                       */
/* ------------------------------------------------------------------ */

/* Does s start with what follows a number in ordinary text ("年", "件")? */
bool
giar_follows_number_in_text(const char *s, int len)
{
	return follows_number_in_text(s, len);
}

/* Bytes of the unit a number cell may print that s starts with, or 0. */
int
giar_number_unit_at(const char *s, int len)
{
	for (int u = 0; number_units[u].text; u++)
		if (len >= number_units[u].len &&
			memcmp(s, number_units[u].text, (size_t) number_units[u].len) == 0)
			return number_units[u].len;
	return 0;
}

/* Is the cell text s[0, len) a value (a number, an NA mark, digits), no label? */
bool
giar_cell_is_value(const char *s, int len)
{
	GiarToken	t;

	memset(&t, 0, sizeof(t));
	t.text = s;
	t.len = len;
	classify(&t);
	return t.kind != GIAR_TOK_LABEL;
}
