/*
 * icu.c
 *		The core's use of ICU: NFKC normalisation, Traditional-to-Simplified
 *		transliteration, character properties and UTF-8 coding.
 *
 * ICU objects are opened once per process and kept: the NFKC instance is an
 * ICU-owned singleton, and the Hant-Hans transliterator (about 16 ms to open)
 * is opened on first need.  Lookup tables derived from them (which BMP code
 * points NFKC leaves alone, which a Hant-Hans conversion changes) are built
 * once as bitmaps so that the per-character checks of the hot loop cost a
 * bit test instead of an ICU call, and the transliterator's rules are read
 * once into a lookup table (about 450 KB per process; see HantRule).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uset.h>
#include <unicode/uversion.h>

#include "text.h"

#define BMP_BITS (0x10000 / 8)

static const UNormalizer2 *nfkc;
static uint8_t *nfkc_inert_bits;	/* BMP code points NFKC never changes */
static uint8_t *nfkc_stable_bits;	/* ... and those it leaves alone when
									 * no mark follows (giar_nfkc_stable) */
static uint8_t *nfkc_boundary_bits;	/* BMP code points with a boundary
									 * before them */
static bool nfkc_failed;

static UTransliterator *hant_hans;
static uint8_t *traditional_bits;	/* BMP code points Hant-Hans changes */
static uint8_t *hant_source_bits;	/* BMP code points its rules may touch */

/*
 * Hant-Hans as a table of its own rules.  ICU's rule-based transliterator
 * converts about 10 MB/s, which makes traditional-script reports fifty
 * times slower to parse than any other layout (bench/core); its rules are
 * all plain "key > value;" replacements, which a lookup by first character
 * applies in one pass.  The table is read from the transliterator itself
 * (utrans_toRules) and used only if every rule has that plain form and the
 * table converts every rule's key, alone and doubled, exactly as ICU does;
 * otherwise ICU converts.
 */
typedef struct HantRule
{
	int32_t		key;			/* offset of the key in hant_units */
	int32_t		key_len;
	int32_t		value;
	int32_t		value_len;
	int32_t		order;			/* position in ICU's rule list */
	int32_t		key8;			/* the key and value in UTF-8, in hant_bytes */
	int32_t		key8_len;
	int32_t		value8;
	int32_t		value8_len;
} HantRule;

static char *hant_bytes;		/* the keys and values in UTF-8 */
static UChar *hant_units;		/* the keys and values */
static HantRule *hant_rules;	/* by first unit, longer keys first */
static int32_t *hant_first;		/* per BMP unit: its first rule, or -1 */
static uint64_t *hant_group_next;	/* per group's first rule: bit (c & 63)
									 * of the last byte c of every longer
									 * key's second character (all bits if
									 * one is not three bytes) */
static int32_t *hant_group_single;	/* per group's first rule: its first
									 * one-character rule, or -1 */
static uint8_t *hant_keyed;		/* per BMP unit, a bit: a rule's key starts
								 * with it (hant_first[cp] >= 0), in 8 KB
								 * that stay in cache where hant_first and
								 * hant_single (384 KB) do not */
static uint16_t *hant_single;	/* per BMP unit: the one character it
								 * becomes when its only rule is that (both
								 * three bytes in UTF-8), else 0 */
static bool hant_table_tried;

#define HANT_MAX_KEY 32
static bool hant_hans_failed;

static inline bool
bit_test(const uint8_t *bits, uint32_t cp)
{
	return (bits[cp >> 3] >> (cp & 7)) & 1;
}

