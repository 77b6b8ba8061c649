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
 * bit test instead of an ICU call.
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
static bool nfkc_failed;

static UTransliterator *hant_hans;
static uint8_t *traditional_bits;	/* BMP code points Hant-Hans changes */
static uint8_t *hant_source_bits;	/* BMP code points its rules may touch */
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

	if (nfkc_inert_bits)
		return true;
	if (nfkc_failed)
		return false;
	nfkc = unorm2_getNFKCInstance(&status);
	bits = calloc(BMP_BITS, 1);
	if (U_FAILURE(status) || bits == NULL)
	{
		free(bits);
		nfkc_failed = true;
		return false;
	}
	for (uint32_t cp = 0; cp < 0x10000; cp++)
		if (unorm2_isInert(nfkc, (UChar32) cp))
			bits[cp >> 3] |= (uint8_t) (1 << (cp & 7));
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
	UChar		small_src[128];
	UChar		small_dst[512];
	UChar	   *src = small_src;
	UChar	   *dst = small_dst;
	int32_t		srclen = 0;
	int32_t		dstcap = 512;
	int32_t		dstlen;
	UErrorCode	status = U_ZERO_ERROR;
	int32_t		utf8len;

	if (!nfkc_ready())
		return false;
	if (n * 2 > 128)
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

/* Convert one line from traditional to simplified characters. */
bool
giar_hant_to_hans(GiarContext *cx, const char *in, int inlen,
				  char **out, int *outlen)
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
	limit = ulen;
	utrans_transUChars(hant_hans, ubuf, &ulen, ucap, 0, &limit, &status);
	if (U_FAILURE(status))
		return false;
	status = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &u8len, ubuf, ulen, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return false;
	result = giar_alloc(cx, (size_t) u8len + 1);
	status = U_ZERO_ERROR;
	u_strToUTF8(result, u8len + 1, &u8len, ubuf, ulen, &status);
	if (U_FAILURE(status))
		return false;
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