static bool
nfkc_ready(void)
{
	UErrorCode status = U_ZERO_ERROR;
	uint8_t    *bits;
	uint8_t    *stable;
	uint8_t    *boundary;

	if (nfkc_inert_bits)
		return true;
	if (nfkc_failed)
		return false;
	nfkc = unorm2_getNFKCInstance(&status);
	bits = calloc(BMP_BITS, 1);
	stable = calloc(BMP_BITS, 1);
	boundary = calloc(BMP_BITS, 1);
	if (U_FAILURE(status) || bits == NULL || stable == NULL || boundary == NULL)
	{
		free(bits);
		free(stable);
		free(boundary);
		nfkc_failed = true;
		return false;
	}
	for (uint32_t cp = 0; cp < 0x10000; cp++)
	{
		UChar		unit = (UChar) cp;

		status = U_ZERO_ERROR;
		if (unorm2_hasBoundaryBefore(nfkc, (UChar32) cp))
			boundary[cp >> 3] |= (uint8_t) (1 << (cp & 7));
		if (unorm2_isInert(nfkc, (UChar32) cp))
			bits[cp >> 3] |= (uint8_t) (1 << (cp & 7));
		else if (!U16_IS_SURROGATE(unit) &&
				 unorm2_hasBoundaryBefore(nfkc, (UChar32) cp) &&
				 unorm2_isNormalized(nfkc, &unit, 1, &status) && U_SUCCESS(status))
			stable[cp >> 3] |= (uint8_t) (1 << (cp & 7));
	}
	nfkc_stable_bits = stable;
	nfkc_boundary_bits = boundary;
	nfkc_inert_bits = bits;
	return true;
}

/* True when NFKC leaves cp unchanged whatever surrounds it. */
bool
giar_nfkc_inert(uint32_t cp)
{
	if (cp < 0x80)
		return true;
	if (!nfkc_ready())
		return true;			/* no normaliser: leave text as it is */
	if (cp >= 0x10000)
		return false;
	return bit_test(nfkc_inert_bits, cp);
}

/*
 * True when NFKC leaves cp unchanged as long as the character after it has a
 * boundary before it (giar_nfkc_boundary_before): cp is normalised on its
 * own and interacts with nothing before it, so with a boundary on each side
 * it normalises alone, to itself.  Pinyin's tone-marked letters (ā ǎ ü) are
 * such; a combining mark after one would compose with it.
 */
bool
giar_nfkc_stable(uint32_t cp)
{
	if (cp >= 0x10000 || !nfkc_ready())
		return false;
	return bit_test(nfkc_stable_bits, cp);
}

/*
 * Does NFKC have a boundary before cp: can no character before it combine
 * with it?  (Combining marks and the like return false.)
 */
bool
giar_nfkc_boundary_before(uint32_t cp)
{
	if (cp < 0x80)
		return true;
	if (!nfkc_ready())
		return true;
	if (cp < 0x10000)
		return bit_test(nfkc_boundary_bits, cp);
	return unorm2_hasBoundaryBefore(nfkc, (UChar32) cp);
}

/*
 * Normalise a run of code points (none of them inert) with NFKC and append
 * the UTF-8 result to *buf.  Runs are bounded by inert characters, which
 * have normalisation boundaries on both sides, so normalising the run alone
 * gives the same result as normalising the whole text.
 */
bool
giar_nfkc_append(GiarContext *cx, const uint32_t *cps, int n,
				 char **buf, size_t *len, size_t *cap)
{
	/*
	 * Room on the stack for the normaliser's runs (256 code points) and
	 * what NFKC makes of them (18 code units a code point at most): memory
	 * taken for each run would add up to many times the text.
	 */
	UChar		small_src[512];
	UChar		small_dst[512 * 9];
	UChar	   *src = small_src;
	UChar	   *dst = small_dst;
	int32_t		srclen = 0;
	int32_t		dstcap = 512 * 9;
	int32_t		dstlen;
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		utf8len;

	if (!nfkc_ready())
		return false;
	if (n * 2 > 512)
		src = giar_alloc(cx, sizeof(UChar) * (size_t) n * 2);
	for (int i = 0; i < n; i++)
		U16_APPEND_UNSAFE(src, srclen, cps[i]);
	/* NFKC expands by at most 18x per code unit; try small first */
	dstlen = unorm2_normalize(nfkc, src, srclen, dst, dstcap, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR)
	{
		dstcap = dstlen + 1;
		dst = giar_alloc(cx, sizeof(UChar) * (size_t) dstcap);
		status = U_ZERO_ERROR;
		dstlen = unorm2_normalize(nfkc, src, srclen, dst, dstcap, &status);
	}
	if (U_FAILURE(status))
		return false;

	status = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &utf8len, dst, dstlen, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return false;
	if (*len + (size_t) utf8len + 1 > *cap)
	{
		size_t		newcap = (*cap + (size_t) utf8len + 1) * 2;
		char	   *bigger = giar_alloc(cx, newcap);

		if (*len)
			memcpy(bigger, *buf, *len);
		*buf = bigger;
		*cap = newcap;
	}
	status = U_ZERO_ERROR;
	u_strToUTF8(*buf + *len, (int32_t) (*cap - *len), &utf8len, dst, dstlen,
				&status);
	if (U_FAILURE(status))
		return false;
	*len += (size_t) utf8len;
	return true;
}

static bool
hant_hans_ready(void)
{
	UErrorCode	status = U_ZERO_ERROR;
	USet	   *source;
	uint8_t    *bits;
	int32_t		items;

	if (traditional_bits)
		return true;
	if (hant_hans_failed)
		return false;
	hant_hans = utrans_openU(u"Hant-Hans", -1, UTRANS_FORWARD, NULL, 0, NULL,
							 &status);
	if (U_FAILURE(status))
	{
		hant_hans_failed = true;
		return false;
	}

	/*
	 * Mark the characters that the transliterator changes when they stand
	 * alone: these are the ones that tell traditional text from simplified.
	 */
	bits = calloc(BMP_BITS, 1);
	hant_source_bits = calloc(BMP_BITS, 1);
	source = uset_openEmpty();
	if (bits == NULL || hant_source_bits == NULL || source == NULL)
	{
		free(bits);
		free(hant_source_bits);
		hant_source_bits = NULL;
		if (source)
			uset_close(source);
		hant_hans_failed = true;
		return false;
	}
	utrans_getSourceSet(hant_hans, false, source, &status);
	items = U_SUCCESS(status) ? uset_getItemCount(source) : 0;
	for (int32_t i = 0; i < items; i++)
	{
		UChar32		lo,
					hi;
		UErrorCode	st = U_ZERO_ERROR;

		UChar		str[64];
		int32_t		slen = uset_getItem(source, i, &lo, &hi, str, 64, &st);

		if (slen != 0)
		{
			/* a string item: its characters may be touched */
			if (U_FAILURE(st) || slen > 64)
				memset(hant_source_bits, 0xFF, BMP_BITS);	/* unread: all */
			else
				for (int32_t k = 0; k < slen; k++)
					hant_source_bits[str[k] >> 3] |= (uint8_t) (1 << (str[k] & 7));
			continue;
		}
		for (UChar32 c = lo; c <= hi && c < 0x10000; c++)
		{
			UChar		one[4];
			int32_t		onelen = 1;
			int32_t		limit = 1;

			hant_source_bits[c >> 3] |= (uint8_t) (1 << (c & 7));
			one[0] = (UChar) c;
			st = U_ZERO_ERROR;
			utrans_transUChars(hant_hans, one, &onelen, 4, 0, &limit, &st);
			if (U_SUCCESS(st) && (onelen != 1 || one[0] != (UChar) c))
				bits[c >> 3] |= (uint8_t) (1 << (c & 7));
		}
	}
	uset_close(source);
	traditional_bits = bits;
	return true;
}

/*
 * The BMP bitmap of characters that Traditional-to-Simplified conversion
 * changes (bit cp of byte cp >> 3), or NULL when ICU lacks the transform;
 * for loops over whole documents.
 */
const uint8_t *
giar_traditional_bitmap(void)
{
	return hant_hans_ready() ? traditional_bits : NULL;
}

/* True for a character that Traditional-to-Simplified conversion changes. */
bool
giar_is_traditional_only(uint32_t cp)
{
	if (cp < 0x3400 || cp >= 0x10000)
		return false;
	if (!hant_hans_ready())
		return false;
	return bit_test(traditional_bits, cp);
}

/*
 * Can Traditional-to-Simplified conversion change this text?  Not when it
 * holds no character of the transliterator's source set (the characters
 * its rules may modify): most table rows.  ICU's rule matching costs far
 * more than this test.
 */
bool
giar_hant_may_change(const char *s, int len)
{
	if (!hant_hans_ready())
		return false;
	for (int i = 0; i < len;)
	{
		uint32_t	cp;

		if ((unsigned char) s[i] < 0x80)
		{
			i++;
			continue;
		}
		i += giar_utf8_decode(s + i, len - i, &cp);
		if (cp >= 0x10000 || ((hant_source_bits[cp >> 3] >> (cp & 7)) & 1))
			return true;
	}
	return false;
}

static int
compare_hant_rules(const void *a, const void *b)
{
	const HantRule *x = a;
	const HantRule *y = b;

	if (hant_units[x->key] != hant_units[y->key])
		return hant_units[x->key] < hant_units[y->key] ? -1 : 1;
	if (x->key_len != y->key_len)
		return x->key_len > y->key_len ? -1 : 1;	/* longer first */
	return x->order < y->order ? -1 : (x->order > y->order);
}

/* UTF-8 of BMP units that are no surrogates; returns the bytes written. */
static int32_t
units_to_utf8(const UChar *u, int32_t n, char *out)
{
	int32_t		w = 0;

	for (int32_t i = 0; i < n; i++)
		w += giar_utf8_encode(u[i], out + w);
	return w;
}

/*
 * The rule table applied to UTF-8 text directly, as hant_apply_table
 * applies it to the same text in UTF-16: keys are whole characters, so
 * comparing their bytes compares their units.  Returns the output length,
 * or -1 for text it leaves to the UTF-16 path (characters beyond the BMP,
 * ill-formed bytes, output beyond cap).
 */
static inline void
add_char_low12(uint64_t *chars3, uint32_t cp)
{
	if (chars3 && cp >= 0x3000 && cp <= 0xFFFF)
		chars3[(cp & 0xFFF) >> 6] |= UINT64_C(1) << (cp & 63);
}

static int32_t
hant_apply_table_utf8(const char *in, int32_t n, char *out, int32_t cap,
					  uint64_t *chars3)
{
	int32_t		w = 0;

	for (int32_t i = 0; i < n;)
	{
		const unsigned char *u = (const unsigned char *) in + i;
		uint32_t	cp;
		int32_t		clen;
		int32_t		r;
		bool		matched = false;

		if (u[0] < 0x80)
		{
			/* no key starts with ASCII */
			if (w + 1 > cap)
				return -1;
			out[w++] = in[i++];
			continue;
		}
		if (u[0] >= 0xE1 && u[0] <= 0xEF && u[0] != 0xED && n - i >= 3 &&
			(u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80)
		{
			cp = ((uint32_t) (u[0] & 0x0F) << 12) | ((uint32_t) (u[1] & 0x3F) << 6) |
				(u[2] & 0x3F);
			clen = 3;
			if (!bit_test(hant_keyed, cp))
			{
				/* no rule starts with it: copied */
				if (w + 3 > cap)
					return -1;
				out[w] = in[i];
				out[w + 1] = in[i + 1];
				out[w + 2] = in[i + 2];
				w += 3;
				i += 3;
				continue;
			}
			if (hant_single[cp])
			{
				/* one character for one, most of what converts */
				uint32_t	v = hant_single[cp];

				if (w + 3 > cap)
					return -1;
				out[w] = (char) (0xE0 | (v >> 12));
				out[w + 1] = (char) (0x80 | ((v >> 6) & 0x3F));
				out[w + 2] = (char) (0x80 | (v & 0x3F));
				add_char_low12(chars3, v);
				w += 3;
				i += 3;
				continue;
			}
		}
		else if (u[0] >= 0xC2 && u[0] <= 0xDF && n - i >= 2 && (u[1] & 0xC0) == 0x80)
		{
			cp = ((uint32_t) (u[0] & 0x1F) << 6) | (u[1] & 0x3F);
			clen = 2;
		}
		else
			return -1;			/* E0, ED, four bytes, ill-formed: UTF-16 path */
		r = hant_first[cp];
		/*
		 * No longer key of the group can match unless the next character
		 * is three bytes with a bit of the group's mask: then the first
		 * one-character rule is the one.
		 */
		if (r >= 0 && hant_group_next[r] != ~UINT64_C(0) &&
			!(n - i - clen >= 3 && ((unsigned char) in[i + clen] & 0xF0) == 0xE0 &&
			  (hant_group_next[r] >> ((unsigned char) in[i + clen + 2] & 0x3F)) & 1))
			r = hant_group_single[r];
		for (; r >= 0; r++)
		{
			const HantRule *rule = &hant_rules[r];

			if (hant_units[rule->key] != cp)
				break;
			/* the key's first character is cp: compare what follows it */
			if (rule->key8_len <= n - i &&
				(rule->key8_len == clen ||
				 ((rule->key8_len - clen < 3 ||
				   giar_bytes3_key(in + i + clen) ==
				   giar_bytes3_key(hant_bytes + rule->key8 + clen)) &&
				  memcmp(in + i + clen, hant_bytes + rule->key8 + clen,
						 (size_t) (rule->key8_len - clen)) == 0)))
			{
				if (w + rule->value8_len > cap)
					return -1;
				/* values are a character or a few: copied inline */
				for (int k = 0; k < rule->value8_len; k++)
					out[w + k] = hant_bytes[rule->value8 + k];
				if (chars3)
					giar_chars_add(chars3, out + w, (size_t) rule->value8_len);
				w += rule->value8_len;
				i += rule->key8_len;
				matched = true;
				break;
			}
		}
		if (!matched)
		{
			if (w + clen > cap)
				return -1;
			out[w] = in[i];
			out[w + 1] = in[i + 1];
			if (clen == 3)
				out[w + 2] = in[i + 2];
			w += clen;
			i += clen;
		}
	}
	return w;
}

/*
 * Apply the rule table to in[0..n): at each position the longest key that
 * matches (ICU refuses rule lists in which a shorter key would hide a
 * longer one, so its first match is the longest).  Returns the output
 * length, or -1 when it would exceed cap.
 */
static int32_t
hant_apply_table(const UChar *in, int32_t n, UChar *out, int32_t cap)
{
	int32_t		w = 0;

	for (int32_t i = 0; i < n;)
	{
		int32_t		r = hant_first[in[i]];
		bool		matched = false;

		for (; r >= 0; r++)
		{
			const HantRule *rule = &hant_rules[r];

			if (hant_units[rule->key] != in[i])
				break;
			if (rule->key_len <= n - i &&
				memcmp(in + i, hant_units + rule->key,
					   sizeof(UChar) * (size_t) rule->key_len) == 0)
			{
				if (w + rule->value_len > cap)
					return -1;
				memcpy(out + w, hant_units + rule->value,
					   sizeof(UChar) * (size_t) rule->value_len);
				w += rule->value_len;
				i += rule->key_len;
				matched = true;
				break;
			}
		}
		if (!matched)
		{
			if (w + 1 > cap)
				return -1;
			out[w++] = in[i++];
		}
	}
	return w;
}

/* Does the table convert text as ICU does? */
static bool
hant_table_agrees(const UChar *text, int32_t n)
{
	UChar		icu[4 * HANT_MAX_KEY + 16];
	UChar		mine[4 * HANT_MAX_KEY + 16];
	int32_t		len = n;
	int32_t		limit = n;
	int32_t		mlen;
	UErrorCode	st = U_ZERO_ERROR;

	if (n > 2 * HANT_MAX_KEY)
		return false;
	memcpy(icu, text, sizeof(UChar) * (size_t) n);
	utrans_transUChars(hant_hans, icu, &len, (int32_t) (sizeof(icu) / sizeof(UChar)), 0,
					   &limit, &st);
	mlen = hant_apply_table(text, n, mine, (int32_t) (sizeof(mine) / sizeof(UChar)));
	return U_SUCCESS(st) && mlen == len &&
		memcmp(icu, mine, sizeof(UChar) * (size_t) len) == 0;
}

static void
hant_table_free(void)
{
	free(hant_bytes);
	hant_bytes = NULL;
	free(hant_units);
	free(hant_rules);
	free(hant_first);
	free(hant_single);
	hant_single = NULL;
	free(hant_keyed);
	hant_keyed = NULL;
	free(hant_group_next);
	hant_group_next = NULL;
	free(hant_group_single);
	hant_group_single = NULL;
	hant_units = NULL;
	hant_rules = NULL;
	hant_first = NULL;
}

/* Read the transliterator's rules into the table; false leaves it unused. */
static bool
hant_table_build(void)
{
	UErrorCode	st = U_ZERO_ERROR;
	int32_t		n = utrans_toRules(hant_hans, false, NULL, 0, &st);
	UChar	   *rules;
	int32_t		nrules = 0,
				cap = 0,
				total = n;

	if (st != U_BUFFER_OVERFLOW_ERROR || n <= 0)
		return false;
	rules = malloc(sizeof(UChar) * ((size_t) n + 1));
	hant_units = malloc(sizeof(UChar) * ((size_t) n + 1));
	hant_first = malloc(sizeof(int32_t) * 0x10000);
	if (rules == NULL || hant_units == NULL || hant_first == NULL)
	{
		free(rules);
		hant_table_free();
		return false;
	}
	st = U_ZERO_ERROR;
	utrans_toRules(hant_hans, false, rules, n + 1, &st);
	if (U_FAILURE(st))
	{
		free(rules);
		hant_table_free();
		return false;
	}
	memcpy(hant_units, rules, sizeof(UChar) * (size_t) n);
	hant_units[n] = 0;			/* the sentinel's key: no text unit is NUL */
	/* every rule: KEY " > " VALUE ";" and a newline, no ASCII, no surrogates */
	for (int32_t i = 0; i < n;)
	{
		int32_t		k = i,
					v;
		HantRule   *rule;

		while (k < n && rules[k] >= 0x80 && !U16_IS_SURROGATE(rules[k]))
			k++;
		if (k == i || k - i > HANT_MAX_KEY || k + 3 > n ||
			rules[k] != ' ' || rules[k + 1] != '>' || rules[k + 2] != ' ')
			break;
		v = k + 3;
		while (v < n && rules[v] >= 0x80 && !U16_IS_SURROGATE(rules[v]))
			v++;
		if (v == k + 3 || v - (k + 3) > HANT_MAX_KEY || v >= n || rules[v] != ';')
			break;
		if (nrules == cap)
		{
			HantRule   *bigger;

			cap = cap ? cap * 2 : 4096;
			bigger = realloc(hant_rules, sizeof(HantRule) * (size_t) cap);
			if (bigger == NULL)
				break;
			hant_rules = bigger;
		}
		rule = &hant_rules[nrules];
		rule->key = i;
		rule->key_len = k - i;
		rule->value = k + 3;
		rule->value_len = v - (k + 3);
		rule->order = nrules;
		nrules++;
		i = v + 1;
		if (i < n && rules[i] == '\n')
			i++;
		if (i == n)
		{
			n = -1;				/* all read */
			break;
		}
	}
	free(rules);
	if (n != -1 || nrules == 0)
	{
		hant_table_free();
		return false;
	}
	qsort(hant_rules, (size_t) nrules, sizeof(HantRule), compare_hant_rules);
	for (int32_t c = 0; c < 0x10000; c++)
		hant_first[c] = -1;
	for (int32_t r = nrules - 1; r >= 0; r--)
		hant_first[hant_units[hant_rules[r].key]] = r;
	hant_keyed = calloc(0x10000 / 8, 1);
	if (hant_keyed == NULL)
	{
		hant_table_free();
		return false;
	}
	for (int32_t c = 0; c < 0x10000; c++)
		if (hant_first[c] >= 0)
			hant_keyed[c >> 3] |= (uint8_t) (1 << (c & 7));
	/* characters whose one rule maps them to one character: a lookup */
	hant_single = calloc(0x10000, sizeof(uint16_t));
	if (hant_single == NULL)
	{
		hant_table_free();
		return false;
	}
	for (int32_t r = 0; r < nrules; r++)
	{
		const HantRule *rule = &hant_rules[r];
		UChar		key = hant_units[rule->key];
		UChar		value = hant_units[rule->value];

		if (rule->key_len == 1 && rule->value_len == 1 &&
			key >= 0x800 && value >= 0x800 &&
			(r + 1 == nrules || hant_units[hant_rules[r + 1].key] != key) &&
			hant_first[key] == r)
			hant_single[key] = value;
	}
	/* what lets a group's longer keys be passed over at once */
	hant_group_next = calloc((uint32_t) nrules + 1u, sizeof(uint64_t));
	hant_group_single = calloc((uint32_t) nrules + 1u, sizeof(int32_t));
	if (hant_group_next == NULL || hant_group_single == NULL)
	{
		hant_table_free();
		return false;
	}
	for (int32_t r = 0; r < nrules; r++)
	{
		int32_t		g = hant_first[hant_units[hant_rules[r].key]];
		const HantRule *rule = &hant_rules[r];

		if (g == r)
			hant_group_single[g] = -1;
		if (rule->key_len == 1)
		{
			if (hant_group_single[g] < 0)
				hant_group_single[g] = r;
		}
		else if (hant_units[rule->key + 1] >= 0x800)
			hant_group_next[g] |= UINT64_C(1) << ((hant_units[rule->key + 1] & 0x3F));
		else
			hant_group_next[g] = ~UINT64_C(0);
	}
	/* a sentinel ends the last group */
	{
		HantRule   *bigger = realloc(hant_rules, sizeof(HantRule) * ((size_t) nrules + 1));

		if (bigger == NULL)
		{
			hant_table_free();
			return false;
		}
		hant_rules = bigger;
		hant_rules[nrules] = hant_rules[0];
		hant_rules[nrules].key = total;
	}
	/*
	 * The keys and values in UTF-8, for text read in UTF-8: they hold no
	 * ASCII and no surrogates, so two or three bytes a unit.
	 */
	hant_bytes = malloc((size_t) total * 3 + 1);
	if (hant_bytes == NULL)
	{
		hant_table_free();
		return false;
	}
	{
		int32_t		used = 0;

		for (int32_t r = 0; r <= nrules; r++)
		{
			HantRule   *rule = &hant_rules[r];

			if (r == nrules)
			{
				rule->key8 = rule->value8 = used;
				rule->key8_len = rule->value8_len = 0;
				break;
			}
			rule->key8 = used;
			used += units_to_utf8(hant_units + rule->key, rule->key_len,
								  hant_bytes + used);
			rule->key8_len = used - rule->key8;
			rule->value8 = used;
			used += units_to_utf8(hant_units + rule->value, rule->value_len,
								  hant_bytes + used);
			rule->value8_len = used - rule->value8;
		}
	}
	/* each key, alone and doubled, converts as ICU converts it */
	for (int32_t r = 0; r < nrules; r++)
	{
		UChar		twice[2 * HANT_MAX_KEY];
		const HantRule *rule = &hant_rules[r];

		memcpy(twice, hant_units + rule->key, sizeof(UChar) * (size_t) rule->key_len);
		memcpy(twice + rule->key_len, hant_units + rule->key,
			   sizeof(UChar) * (size_t) rule->key_len);
		if (!hant_table_agrees(twice, rule->key_len) ||
			!hant_table_agrees(twice, 2 * rule->key_len))
		{
			hant_table_free();
			return false;
		}
	}
	return true;
}

/* Is the rule table in use (for tests)? */
bool
giar_hant_table_in_use(void)
{
	if (!hant_hans_ready())
		return false;
	if (!hant_table_tried)
	{
		hant_table_tried = true;
		hant_table_build();
	}
	return hant_first != NULL;
}

/*
 * Open the transforms and build their tables now rather than on first
 * need (giar_prepare).
 */
void
giar_icu_prepare(void)
{
	(void) nfkc_ready();
	(void) giar_hant_table_in_use();
}

/*
 * Convert one line from traditional to simplified characters.  chars3, if
 * not NULL, gets the characters the conversion writes (U+3000..U+FFFF, as
 * giar_chars_add); those it copies from the input are taken to be there.
 */
bool
giar_hant_to_hans(GiarContext *cx, const char *in, int inlen,
				  char **out, int *outlen, uint64_t *chars3)
{
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		ulen;
	int32_t		ucap;
	int32_t		limit;
	UChar	   *ubuf;
	int32_t		u8len;
	char	   *result;

	if (!hant_hans_ready())
		return false;
	if (!hant_table_tried)
	{
		hant_table_tried = true;
		hant_table_build();
	}
	if (hant_first)
	{
		/* most lines: the table on the UTF-8 bytes, no UTF-16 round trip */
		int32_t		cap = inlen * 2 + 16;

		result = giar_alloc_uninit(cx, (size_t) cap + 1);
		u8len = hant_apply_table_utf8(in, inlen, result, cap, chars3);
		if (u8len >= 0)
		{
			result[u8len] = '\0';
			*out = result;
			*outlen = u8len;
			return true;
		}
	}
	u_strFromUTF8(NULL, 0, &ulen, in, inlen, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return false;
	/* Hant-Hans maps characters one to one; leave room for phrase rules */
	ucap = ulen * 2 + 16;
	ubuf = giar_alloc(cx, sizeof(UChar) * (size_t) ucap);
	status = U_ZERO_ERROR;
	u_strFromUTF8(ubuf, ucap, &ulen, in, inlen, &status);
	if (U_FAILURE(status))
		return false;
	limit = -1;
	if (hant_first)
	{
		UChar	   *converted = giar_alloc(cx, sizeof(UChar) * (size_t) ucap);

		limit = hant_apply_table(ubuf, ulen, converted, ucap);
		if (limit >= 0)
		{
			ubuf = converted;
			ulen = limit;
		}
	}
	if (limit < 0)
	{
		limit = ulen;
		utrans_transUChars(hant_hans, ubuf, &ulen, ucap, 0, &limit, &status);
		if (U_FAILURE(status))
			return false;
	}
	status = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &u8len, ubuf, ulen, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return false;
	result = giar_alloc(cx, (size_t) u8len + 1);
	status = U_ZERO_ERROR;
	u_strToUTF8(result, u8len + 1, &u8len, ubuf, ulen, &status);
	if (U_FAILURE(status))
		return false;
	if (chars3)
		giar_chars_add(chars3, result, (size_t) u8len);
	*out = result;
	*outlen = u8len;
	return true;
}

bool
giar_is_han(uint32_t cp)
{
	/* fast path for the CJK Unified Ideographs block */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return true;
	if (cp < 0x3400)
		return false;
	return u_hasBinaryProperty((UChar32) cp, UCHAR_UNIFIED_IDEOGRAPH);
}

/*
 * Decode one code point; returns the number of bytes consumed (>= 1).
 * Ill-formed sequences decode to U+FFFD and consume the bytes ICU's U8_NEXT
 * consumes for them.
 */
int
giar_utf8_decode_any(const char *s, int len, uint32_t *cp)
{
	int32_t		i = 0;
	UChar32		c;

	U8_NEXT((const uint8_t *) s, i, len, c);
	*cp = c < 0 ? 0xFFFD : (uint32_t) c;
	return i > 0 ? i : 1;
}

int
giar_utf8_encode(uint32_t cp, char *out)
{
	int32_t		i = 0;
	UBool		error = false;

	U8_APPEND((uint8_t *) out, i, 4, (UChar32) cp, error);
	if (error)
	{
		/* unencodable (surrogate): write U+FFFD */
		i = 0;
		U8_APPEND_UNSAFE((uint8_t *) out, i, 0xFFFD);
	}
	return i;
}

void
giar_icu_versions(char *buf, size_t size)
{
	UVersionInfo icu;
	UVersionInfo unicode;
	char		icu_s[U_MAX_VERSION_STRING_LENGTH];
	char		unicode_s[U_MAX_VERSION_STRING_LENGTH];

	u_getVersion(icu);
	u_getUnicodeVersion(unicode);
	u_versionToString(icu, icu_s);
	u_versionToString(unicode, unicode_s);
	snprintf(buf, size, "ICU %s, Unicode %s", icu_s, unicode_s);
}
