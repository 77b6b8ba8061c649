/*
 * test_core.c
 *		Unit and property tests of the PostgreSQL-free core.
 *
 *		test_core [FIXTURE_DIR [NARRATIVE_CASES...]]
 *
 * Groups: number and NA reading, normalisation (NFKC, pinyin, script
 * conversion, Taiwan phrases), tokens, part headings, the fixture reports
 * against their .expected files, truncated fixtures (never a wrong cell),
 * the same cells with the line breaks removed or one cell a line (fixtures,
 * and the seeds and corpus of ../shared when there), generated reports in
 * every layout (property test), and hostile input.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "drawing_order.h"
#include "giar.h"
#include "html.h"
#include "render.h"
#include "standalone.h"
#include "testing.h"
#include "text.h"
#include "tokens.h"

int			checks;
int			failures;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

typedef struct Parsed
{
	GiarStandalone sa;
	GiarReport	report;
} Parsed;

static bool
code_in_catalogue(const char *code)
{
	for (int i = 0; i < giar_ndiag_codes; i++)
		if (strcmp(giar_diag_codes[i].code, code) == 0)
			return true;
	return false;
}

/*
 * The first of the report's texts that is not well-formed UTF-8 without
 * control characters, or NULL.
 */
static const char *
unclean_report_text(const GiarReport *r)
{
	if (r->agency && !giar_text_is_clean(r->agency))
		return r->agency;
	if (r->index_number && !giar_text_is_clean(r->index_number))
		return r->index_number;
	for (int i = 0; i < r->ndiagnostics; i++)
		if (!giar_text_is_clean(r->diagnostics[i].message))
			return r->diagnostics[i].message;
	return NULL;
}

static void
parse_text(Parsed *p, const char *text, size_t len)
{
	giar_standalone_begin(&p->sa, &p->report);
	giar_parse(&p->sa.cx, text, len, &p->report);
	for (int i = 0; i < p->report.ndiagnostics; i++)
		CHECK(code_in_catalogue(p->report.diagnostics[i].code),
			  "diagnostic code %s is in the catalogue", p->report.diagnostics[i].code);
	CHECK(unclean_report_text(&p->report) == NULL,
		  "a text of the report is not UTF-8 without control characters: %s",
		  unclean_report_text(&p->report));
}

static void
parsed_free(Parsed *p)
{
	giar_standalone_end(&p->sa);
}

static bool
has_diag(const GiarReport *r, const char *code)
{
	for (int i = 0; i < r->ndiagnostics; i++)
		if (strcmp(r->diagnostics[i].code, code) == 0)
			return true;
	return false;
}

static int
count_cells(const GiarReport *r)
{
	int			n = 0;

	for (int c = 0; c < GIAR_NCELLS; c++)
		n += r->cells[c].present;
	return n;
}

static char *
normalized(const char *text)
{
	GiarStandalone sa;
	GiarReport	report;
	size_t		len;
	char	   *out;
	char	   *copy;

	giar_standalone_begin(&sa, &report);
	out = giar_normalize_for_display(&sa.cx, text, strlen(text), &len);
	copy = strdup(out);
	giar_standalone_end(&sa);
	return copy;
}

static double
seconds_since(struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) + (now.tv_nsec - start->tv_nsec) / 1e9;
}

/* ------------------------------------------------------------------ */
/* Numbers and NA marks                                                */
/* ------------------------------------------------------------------ */

static void
test_numbers(void)
{
	static const struct
	{
		const char *text;
		bool		ok;
		int64_t		digits;
		int			scale;
		const char *unit;
	}			cases[] = {
		{"0", true, 0, 0, NULL},
		{"227", true, 227, 0, NULL},
		{"26,367", true, 26367, 0, NULL},
		{"1,234,567", true, 1234567, 0, NULL},
		{"12.35", true, 1235, 2, NULL},
		{"0.00", true, 0, 2, NULL},
		{"-8", true, -8, 0, NULL},
		{"+1036", true, 1036, 0, NULL},
		{"251000元", true, 251000, 0, "元"},
		{"90万元", true, 90, 0, "万元"},
		{"3件", true, 3, 0, "件"},
		{"零", true, 0, 0, NULL},
		{"007", false, 0, 0, NULL},	/* leading zeros: cells run together */
		{"00", false, 0, 0, NULL},
		{"1,23", false, 0, 0, NULL},
		{"12,3456", false, 0, 0, NULL},
		{"1234,567", false, 0, 0, NULL},
		{"12.", false, 0, 0, NULL},
		{"83%", false, 0, 0, NULL},
		{"1.属于国家秘密", false, 0, 0, NULL},
		{"2025-01-24", false, 0, 0, NULL},
		{"1234567890123456789", false, 0, 0, NULL},
		{"999,999,999,999,999,999", true, INT64_C(999999999999999999), 0, NULL},
		/* beyond int64 (and 18 digits): no number, with no overflow on the way */
		{"9,223,372,036,854,775,808", false, 0, 0, NULL},
		{"99,999,999,999,999,999,999", false, 0, 0, NULL},
		{"", false, 0, 0, NULL},
		{"-", false, 0, 0, NULL},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		GiarNumber	n = {0, 0, false};
		const char *unit = NULL;
		bool		ok = giar_parse_number(cases[i].text, (int) strlen(cases[i].text),
										   &n, &unit);

		CHECK(ok == cases[i].ok, "number \"%s\": ok %d", cases[i].text, ok);
		if (ok && cases[i].ok)
		{
			CHECK(n.digits == cases[i].digits && n.scale == cases[i].scale,
				  "number \"%s\": %lld scale %d", cases[i].text,
				  (long long) n.digits, n.scale);
			CHECK((unit == NULL) == (cases[i].unit == NULL) &&
				  (unit == NULL || strcmp(unit, cases[i].unit) == 0),
				  "number \"%s\": unit %s", cases[i].text, unit ? unit : "none");
		}
	}

	{
		static const char *const na[] = {"/", "-", "—", "——", "无", "--", "N/A"};
		static const char *const not_na[] = {"0", "无法提供", "/ 2", ""};

		for (size_t i = 0; i < sizeof(na) / sizeof(na[0]); i++)
			CHECK(giar_is_na_mark(na[i], (int) strlen(na[i])), "NA mark %s", na[i]);
		for (size_t i = 0; i < sizeof(not_na) / sizeof(not_na[0]); i++)
			CHECK(!giar_is_na_mark(not_na[i], (int) strlen(not_na[i])),
				  "not an NA mark: %s", not_na[i]);
	}
}

/* ------------------------------------------------------------------ */
/* Normalisation                                                       */
/* ------------------------------------------------------------------ */

static void
expect_normalized(const char *in, const char *want)
{
	char	   *got = normalized(in);

	CHECK(strcmp(got, want) == 0, "normalise \"%s\": got \"%s\", want \"%s\"",
		  in, got, want);
	free(got);
}

static void
test_normalize(void)
{
	expect_normalized("（一）予以公开", "(一)予以公开");
	expect_normalized("１２３，４５６", "123,456");
	expect_normalized("本年收费金额（单位：万元）", "本年收费金额(单位:万元)");
	expect_normalized("a\r\nb\rc", "a\nb\nc");
	expect_normalized("规\xE2\x80\x8B章", "规章");	/* zero-width space */
	expect_normalized("商业\xE3\x80\x80企业", "商业 企业");	/* ideographic space */
	expect_normalized("公(gōng)开(kāi)", "公开");
	expect_normalized("首頁(yè)", "首頁");
	expect_normalized("政务服务网(APP)", "政务服务网(APP)");	/* not pinyin */
	expect_normalized("申请(1件)", "申请(1件)");
	expect_normalized("bad \xFF byte", "bad \xEF\xBF\xBD byte");
	expect_normalized("｜ 1 ｜ 2 ｜", "| 1 | 2 |");
	/* a superscript or subscript after a digit is a footnote mark: kept */
	expect_normalized("1582¹ 3₂ 4⁽²⁾", "1582¹ 3₂ 4⁽²⁾");
	expect_normalized("１２³", "12³");
	expect_normalized("m² ² x₂", "m2 2 x2");	/* elsewhere NFKC's digits */
	expect_normalized("\u22123", "-3");	/* MINUS SIGN */

	/* a traditional-script document becomes simplified, labels restored */
	{
		const char *trad =
			"政府資訊公開工作年度報告\n"
			"國務院辦公廳關於規範性檔案的說明，這些報告發佈於入口網站。\n"
			"行政規範性檔案 | 3 | 1 | 20 |\n";
		char	   *got = normalized(trad);

		CHECK(strstr(got, "政府信息公开工作年度报告") != NULL,
			  "traditional title converted: %s", got);
		CHECK(strstr(got, "行政规范性文件 | 3") != NULL,
			  "Taiwan phrase 規範性檔案 undone: %s", got);
		CHECK(strstr(got, "发布于网站") != NULL, "入口網站 undone: %s", got);
		free(got);
	}
	/* a phrase a replacement makes with the text before it is undone too */
	{
		char	   *got = normalized("政府資訊公開工作年度報告\n"
									 "入口入口網站，網路網路網路。資訊處理費\n");

		CHECK(strcmp(got, "政府信息公开工作年度报告\n网站,网络网络网络。信息处理费\n") == 0,
			  "Taiwan phrases undone wherever they stand: %s", got);
		free(got);
	}
	/* simplified text with a few characters Hant-Hans would change stays */
	{
		const char *simp = "显著提升后台管理水平,乾坤。政府信息公开工作年度报告";
		char	   *got = normalized(simp);

		CHECK(strcmp(got, simp) == 0, "simplified text untouched: %s", got);
		free(got);
	}
}

/*
 * The normaliser copies ASCII and CJK spans and maps fullwidth ASCII
 * without ICU, and copies the punctuation of U+2000..U+203F and
 * U+3000..U+303F that NFKC leaves alone; the result must be ICU's NFKC of
 * the text all the same, also where combining marks, format characters and
 * halfwidth kana (which compose) follow.  Random strings over such an alphabet, compared with
 * unorm2_normalize of the whole string.
 */
static void
test_normalize_matches_icu(void)
{
	static const char *const alphabet[] = {
		"a", "Z", "7", " ", ",", "公", "开", "申", "请", "\xE4\xB8\x80", "\xE9\xBF\xBF",
		"\xEF\xBC\x81", "\xEF\xBC\x8C", "\xEF\xBC\xA1", "\xEF\xBD\x9E", "\xE3\x80\x80",
		"\xCC\x81", "\xCC\x88", "\xE3\x82\x99", "\xE2\x80\x8B", "\xEF\xBD\xB6",
		"\xEF\xBE\x9E", "\xEF\xAC\x81", "\xE3\x8E\x8F", "\xC3\xA9", "\xE3\x80\x82",
		/* punctuation copied as a span: “ — 、 《 and, which NFKC changes, … ‥ ‼ 〶 〪 */
		"\xE2\x80\x9C", "\xE2\x80\x94", "\xE3\x80\x81", "\xE3\x80\x8A",
		"\xE2\x80\xA6", "\xE2\x80\xA5", "\xE2\x80\xBC", "\xE3\x80\xB6", "\xE3\x80\xAA",
		/* letters copied when no mark follows: ā ǎ ü ǘ ḿ; NFKC changes ǅ; Hangul ᄀ ᅡ compose */
		"\xC4\x81", "\xC7\x8E", "\xC3\xBC", "\xC7\x98", "\xE1\xB8\xBF", "\xC7\x85",
		"\xE1\x84\x80", "\xE1\x85\xA1"
	};
	const int	nalpha = (int) (sizeof(alphabet) / sizeof(alphabet[0]));
	UErrorCode	status = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
	uint32_t	seed = 12345;
	int			mismatches = 0;

	CHECK(U_SUCCESS(status), "ICU NFKC instance");
	if (U_FAILURE(status))
		return;
	for (int iter = 0; iter < 5000; iter++)
	{
		char		text[128] = "";
		char		plain[128] = "";	/* without format characters */
		int			n;
		UChar		u[128],
					v[512];
		int32_t		ulen,
					vlen;
		char		want[1024];
		int32_t		wlen;
		char	   *got;

		seed = seed * 1103515245u + 12345u;
		n = 1 + (int) ((seed >> 16) % 10);
		for (int k = 0; k < n; k++)
		{
			const char *c;

			seed = seed * 1103515245u + 12345u;
			c = alphabet[(seed >> 16) % (uint32_t) nalpha];
			strcat(text, c);
			if (strcmp(c, "\xE2\x80\x8B") != 0)
				strcat(plain, c);
		}
		status = U_ZERO_ERROR;
		u_strFromUTF8(u, 128, &ulen, plain, -1, &status);
		vlen = unorm2_normalize(nfkc, u, ulen, v, 512, &status);
		u_strToUTF8(want, (int32_t) sizeof(want), &wlen, v, vlen, &status);
		if (U_FAILURE(status))
			continue;
		while (wlen > 0 && want[wlen - 1] == ' ')
			wlen--;				/* lines lose trailing spaces */
		want[wlen] = '\0';
		got = normalized(text);
		if (strcmp(got, want) != 0 && mismatches++ < 5)
			CHECK(false, "normalise \"%s\": got \"%s\", NFKC \"%s\"", text, got, want);
		free(got);
	}
	CHECK(mismatches == 0, "normalisation equals NFKC on 5000 random strings (%d differ)",
		  mismatches);
}

/*
 * Traditional-to-Simplified conversion through the table of the
 * transliterator's rules (on the UTF-8 bytes, or in UTF-16 for lines with
 * characters beyond the BMP) must equal ICU's: random strings made of
 * whole rule keys, pieces of keys, simplified characters, characters
 * beyond the BMP and ASCII, converted both ways.
 */
static void
test_hant_table_matches_icu(void)
{
	UErrorCode	st = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(u"Hant-Hans", -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	int32_t		n;
	UChar	   *rules;
	int			nkeys = 0;
	int32_t    *key_at,
			   *key_len;
	uint32_t	seed = 77;
	int			differ = 0;
	int			uncovered = 0;
	const int	strings = 20000;

	CHECK(U_SUCCESS(st), "Hant-Hans opens");
	if (U_FAILURE(st))
		return;
	CHECK(giar_hant_table_in_use(), "the rule table replaces ICU's rule matching");
	n = utrans_toRules(t, false, NULL, 0, &st);
	st = U_ZERO_ERROR;
	rules = malloc(sizeof(UChar) * ((size_t) n + 1));
	key_at = malloc(sizeof(int32_t) * ((size_t) n + 1));
	key_len = malloc(sizeof(int32_t) * ((size_t) n + 1));
	utrans_toRules(t, false, rules, n + 1, &st);
	for (int32_t i = 0; i < n;)
	{
		int32_t		k = i;

		while (k < n && rules[k] != ' ' && rules[k] != ';')
			k++;
		key_at[nkeys] = i;
		key_len[nkeys++] = k - i;
		while (k < n && rules[k] != '\n')
			k++;
		i = k + 1;
	}
	for (int iter = 0; iter < strings; iter++)
	{
		UChar		u[256];
		int32_t		ulen = 0,
					len,
					limit;
		char		utf8[1024];
		int32_t		u8len;
		char	   *got;
		char		want[1024];
		int32_t		wlen;
		int			parts;

		seed = seed * 1103515245u + 12345u;
		parts = 1 + (int) ((seed >> 16) % 8);
		for (int p = 0; p < parts && ulen < 200; p++)
		{
			int			key;
			int			kind;

			seed = seed * 1103515245u + 12345u;
			key = (int) ((seed >> 8) % (uint32_t) nkeys);
			kind = (int) ((seed >> 4) % 5);
			if (kind == 4 && (seed >> 20) % 8 == 0)
			{
				/* U+20000.., a CJK Extension B character: the UTF-16 path */
				u[ulen++] = (UChar) 0xD840;
				u[ulen++] = (UChar) (0xDC00 + (seed >> 12) % 0x400);
			}
			else if (kind == 0 && key_len[key] > 1)
				u[ulen++] = rules[key_at[key] + key_len[key] - 1];	/* a key's end */
			else if (kind == 1)
				u[ulen++] = (UChar) (0x4E00 + (seed >> 12) % 0x5000);	/* any CJK */
			else if (kind == 2)
				u[ulen++] = (UChar) ('a' + (seed >> 12) % 26);
			else
				for (int k = 0; k < key_len[key] && ulen < 250; k++)
					u[ulen++] = rules[key_at[key] + k];
		}
		st = U_ZERO_ERROR;
		u_strToUTF8(utf8, (int32_t) sizeof(utf8), &u8len, u, ulen, &st);
		len = ulen;
		limit = ulen;
		utrans_transUChars(t, u, &len, 256, 0, &limit, &st);
		u_strToUTF8(want, (int32_t) sizeof(want), &wlen, u, len, &st);
		if (U_FAILURE(st))
			continue;
		{
			GiarStandalone sa;
			GiarReport	report;
			int			glen;

			uint64_t	chars3[64] = {0};
			uint64_t	out_chars[64] = {0};

			giar_standalone_begin(&sa, &report);
			/* the input's characters, and what the conversion adds */
			giar_chars_add(chars3, utf8, (size_t) u8len);
			if (giar_hant_to_hans(&sa.cx, utf8, u8len, &got, &glen, chars3))
			{
				if ((glen != wlen || memcmp(got, want, (size_t) wlen) != 0) &&
					differ++ < 3)
					CHECK(false, "Hant-Hans of \"%.*s\": table \"%.*s\", ICU \"%.*s\"",
						  u8len, utf8, glen, got, wlen, want);
				bool		covered = true;

				giar_chars_add(out_chars, got, (size_t) glen);
				for (int b = 0; b < 64; b++)
					if (out_chars[b] & ~chars3[b])
						covered = false;
				if (!covered && uncovered++ < 3)
					CHECK(false, "Hant-Hans of \"%.*s\": characters of \"%.*s\" not added",
						  u8len, utf8, glen, got);
			}
			giar_standalone_end(&sa);
		}
	}
	printf("Hant-Hans: %d rules as a table; %d random strings of keys and characters, "
		   "%d converted differently from ICU, %d with output characters not reported\n",
		   nkeys, strings, differ, uncovered);
	CHECK(differ == 0, "the rule table converts as ICU does");
	CHECK(uncovered == 0, "the conversion reports the characters it writes");
	free(rules);
	free(key_at);
	free(key_len);
	utrans_close(t);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

static void
test_tokens(void)
{
	const char *text =
		"规章 | 3 | | 79 |\n"
		"一、本年新收政府信息公开申请数量   224   3   0   0   0   0   227\n"
		"1 属于国家秘密 1 0\n"
		"|\n"
		"- 4 -\n"
		"|---|---|\n";
	GiarStandalone sa;
	GiarReport	report;
	GiarDoc		doc;
	GiarTokens	tok;

	giar_standalone_begin(&sa, &report);
	giar_read_document(&sa.cx, text, strlen(text), &doc);
	giar_tokenize(&sa.cx, &doc, 0, doc.nlines, &tok);

	/* line 1: label, 3, blank, 79 */
	CHECK(tok.line_first[1] - tok.line_first[0] == 4, "pipe row cells: %d",
		  tok.line_first[1] - tok.line_first[0]);
	CHECK(tok.tok[0].kind == GIAR_TOK_LABEL && tok.tok[1].kind == GIAR_TOK_NUMBER &&
		  tok.tok[2].kind == GIAR_TOK_BLANK && tok.tok[3].kind == GIAR_TOK_NUMBER,
		  "pipe row kinds");
	/* line 2: label + 7 numbers */
	CHECK(tok.line_first[2] - tok.line_first[1] == 8, "layout row tokens: %d",
		  tok.line_first[2] - tok.line_first[1]);
	/* line 3: the leading "1" belongs to the label */
	CHECK(tok.line_first[3] - tok.line_first[2] == 3 &&
		  tok.tok[tok.line_first[2]].kind == GIAR_TOK_LABEL,
		  "number before a label joins it");
	/* line 4: a lone pipe is one blank cell */
	CHECK(tok.line_first[4] - tok.line_first[3] == 1 &&
		  tok.tok[tok.line_first[3]].kind == GIAR_TOK_BLANK, "lone pipe");
	/* page footer and markdown rule give no tokens */
	CHECK(tok.line_first[6] == tok.line_first[4], "footer and rule ignored");
	giar_standalone_end(&sa);
}

/*
 * giar_first_digit tests eight bytes at a time: every byte value at every
 * place of a chunk and of the tail, among bytes of every kind (ASCII, lead
 * and continuation bytes, the bytes either side of '0'..'9').
 */
static void
test_first_digit(void)
{
	static const unsigned char fills[] = {'a', ' ', '/', ':', 0x80, 0xBF, 0xE4, 0xFF};
	char		buf[21];
	int			wrong = 0;

	for (size_t f = 0; f < sizeof(fills); f++)
		for (int at = 0; at < 20; at++)
			for (int v = 0; v < 256; v++)
			{
				int			want = (v >= '0' && v <= '9') ? at : 20;

				memset(buf, fills[f], 20);
				buf[at] = (char) v;
				if (giar_first_digit(buf, 0, 20) != want ||
					giar_first_digit(buf, at, 20) != want ||
					giar_first_digit(buf, at + 1, 20) != 20)
					wrong++;
			}
	CHECK(wrong == 0, "first digit: %d of %d placements wrong", wrong,
		  (int) sizeof(fills) * 20 * 256);
	CHECK(giar_first_digit("表3", 0, 4) == 3 && giar_first_digit("12", 2, 2) == 2,
		  "first digit: at the end, and from the end");
}

/* ------------------------------------------------------------------ */
/* Part headings                                                       */
/* ------------------------------------------------------------------ */

static void
test_headings(void)
{
	const char *text =
		"某某局2024年政府信息公开工作年度报告\n"
		"一、总体情况\n"
		"(二)主动公开情况\n"
		"二、主动公开政府信息情况\n"
		"二、上年结转政府信息公开申请数量 | 1 |\n"
		"???三、收到和处理政府信息公开申请情况\n"
		"三、本年度办理结果\n"
		"四、结转下年度继续办理 | 0 |\n"
		"四、政府信息公开行政复议、行政诉讼情况\n"
		"第五部分 存在的主要问题及改进情况\n"
		"六. 其他需要报告的事项\n";
	Parsed		p;

	parse_text(&p, text, strlen(text));
	CHECK(p.report.parts_present == 0x7e, "all six parts found: %x",
		  p.report.parts_present);
	parsed_free(&p);
}

/*
 * Figures as PDF text spaces them ("2024 年", "1 月 1 日", "30 号"): the
 * title's year, the statistics period, the publication date, the format
 * notice cited and a prose figure are read through the spaces.
 */
static void
test_spaced_figures(void)
{
	const char *text =
		"发布日期：2024 年 1 月 22 日\n"
		"    某某县水利局\n"
		"    2023 年政府信息公开工作年度报告\n"
		"本报告根据国办公开办函〔2021〕30 号编制，统计期限自 2023 年 1 月 1 日至\n"
		"2023 年 12 月 31 日。\n"
		"一、总体情况\n"
		"2023 年，全年共收到政府信息公开申请 107 件。\n";
	Parsed		p;

	parse_text(&p, text, strlen(text));
	CHECK(p.report.title_year == 2023, "spaced title year: %d", p.report.title_year);
	CHECK(p.report.year == 2023, "spaced year: %d", p.report.year);
	CHECK(p.report.published.year == 2024 && p.report.published.month == 1 &&
		  p.report.published.day == 22, "spaced publication date: %d-%d-%d",
		  p.report.published.year, p.report.published.month, p.report.published.day);
	CHECK(p.report.format == GIAR_FORMAT_2021, "spaced 30 号 cites the 2021 format: %s",
		  giar_format_name(p.report.format));
	CHECK(p.report.cells[GIAR_CELL_N(GIAR_N_NEW_REQUESTS)].present &&
		  p.report.cells[GIAR_CELL_N(GIAR_N_NEW_REQUESTS)].digits == 107,
		  "spaced prose figure 107 件");
	parsed_free(&p);

	/* the period on one line, spaced */
	text = "某某县水利局2023年政府信息公开工作年度报告\n"
		"本报告所列数据统计期限为 2023 年 1 月 1 日至 2023 年 12 月 31 日。\n"
		"一、总体情况\n";
	parse_text(&p, text, strlen(text));
	CHECK(p.report.period_year == 2023, "spaced statistics period: %d", p.report.period_year);
	parsed_free(&p);
}

/*
 * Table 4 in a PDF's drawing order ("72 64 178 37 12 1 1 6 351 …"): read in
 * printed order its groups fail their totals while the numbers can be
 * grouped so that all hold; no cell is stated, and the diagnostic says the
 * cells are undeterminable (not that none could be read).  A misprinted total (the
 * numbers cannot be grouped so) is kept as printed.
 */
static void
test_table4_order(void)
{
	static const char *const rows[2] = {
		"72 64 178 37 12 1 1 6 351 13 4 8 1 26 20",	/* drawing order */
		"10 1 0 0 0 0 0 0 0 0 5 0 0 0 0"	/* two totals misprinted 0 */
	};

	for (int k = 0; k < 2; k++)
	{
		char		text[1024];
		Parsed		p;
		int			stated = 0;

		snprintf(text, sizeof(text),
				 "某某市人民政府2024年政府信息公开工作年度报告\n"
				 "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
				 "四、政府信息公开行政复议、行政诉讼情况\n"
				 "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
				 "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
				 "结果维持 结果纠正 其他结果 尚未审结 总计\n%s\n"
				 "五、存在的主要问题及改进情况\n六、其他需要报告的事项\n", rows[k]);
		parse_text(&p, text, strlen(text));
		for (int c = GIAR_CELL_T4_BASE; c < GIAR_CELL_T6_BASE; c++)
			stated += p.report.cells[c].present;
		if (k == 0)
		{
			bool		said_unreadable = false;

			for (int d = 0; d < p.report.ndiagnostics; d++)
				said_unreadable |= strncmp(p.report.diagnostics[d].message,
										   "table 4 has a heading but no readable cells", 20) == 0;
			CHECK(stated == 0 && has_diag(&p.report, "CELL_UNDETERMINABLE") && !said_unreadable,
				  "table 4 in drawing order: %d cells stated", stated);
		}
		else
			CHECK(stated == 15 && !has_diag(&p.report, "CELL_UNDETERMINABLE"),
				  "table 4 with misprinted totals kept as printed: %d cells", stated);
		parsed_free(&p);
	}
}

/*
 * A text browser's box table (fixture 77): the lines of a row wrapped in
 * its boxes are joined, so its rows are read by their labels, not placed by
 * the identities alone (T3_POSITIONAL), and its header's words join up.
 */
static void
test_box_rows(const char *fixtures)
{
	char		path[1024];
	size_t		len;
	char	   *text;
	Parsed		p;

	snprintf(path, sizeof(path), "%s/77_text_browser_boxes.txt", fixtures);
	text = giar_read_file(path, &len);
	CHECK(text != NULL, "box rows: %s readable", path);
	if (text == NULL)
		return;
	parse_text(&p, text, len);
	CHECK(p.report.table_status[GIAR_TABLE_3] == GIAR_TABLE_PARSED &&
		  !has_diag(&p.report, "T3_POSITIONAL") && !has_diag(&p.report, "T3_HEADER_MISSING"),
		  "box rows: table 3 read by its labels, with its header");
	parsed_free(&p);
	free(text);
}

/*
 * Part 六's fee table in the shapes converters leave, on a balanced report
 * (fixture 01) whose part 六 is replaced: cells read by the headers' order,
 * runs cut only where the fee rules leave one cut, and nothing read where a
 * column is unknown, a mark stands for a value, or prose merely names the fee.
 */
typedef struct FeeCase
{
	const char *name;
	const char *part6;
	const char *want[3];		/* notices, notified, collected; NULL: absent */
	const char *diag;			/* a code the report must carry, or NULL */
} FeeCase;

static const FeeCase fee_cases[] = {
	{"header row over the row",
		"| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n|---|---|---|\n"
		"| 信息处理费收取情况 | 2 | 300 | 200 |\n", {"2", "300", "200"}, "TABLE_FOUND"},
	{"headers in another order",
		"| 项目 | 实际收取金额(元) | 通知收取件数 | 通知收取金额(元) |\n"
		"| 信息处理费收取情况 | 200 | 2 | 300 |\n", {"2", "300", "200"}, NULL},
	{"caption, headers, values one a line",
		"信息处理费收取情况\n通知收取件数\n通知收取金额（元）\n实际收取金额（元）\n1\n100.50\n100.50\n",
		{"1", "100.50", "100.50"}, NULL},
	{"headers wrapped in their cells",
		"| 通知收取\n件数 | 通知收取\n金额（元） | 实际收取\n金额（元） |\n| 信息处理费收取情况 | 4 | 400 | 400 |\n",
		{"4", "400", "400"}, NULL},
	{"each header with its value, in prose",
		"（一）信息处理费收取情况：通知收取件数1件，通知收取金额200元，实际收取金额200元。\n",
		{"1", "200", "200"}, NULL},
	{"prose that names the fee",
		"（一）信息处理费收取情况。本年度通知收取件数为0，未收取信息处理费。\n",
		{NULL, NULL, NULL}, NULL},
	{"a column the format does not have",
		"| 通知收取件数 | 通知收取金额（元） | 减免金额（元） | 实际收取金额（元） |\n"
		"| 信息处理费收取情况 | 2 | 300 | 100 | 200 |\n", {NULL, NULL, NULL}, NULL},
	{"marks for values",
		"| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n| 信息处理费收取情况 | — | / | — |\n",
		{NULL, NULL, NULL}, "TABLE_FOUND"},
	{"a run with decimals",
		"通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况21300.001200.00（二）无。\n",
		{"2", "1300.00", "1200.00"}, "CELLS_SPLIT"},
	{"a run several cuts fit",
		"通知收取件数通知收取金额（元）实际收取金额（元）信息处理费收取情况1400400（二）无。\n",
		{NULL, NULL, NULL}, "CELL_UNDETERMINABLE"},
	{"all zero, run together",
		"信息处理费收取情况通知收取件数通知收取金额（元）实际收取金额（元）000\n",
		{"0", "0", "0"}, "CELLS_SPLIT"},
	{"an image for the row",
		"| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n| 信息处理费收取情况 | [图片] |\n",
		{NULL, NULL, NULL}, "TABLE_NOT_MACHINE_READABLE"},
	{"values, then a year in the prose",
		"| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n| 信息处理费收取情况 | 0 | 0 | 0 |\n"
		"2025年，我厅将继续规范信息处理费收取工作。\n", {"0", "0", "0"}, NULL},
};

static void
test_fee_table(const char *fixtures)
{
	static const char *const keys[3] = {
		"t6.processing_fee.notices", "t6.processing_fee.notified_yuan",
		"t6.processing_fee.collected_yuan"
	};
	char		path[1024];
	size_t		len;
	char	   *base;
	const char *part6;

	snprintf(path, sizeof(path), "%s/01_pipe_rows.txt", fixtures);
	base = giar_read_file(path, &len);
	CHECK(base != NULL, "fee table: %s readable", path);
	if (base == NULL)
		return;
	part6 = strstr(base, "六、其他需要报告的事项");
	CHECK(part6 != NULL, "fee table: fixture 01 has part 六");
	if (part6 == NULL)
	{
		free(base);
		return;
	}
	part6 += strlen("六、其他需要报告的事项\n");
	for (size_t k = 0; k < sizeof(fee_cases) / sizeof(fee_cases[0]); k++)
	{
		const FeeCase *c = &fee_cases[k];
		size_t		head = (size_t) (part6 - base);
		size_t		tail = strlen(c->part6);
		char	   *text = malloc(head + tail + 1);
		Parsed		p;

		memcpy(text, base, head);
		memcpy(text + head, c->part6, tail + 1);
		parse_text(&p, text, head + tail);
		for (int i = 0; i < 3; i++)
		{
			const GiarNumber *got = &p.report.cells[giar_dict_by_key(keys[i])->cell];
			char		buf[48] = "absent";

			if (got->present)
				giar_number_format(*got, buf, sizeof(buf));
			CHECK(c->want[i] ? strcmp(buf, c->want[i]) == 0 : !got->present,
				  "fee table, %s: %s is %s, want %s", c->name, keys[i], buf,
				  c->want[i] ? c->want[i] : "absent");
		}
		if (c->diag)
			CHECK(has_diag(&p.report, c->diag), "fee table, %s: %s said", c->name, c->diag);
		CHECK(p.report.table_status[GIAR_TABLE_3] == GIAR_TABLE_PARSED,
			  "fee table, %s: table 3 still parsed", c->name);
		parsed_free(&p);
		free(text);
	}
	free(base);
}

/*
 * The drawing-order solver against tables whose reading is known: random
 * tables 3 that keep the identities (counts mostly zero, as real tables
 * are), written as random bands of rows, each across or down.  The table's
 * own reading keeps the identities and is a band reading, so the solver
 * must always find it: at least one reading, and every cell it calls
 * agreed equal to the table's.  Random tables 4 drawn as random interleavings
 * of their groups: the true grouping is among those found.
 */
static uint64_t drawn_seed = UINT64_C(0x9E3779B97F4A7C15);

static uint32_t
drawn_random(uint32_t below)
{
	drawn_seed ^= drawn_seed << 13;
	drawn_seed ^= drawn_seed >> 7;
	drawn_seed ^= drawn_seed << 17;
	return (uint32_t) (drawn_seed % below);
}

/* zeros in a thousand counts: a township's table is nearly all zero */
static uint32_t drawn_zeros = 700;

static int64_t
drawn_count(void)
{
	uint32_t	r = drawn_random(1000);

	return r < drawn_zeros ? 0 : r < drawn_zeros + (1000 - drawn_zeros) * 2 / 3 ?
		(int64_t) drawn_random(4) : (int64_t) drawn_random(300);
}

static void
test_drawing_order(void)
{
	int			tables = 0,
				settled = 0,
				cells = 0,
				agreed = 0;
	GiarStandalone sa;
	GiarReport	report;
	GiarDrawnT3 *drawn = malloc(sizeof(GiarDrawnT3));
	GiarDrawnT4 *drawn4 = malloc(sizeof(GiarDrawnT4));
	int			found4 = 0,
				tables4 = 0;

	giar_standalone_begin(&sa, &report);
	for (int k = 0; k < 400; k++)
	{
		int			nrows = k % 2 ? 25 : 23;
		int			total = nrows - 2,
					forward = nrows - 1;
		int64_t		m[25][GIAR_T3_NCOLS];
		int64_t		text[25 * GIAR_T3_NCOLS];
		int			n = 0;
		int			readings;
		bool		wrong = false;

		drawn_zeros = k < 200 ? 700 : 985;
		memset(m, 0, sizeof(m));
		/* outcome rows and 二 and 四 at random; the rest follow */
		for (int r = 1; r < nrows; r++)
			if (r != total)
				for (int c = 0; c < GIAR_T3_TOTAL; c++)
					m[r][c] = drawn_count();
		for (int c = 0; c < GIAR_T3_TOTAL; c++)
		{
			for (int r = 2; r < total; r++)
				m[total][c] += m[r][c];
			/* 一 = （七） + 四 - 二, raised when it would be negative */
			if (m[total][c] + m[forward][c] < m[1][c])
				m[forward][c] += m[1][c];
			m[0][c] = m[total][c] + m[forward][c] - m[1][c];
		}
		for (int r = 0; r < nrows; r++)
			for (int c = 0; c < GIAR_T3_TOTAL; c++)
				m[r][GIAR_T3_TOTAL] += m[r][c];
		/* random bands, each across or down */
		for (int from = 0; from < nrows;)
		{
			int			band = 1 + (int) drawn_random(drawn_random(3) ? 3 : 12);
			bool		down = drawn_random(2);

			if (band > nrows - from)
				band = nrows - from;
			for (int i = 0; i < band * GIAR_T3_NCOLS; i++)
				text[n++] = down ? m[from + i % band][i / band] :
					m[from + i / GIAR_T3_NCOLS][i % GIAR_T3_NCOLS];
			from += band;
		}
		readings = giar_drawn_table3(&sa.cx, text, n, nrows, drawn);
		tables++;
		CHECK(readings != 0, "drawn table %d: the table's own reading not found", k);
		if (readings <= 0)
			continue;
		settled += readings == 1;
		for (int r = 0; r < nrows; r++)
			for (int c = 0; c < GIAR_T3_NCOLS; c++)
			{
				cells++;
				if (!drawn->agreed[r][c])
					continue;
				agreed++;
				wrong |= drawn->value[r][c] != m[r][c];
			}
		CHECK(!wrong, "drawn table %d: a cell every reading agrees on differs from the table", k);
	}
	for (int k = 0; k < 400; k++)
	{
		int64_t		g[GIAR_T4_NGROUPS][GIAR_T4_NOUTCOMES];
		int64_t		text[GIAR_DRAWN_T4_CELLS];
		int			next[GIAR_T4_NGROUPS] = {0, 0, 0};
		int			n = 0;
		int			count;
		bool		found = false;

		for (int a = 0; a < GIAR_T4_NGROUPS; a++)
		{
			g[a][GIAR_T4_TOTAL] = 0;
			for (int o = 0; o < GIAR_T4_TOTAL; o++)
				g[a][GIAR_T4_TOTAL] += g[a][o] = drawn_count();
		}
		while (n < GIAR_DRAWN_T4_CELLS)
		{
			int			a = (int) drawn_random(GIAR_T4_NGROUPS);

			if (next[a] < GIAR_T4_NOUTCOMES)
				text[n++] = g[a][next[a]++];
		}
		count = giar_drawn_table4(&sa.cx, text, drawn4);
		tables4++;
		if (count < 0)
			found = true;		/* too many to list: nothing is claimed */
		for (int j = 0; j < count && !found; j++)
		{
			/* the true groups, in the order of their first numbers */
			bool		all = true;

			for (int a = 0; a < GIAR_T4_NGROUPS; a++)
			{
				bool		one = false;

				for (int b = 0; b < GIAR_T4_NGROUPS; b++)
					one |= memcmp(drawn4->groupings[j][b], g[a], sizeof(g[a])) == 0;
				all &= one;
			}
			found = all;
		}
		found4 += found;
	}
	CHECK(found4 == tables4, "drawn tables 4: the true grouping found in %d of %d", found4, tables4);
	giar_standalone_end(&sa);
	free(drawn);
	free(drawn4);
	printf("drawing order: %d random tables 3 in random bands, %d with one reading; %d of %d cells agreed (%.1f%%), none wrong; %d of %d tables 4 interleaved found their groups\n",
		   tables, settled, agreed, cells, 100.0 * agreed / (cells ? cells : 1), found4, tables4);
}

/* ------------------------------------------------------------------ */
/* Fixtures against their .expected files                              */
/* ------------------------------------------------------------------ */

typedef struct Expected
{
	char		format[16];
	int			year;
	char		agency[256];
	char		published[16];
	char		index_number[128];
	char		status[3][32];
	bool		has_cell[GIAR_NCELLS];
	bool		maybe[GIAR_NCELLS];
	GiarNumber	cell[GIAR_NCELLS];
	char		diags[16][48];
	int			ndiags;
} Expected;

static bool
read_expected(const char *path, Expected *e)
{
	FILE	   *f = fopen(path, "r");
	char		line[1024];

	if (f == NULL)
		return false;
	memset(e, 0, sizeof(*e));
	while (fgets(line, sizeof(line), f))
	{
		char	   *tab;
		char	   *key = line;
		char	   *val;
		char	   *nl = strchr(line, '\n');

		if (nl)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL)
			continue;
		*tab = '\0';
		val = tab + 1;
		/* a trailing comment after the value */
		{
			char	   *c = strstr(val, "  #");

			if (c)
				*c = '\0';
			c = strchr(val, '\t');
			if (c)
				*c = '\0';
			while (*val == ' ')
				val++;
			for (size_t n = strlen(val); n > 0 && val[n - 1] == ' '; n--)
				val[n - 1] = '\0';
		}
		if (strcmp(key, "meta.format") == 0)
			snprintf(e->format, sizeof(e->format), "%s", val);
		else if (strcmp(key, "meta.year") == 0)
			e->year = strcmp(val, "-") == 0 ? 0 : atoi(val);
		else if (strcmp(key, "meta.agency") == 0)
			snprintf(e->agency, sizeof(e->agency), "%s", val);
		else if (strcmp(key, "meta.published") == 0)
			snprintf(e->published, sizeof(e->published), "%s", val);
		else if (strcmp(key, "meta.index_number") == 0)
			snprintf(e->index_number, sizeof(e->index_number), "%s", val);
		else if (strncmp(key, "status.t", 8) == 0 && key[8] >= '2' && key[8] <= '4')
			snprintf(e->status[key[8] - '2'], sizeof(e->status[0]), "%s", val);
		else if (strcmp(key, "diag") == 0 && e->ndiags < 16)
			snprintf(e->diags[e->ndiags++], sizeof(e->diags[0]), "%s", val);
		else if (strcmp(key, "maybe") == 0)
		{
			const GiarDictEntry *d = giar_dict_by_key(val);

			if (d && d->cell >= 0)
				e->maybe[d->cell] = true;
		}
		else
		{
			const GiarDictEntry *d = giar_dict_by_key(key);
			const char *unit;
			GiarNumber	n;

			if (d == NULL || d->cell < 0)
			{
				printf("FAIL %s: unknown key %s\n", path, key);
				failures++;
				continue;
			}
			if (!giar_parse_number(val, (int) strlen(val), &n, &unit))
			{
				printf("FAIL %s: bad value %s for %s\n", path, val, key);
				failures++;
				continue;
			}
			e->has_cell[d->cell] = true;
			e->cell[d->cell] = n;
		}
	}
	fclose(f);
	return true;
}

static bool
numbers_equal(GiarNumber a, GiarNumber b)
{
	while (a.scale > 0 && a.digits % 10 == 0)
	{
		a.digits /= 10;
		a.scale--;
	}
	while (b.scale > 0 && b.digits % 10 == 0)
	{
		b.digits /= 10;
		b.scale--;
	}
	return a.digits == b.digits && a.scale == b.scale;
}

typedef struct Score
{
	int			right;
	int			wrong;
	int			missing;
	int			spurious;
} Score;

/*
 * Compare the cells of a report with the expected ones.  With partial set
 * (truncated text), a missing cell is no failure but a wrong or spurious
 * one is.
 */
static void
score_cells(const char *name, const GiarReport *r, const Expected *e,
			bool partial, Score *s)
{
	for (int c = 0; c < GIAR_NCELLS; c++)
	{
		const GiarDictEntry *d = giar_dict_by_cell(c);
		char		got[64],
					want[64];

		if (d == NULL)
			continue;
		giar_number_format(r->cells[c], got, sizeof(got));
		giar_number_format(e->cell[c], want, sizeof(want));
		if (e->has_cell[c])
		{
			if (!r->cells[c].present)
			{
				if (!partial && !e->maybe[c])
				{
					s->missing++;
					printf("FAIL %s: missing %s (want %s)\n", name, d->key, want);
				}
			}
			else if (!numbers_equal(r->cells[c], e->cell[c]))
			{
				s->wrong++;
				printf("FAIL %s: WRONG %s = %s (want %s)\n", name, d->key, got, want);
			}
			else
				s->right++;
		}
		else if (r->cells[c].present && !e->maybe[c])
		{
			s->spurious++;
			printf("FAIL %s: spurious %s = %s\n", name, d->key, got);
		}
	}
}

static void
check_fixture(const char *dir, const char *base, Score *total)
{
	char		path[1024];
	Expected   *e = malloc(sizeof(Expected));
	Parsed		p;
	size_t		len;
	char	   *text;
	Score		s = {0, 0, 0, 0};

	snprintf(path, sizeof(path), "%s/%s.expected", dir, base);
	if (!read_expected(path, e))
	{
		free(e);
		return;
	}
	snprintf(path, sizeof(path), "%s/%s.txt", dir, base);
	text = giar_read_file(path, &len);
	CHECK(text != NULL, "read %s", path);
	if (text == NULL)
	{
		free(e);
		return;
	}
	parse_text(&p, text, len);

	score_cells(base, &p.report, e, false, &s);
	checks++;
	if (s.wrong || s.missing || s.spurious)
		failures++;
	total->right += s.right;
	total->wrong += s.wrong;
	total->missing += s.missing;
	total->spurious += s.spurious;

	if (e->format[0])
		CHECK(strcmp(giar_format_name(p.report.format), e->format) == 0,
			  "%s: format %s, want %s", base, giar_format_name(p.report.format), e->format);
	if (e->format[0])
		CHECK(p.report.year == e->year, "%s: year %d, want %d", base, p.report.year, e->year);
	if (e->agency[0] && strcmp(e->agency, "-") != 0)
		CHECK(p.report.agency && strcmp(p.report.agency, e->agency) == 0,
			  "%s: agency %s, want %s", base, p.report.agency ? p.report.agency : "-", e->agency);
	if (e->published[0])
	{
		char		got[16] = "-";

		if (p.report.published.year)
			snprintf(got, sizeof(got), "%04d-%02d-%02d", p.report.published.year,
					 p.report.published.month, p.report.published.day);
		CHECK(strcmp(got, e->published) == 0, "%s: published %s, want %s", base, got,
			  e->published);
	}
	if (e->index_number[0])
	{
		const char *got = p.report.index_number ? p.report.index_number : "-";

		CHECK(strcmp(got, e->index_number) == 0, "%s: index number %s, want %s", base,
			  got, e->index_number);
	}
	for (int t = 0; t < 3; t++)
		if (e->status[t][0])
			CHECK(strcmp(giar_table_status_name(p.report.table_status[t]), e->status[t]) == 0,
				  "%s: status of table %d %s, want %s", base, t + 2,
				  giar_table_status_name(p.report.table_status[t]), e->status[t]);
	for (int i = 0; i < e->ndiags; i++)
		CHECK(has_diag(&p.report, e->diags[i]), "%s: diagnostic %s expected", base,
			  e->diags[i]);
	parsed_free(&p);

	/*
	 * Truncated text (a crawler that stopped early): cut after every line;
	 * what is still stated must be right.
	 */
	{
		Score		ts = {0, 0, 0, 0};
		int			cuts = 0;

		for (size_t cut = 0; cut < len; cut++)
		{
			if (text[cut] != '\n')
				continue;
			parse_text(&p, text, cut);
			score_cells(base, &p.report, e, true, &ts);
			parsed_free(&p);
			cuts++;
		}
		CHECK(ts.wrong == 0 && ts.spurious == 0,
			  "%s truncated at %d line ends: %d wrong, %d spurious cells", base,
			  cuts, ts.wrong, ts.spurious);
	}
	free(text);
	free(e);
}

/*
 * The fixture as a crawler that drops cell boundaries leaves it: on every
 * normalised line with at least two numbers standing alone, the separators
 * (|, spaces, tabs) before a number are removed, so "数量 | 328 | 25 | …"
 * becomes "数量32825…".
 */
static char *
flatten_cells(const char *text, size_t len, size_t *out_len)
{
	char	   *norm = NULL;
	char	   *out;
	size_t		w = 0;
	GiarStandalone sa;
	GiarReport	report;
	size_t		nlen;
	const char *p;

	giar_standalone_begin(&sa, &report);
	p = giar_normalize_for_display(&sa.cx, text, len, &nlen);
	norm = malloc(nlen + 1);
	memcpy(norm, p, nlen);
	norm[nlen] = '\0';
	giar_standalone_end(&sa);

	out = malloc(nlen + 1);
	for (char *line = norm; line && *line;)
	{
		char	   *eol = strchr(line, '\n');
		size_t		llen = eol ? (size_t) (eol - line) : strlen(line);
		int			numbers = 0;

		/* count the numbers standing alone between separators */
		for (size_t i = 0; i < llen;)
		{
			size_t		j;
			bool		digits = true;

			while (i < llen && (line[i] == '|' || line[i] == ' ' || line[i] == '\t'))
				i++;
			j = i;
			while (j < llen && line[j] != '|' && line[j] != ' ' && line[j] != '\t')
			{
				if (!((line[j] >= '0' && line[j] <= '9') || line[j] == '.'))
					digits = false;
				j++;
			}
			if (j > i && digits)
				numbers++;
			i = j;
		}
		for (size_t i = 0; i < llen; i++)
		{
			if (numbers >= 2 && (line[i] == '|' || line[i] == ' ' || line[i] == '\t'))
			{
				size_t		j = i;

				while (j < llen && (line[j] == '|' || line[j] == ' ' || line[j] == '\t'))
					j++;
				if (j < llen && line[j] >= '0' && line[j] <= '9')
				{
					i = j - 1;
					continue;
				}
			}
			out[w++] = line[i];
		}
		out[w++] = '\n';
		line = eol ? eol + 1 : NULL;
	}
	free(norm);
	*out_len = w;
	return out;
}

/* What the fixtures give once their text is transformed. */
typedef struct Variant
{
	int			reports;
	int			table_cells;
	int			table_right;
	int			absent;			/* expected table cells left absent */
	int			listed;			/* of which marked unreadable (candidates, counts) */
	int			explained;		/* of which the report has a diagnostic for */
	int			flagged;		/* reports with the diagnostic asked for */
	Score		total;
} Variant;

typedef char *(*Transform) (const char *text, size_t len, size_t *out_len);

/*
 * Parse every fixture after transforming its text; score what it states
 * (missing cells allowed, wrong or spurious ones not).
 */
static void
score_variant(const char *dir, char **names, int n, Transform transform,
			  const char *flag_code, Variant *v)
{
	memset(v, 0, sizeof(*v));
	for (int k = 0; k < n; k++)
	{
		char		path[1024];
		Expected   *e = malloc(sizeof(Expected));
		size_t		len,
					tlen;
		char	   *text,
				   *changed;
		Parsed		p;
		Score		s = {0, 0, 0, 0};

		snprintf(path, sizeof(path), "%s/%s.expected", dir, names[k]);
		if (!read_expected(path, e))
		{
			free(e);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s.txt", dir, names[k]);
		text = giar_read_file(path, &len);
		if (text == NULL)
		{
			free(e);
			continue;
		}
		changed = transform(text, len, &tlen);
		parse_text(&p, changed, tlen);
		score_cells(names[k], &p.report, e, true, &s);
		v->reports++;
		v->total.wrong += s.wrong;
		v->total.spurious += s.spurious;
		if (flag_code)
			v->flagged += has_diag(&p.report, flag_code);
		for (int c = GIAR_CELL_T2_BASE; c < GIAR_CELL_N_BASE; c++)
		{
			if (!e->has_cell[c])
				continue;
			v->table_cells++;
			if (p.report.cells[c].present)
				v->table_right += numbers_equal(p.report.cells[c], e->cell[c]);
			else
			{
				v->absent++;
				v->listed += p.report.unreadable[c];
				v->explained += p.report.unreadable[c] || p.report.ndiagnostics > 0;
			}
		}
		parsed_free(&p);
		free(changed);
		free(text);
		free(e);
	}
}

/*
 * Property: every fixture with its cell boundaries removed parses with
 * every cell right or absent (and the absent ones accounted for by a
 * diagnostic), never wrong, never spurious.
 */
static void
test_flattened(const char *dir, char **names, int n)
{
	Variant		v;

	score_variant(dir, names, n, flatten_cells, NULL, &v);
	printf("flattened: %d reports, table cells right %d of %d (%.1f%%), absent %d "
		   "(%d marked unreadable with the candidates or the count in a diagnostic), "
		   "wrong %d, spurious %d\n",
		   v.reports, v.table_right, v.table_cells,
		   v.table_cells ? 100.0 * v.table_right / v.table_cells : 0.0, v.absent, v.listed,
		   v.total.wrong, v.total.spurious);
	CHECK(v.total.wrong == 0 && v.total.spurious == 0,
		  "flattened fixtures: no wrong and no spurious cell");
	CHECK(v.absent == v.explained, "every absent cell of a flattened fixture is explained");
}

/* ------------------------------------------------------------------ */
/* Line breaks are hints                                               */
/* ------------------------------------------------------------------ */

/*
 * Property: a report states the same cells (table cells, derived
 * subtotals, meta.year, the prose figures) when its text has every line
 * break removed, and when every cell of its table rows stands on a line of
 * its own.
 *
 *  - Breaks removed: a break between two CJK characters is taken out, as
 *    crawlers that store a page's article as one line join the text of
 *    its blocks ("商业\n企业" is 商业企业); any other break becomes a
 *    space, which keeps two numbers apart ("5\n0" is "5 0", never 50).
 *    Full-width digits and letters count as digits and letters here.
 *  - One cell a line: a line with bars is cut at them (the outer bars
 *    dropped), a blank cell kept as a line of its own "|"; a line with a
 *    digit (a row's values; not a heading or prose set out with spaces)
 *    and tabs or runs of two or more spaces (ASCII or U+3000) is cut at
 *    them.
 *  - HTML: the page is rendered first (giar_normalize_for_display: one
 *    line per block, one per table row) and the two rewritings are applied
 *    to the rendered text; the page's own line breaks mean nothing.  The
 *    result is compared with the parse of the page.
 *
 * Every fixture, and when ../shared is there every seed and corpus text,
 * must hold it; there is no exception today.
 */
static int	compare_names(const void *a, const void *b);

typedef struct StatedCell
{
	const GiarDictEntry *entry;
	GiarNumber	value;
} StatedCell;

typedef struct StatedCells
{
	StatedCell *cells;
	int			n;
	int			cap;
} StatedCells;

static bool
collect_cell(void *arg, const GiarDictEntry *entry, GiarNumber value)
{
	StatedCells *sc = arg;

	if (sc->n == sc->cap)
	{
		sc->cap = sc->cap ? sc->cap * 2 : 256;
		sc->cells = realloc(sc->cells, sizeof(StatedCell) * (size_t) sc->cap);
	}
	sc->cells[sc->n].entry = entry;
	sc->cells[sc->n].value = value;
	sc->n++;
	return true;
}

static void
stated_cells(const char *text, size_t len, StatedCells *out)
{
	Parsed		p;

	memset(out, 0, sizeof(*out));
	parse_text(&p, text, len);
	giar_report_cells(&p.report, collect_cell, out);
	parsed_free(&p);
}

/* The first difference between two lists of cells, as text; false if none. */
static bool
cells_differ(const StatedCells *a, const StatedCells *b, char *what, size_t size)
{
	int			i = 0,
				j = 0;

	while (i < a->n || j < b->n)
	{
		const StatedCell *x = i < a->n ? &a->cells[i] : NULL;
		const StatedCell *y = j < b->n ? &b->cells[j] : NULL;
		char		vx[64],
					vy[64];

		if (x && y && x->entry == y->entry)
		{
			if (!numbers_equal(x->value, y->value))
			{
				giar_number_format(x->value, vx, sizeof(vx));
				giar_number_format(y->value, vy, sizeof(vy));
				snprintf(what, size, "%s is %s, not %s", x->entry->key, vy, vx);
				return true;
			}
			i++;
			j++;
			continue;
		}
		/* both lists are in dictionary order */
		if (y == NULL || (x && x->entry < y->entry))
		{
			snprintf(what, size, "%s (%d cells, not %d) is missing", x->entry->key, b->n, a->n);
			return true;
		}
		snprintf(what, size, "%s (%d cells, not %d) is stated", y->entry->key, b->n, a->n);
		return true;
	}
	return false;
}

/* Does the UTF-8 character at s[0, len) join its neighbour without a space? */
static bool
joins_without_space(const char *s, size_t len)
{
	uint32_t	cp;

	if (len == 0 || (unsigned char) s[0] < 0x80)
		return false;
	giar_utf8_decode(s, len > 8 ? 8 : (int) len, &cp);
	return cp >= 0x2E80 && !(cp >= 0xFF10 && cp <= 0xFF19) &&
		!(cp >= 0xFF21 && cp <= 0xFF3A) && !(cp >= 0xFF41 && cp <= 0xFF5A);
}

/* The text with every line break removed (see above); malloc'd. */
static char *
without_line_breaks(const char *text, size_t len, size_t *out_len)
{
	char	   *out = malloc(len + 1);
	size_t		w = 0;

	for (size_t i = 0; i < len; i++)
	{
		size_t		next,
					k;

		if (text[i] != '\n' && text[i] != '\r')
		{
			out[w++] = text[i];
			continue;
		}
		next = i + 1;
		if (text[i] == '\r' && next < len && text[next] == '\n')
			next++;
		/* the character before the break, and the one after it */
		for (k = w; k > 0 && ((unsigned char) out[k - 1] & 0xC0) == 0x80; k--)
			;
		if (!(w > 0 && k > 0 && joins_without_space(out + k - 1, w - (k - 1)) &&
			  next < len && joins_without_space(text + next, len - next)))
			out[w++] = ' ';
		i = next - 1;
	}
	out[w] = '\0';
	*out_len = w;
	return out;
}

/* Is there a cell separator at s[i]: a tab, two spaces, U+3000?  Its length. */
static size_t
cell_gap_at(const char *s, size_t i, size_t len)
{
	size_t		j = i;

	while (j < len)
	{
		if (s[j] == '\t' || s[j] == ' ')
			j++;
		else if (len - j >= 3 && memcmp(s + j, "\xE3\x80\x80", 3) == 0)
			j += 3;
		else
			break;
	}
	if (j - i >= 2 || (j > i && s[i] != ' '))
		return j - i;
	return 0;
}

/* A cell on a line of its own, trimmed; a blank cell as a lone bar. */
static void
add_cell_line(char *out, size_t *w, const char *cell, size_t n)
{
	while (n > 0 && (cell[0] == ' ' || cell[0] == '\t'))
	{
		cell++;
		n--;
	}
	while (n > 0 && (cell[n - 1] == ' ' || cell[n - 1] == '\t'))
		n--;
	if (n == 0)
		out[(*w)++] = '|';
	memcpy(out + *w, cell, n);
	*w += n;
	out[(*w)++] = '\n';
}

/* The text with every cell of its rows on a line of its own (see above). */
static char *
one_cell_a_line(const char *text, size_t len, size_t *out_len)
{
	char	   *out = malloc(len * 2 + 2);
	size_t		w = 0;

	for (size_t start = 0; start <= len;)
	{
		const char *nl = memchr(text + start, '\n', len - start);
		size_t		end = nl ? (size_t) (nl - text) : len;
		const char *line = text + start;
		size_t		n = end - start;
		size_t		c = 0;
		bool		cut = false;

		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (memchr(line, '|', n))
		{
			size_t		a = 0,
						b = n;

			while (a < b && line[a] == ' ')
				a++;
			while (b > a && line[b - 1] == ' ')
				b--;
			if (a < b && line[a] == '|')
				a++;
			if (b > a && line[b - 1] == '|')
				b--;
			for (c = a; c <= b;)
			{
				const char *bar = memchr(line + c, '|', b - c);
				size_t		e = bar ? (size_t) (bar - line) : b;

				add_cell_line(out, &w, line + c, e - c);
				c = e + 1;
			}
		}
		else
		{
			/* rows hold values: a line without a digit is no row */
			bool		row = false;

			for (size_t i = 0; i < n && !row; i++)
				row = (line[i] >= '0' && line[i] <= '9') ||
					(n - i >= 3 && (unsigned char) line[i] == 0xEF &&
					 (unsigned char) line[i + 1] == 0xBC &&
					 (unsigned char) line[i + 2] >= 0x90 && (unsigned char) line[i + 2] <= 0x99);
			for (size_t i = 0; i < n && row;)
			{
				size_t		gap = cell_gap_at(line, i, n);

				if (gap == 0)
				{
					i++;
					continue;
				}
				if (i > c)
					add_cell_line(out, &w, line + c, i - c);
				i += gap;
				c = i;
				cut = true;
			}
			if (!cut)
			{
				/* no cells: the line as it is */
				memcpy(out + w, line, n);
				w += n;
				out[w++] = '\n';
			}
			else if (n > c)
				add_cell_line(out, &w, line + c, n - c);
		}
		if (nl == NULL)
			break;
		start = end + 1;
	}
	*out_len = w;
	return out;
}

typedef struct BreaksScore
{
	int			texts;
	int			cells;			/* cells the texts state */
	int			failed;
} BreaksScore;

/* Check the property for one text; name for the messages. */
static void
check_line_breaks(const char *name, const char *text, size_t len, BreaksScore *score)
{
	StatedCells original,
				joined,
				split;
	char	   *source = (char *) text;
	size_t		source_len = len;
	char	   *rendered = NULL;
	char	   *a,
			   *b;
	size_t		alen,
				blen;
	char		what[256];

	stated_cells(text, len, &original);
	if (giar_looks_like_html(text, len))
	{
		GiarStandalone sa;
		GiarReport	report;
		const char *r;

		giar_standalone_begin(&sa, &report);
		r = giar_normalize_for_display(&sa.cx, text, len, &source_len);
		rendered = malloc(source_len + 1);
		memcpy(rendered, r, source_len);
		rendered[source_len] = '\0';
		giar_standalone_end(&sa);
		source = rendered;
	}
	a = without_line_breaks(source, source_len, &alen);
	b = one_cell_a_line(source, source_len, &blen);
	stated_cells(a, alen, &joined);
	stated_cells(b, blen, &split);
	score->texts++;
	score->cells += original.n;
	if (cells_differ(&original, &joined, what, sizeof(what)))
	{
		score->failed++;
		CHECK(false, "%s with its line breaks removed: %s", name, what);
	}
	if (cells_differ(&original, &split, what, sizeof(what)))
	{
		score->failed++;
		CHECK(false, "%s with one cell a line: %s", name, what);
	}
	checks++;
	free(original.cells);
	free(joined.cells);
	free(split.cells);
	free(a);
	free(b);
	free(rendered);
}

/* Every file of dir whose name ends with suffix; silently none without dir. */
static void
check_line_breaks_in(const char *dir, const char *suffix, BreaksScore *score)
{
	DIR		   *d = opendir(dir);
	struct dirent *de;
	char	   *names[512];
	int			n = 0;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 512)
	{
		size_t		l = strlen(de->d_name);
		size_t		sl = strlen(suffix);

		if (l > sl && strcmp(de->d_name + l - sl, suffix) == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), compare_names);
	for (int i = 0; i < n; i++)
	{
		char		path[1024];
		size_t		len;
		char	   *text;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		text = giar_read_file(path, &len);
		if (text)
			check_line_breaks(names[i], text, len, score);
		free(text);
		free(names[i]);
	}
}

static void
test_line_breaks(const char *fixtures)
{
	BreaksScore fx = {0, 0, 0},
				shared = {0, 0, 0};

	/* the seeds and the corpus: GIAR_CORPUS, as scripts/test.sh sets it */
	const char *corpus = getenv("GIAR_CORPUS") ? getenv("GIAR_CORPUS") : "../shared";
	char		dir[1024];

	check_line_breaks_in(fixtures, ".txt", &fx);
	snprintf(dir, sizeof(dir), "%s/seeds", corpus);
	check_line_breaks_in(dir, ".txt", &shared);
	snprintf(dir, sizeof(dir), "%s/corpus/texts", corpus);
	check_line_breaks_in(dir, ".txt", &shared);
	check_line_breaks_in(dir, ".html", &shared);
	printf("line breaks are hints: %d fixtures (%d cells), %d seeds and corpus texts of %s (%d cells): "
		   "the same cells with the breaks removed and one cell a line in all but %d\n",
		   fx.texts, fx.cells, shared.texts, corpus, shared.cells, fx.failed + shared.failed);
	CHECK(fx.texts > 0, "fixtures found for the line-break property");
}

/*
 * A hijacked mirror's copy: a block of spam inside the label of every line
 * with a number (after its second Han character), mojibake in a few.
 */
static char *
inject_spam(const char *text, size_t len, size_t *out_len)
{
	static const char *const spam[] = {"【正规买球网站】", "锟斤拷", "澳门葡京"};
	char	   *out = malloc(len * 3 + 64);
	size_t		w = 0;
	int			nline = 0;

	for (size_t i = 0; i < len;)
	{
		size_t		eol = i;
		bool		digit = false;
		int			han = 0;
		size_t		at = 0;

		while (eol < len && text[eol] != '\n')
		{
			if (text[eol] >= '0' && text[eol] <= '9')
				digit = true;
			eol++;
		}
		for (size_t k = i; k < eol && at == 0;)
		{
			unsigned char b = (unsigned char) text[k];
			int			n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;

			if (n == 3 && b >= 0xE4 && b <= 0xE9 && ++han == 2)
				at = k + 3;
			k += n;
		}
		if (digit && at > 0 && at <= eol)
		{
			const char *s = spam[nline++ % 3];

			memcpy(out + w, text + i, at - i);
			w += at - i;
			memcpy(out + w, s, strlen(s));
			w += strlen(s);
			memcpy(out + w, text + at, eol - at);
			w += eol - at;
		}
		else
		{
			memcpy(out + w, text + i, eol - i);
			w += eol - i;
		}
		if (eol < len)
			out[w++] = '\n';
		i = eol + 1;
	}
	*out_len = w;
	return out;
}

/* Property: spam injected into the labels never makes a cell wrong. */
static void
test_spam_injected(const char *dir, char **names, int n)
{
	Variant		v;

	score_variant(dir, names, n, inject_spam, "TEXT_INJECTED", &v);
	printf("spam injected: %d reports (%d flagged TEXT_INJECTED), table cells right %d of %d (%.1f%%), "
		   "wrong %d, spurious %d\n", v.reports, v.flagged, v.table_right, v.table_cells,
		   v.table_cells ? 100.0 * v.table_right / v.table_cells : 0.0, v.total.wrong,
		   v.total.spurious);
	CHECK(v.total.wrong == 0 && v.total.spurious == 0,
		  "spam in the labels: no wrong and no spurious cell");
}

/*
 * text[0..len) in traditional characters (ICU's Hans-Hant), and a line of
 * Taiwan phrasings after it; malloc'd, or NULL.
 */
static char *
hans_to_hant(const char *text, size_t len, int *outlen)
{
	static const char taiwan[] = "\n本機關資訊公開網路及出版品，規範性檔案。\n";
	UErrorCode	st = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(u"Hans-Hant", -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	int32_t		ulen = 0,
				cap,
				limit,
				u8len = 0;
	UChar	   *u;
	char	   *out = NULL;

	if (U_FAILURE(st))
		return NULL;
	u_strFromUTF8(NULL, 0, &ulen, text, (int32_t) len, &st);
	st = U_ZERO_ERROR;
	cap = ulen * 2 + 16;
	u = malloc(sizeof(UChar) * (size_t) cap);
	u_strFromUTF8(u, cap, &ulen, text, (int32_t) len, &st);
	limit = ulen;
	utrans_transUChars(t, u, &ulen, cap, 0, &limit, &st);
	if (U_SUCCESS(st))
		u_strToUTF8(NULL, 0, &u8len, u, ulen, &st);
	if (st == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(st))
	{
		st = U_ZERO_ERROR;
		out = malloc((size_t) u8len + sizeof(taiwan));
		u_strToUTF8(out, u8len + 1, &u8len, u, ulen, &st);
		if (U_FAILURE(st))
		{
			free(out);
			out = NULL;
		}
		else
		{
			memcpy(out + u8len, taiwan, sizeof(taiwan));
			*outlen = u8len + (int) sizeof(taiwan) - 1;
		}
	}
	free(u);
	utrans_close(t);
	return out;
}

/* text with every occurrence of from replaced by to (malloc'd) */
static char *
replace_all(const char *text, const char *from, const char *to)
{
	size_t		flen = strlen(from),
				tlen = strlen(to),
				n = 0;
	char	   *out,
			   *w;

	for (const char *p = strstr(text, from); p; p = strstr(p + flen, from))
		n++;
	out = malloc(strlen(text) + n * (tlen > flen ? tlen - flen : 0) + 1);
	w = out;
	for (const char *p = text;;)
	{
		const char *hit = strstr(p, from);

		if (hit == NULL)
		{
			strcpy(w, p);
			break;
		}
		memcpy(w, p, (size_t) (hit - p));
		w += hit - p;
		memcpy(w, to, tlen);
		w += tlen;
		p = hit + flen;
	}
	return out;
}

/*
 * Apply each edit (from, to) in turn to the malloc'd text, which is freed;
 * with must_change, an edit that finds nothing to replace fails a check.
 */
static char *
apply_edits(char *text, const char *const (*edits)[2], size_t n, bool must_change)
{
	for (size_t e = 0; e < n; e++)
	{
		char	   *next = replace_all(text, edits[e][0], edits[e][1]);

		if (must_change)
			CHECK(strcmp(next, text) != 0, "edit \"%s\" applies", edits[e][0]);
		free(text);
		text = next;
	}
	return text;
}

/* The text of fixture <name>.txt (malloc'd), or NULL after a failed check. */
static char *
read_fixture(const char *dir, const char *name, size_t *len)
{
	char		path[1024];
	char	   *text;

	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	text = giar_read_file(path, len);
	CHECK(text != NULL, "read %s", path);
	return text;
}

/*
 * A report before 2019 keeps nothing fitting said of its tables, and its
 * tables need not be fitted at all when its cells decide nothing; but a
 * text refused as no report keeps what fitting said, whatever its year.
 * Fixture 58 made a 2017 行政执法 data publication without part headings.
 */
static void
test_legacy_refused(const char *dir)
{
	static const char *const edits[][2] = {
		{"2023年政府信息公开工作年度报告", "2017年行政执法数据统计"},
		{"2023", "2017"}, {"2024", "2018"},
		{"一、总体情况\n", ""}, {"二、主动公开政府信息情况\n", ""},
		{"三、收到和处理政府信息公开申请情况\n", ""},
		{"四、政府信息公开行政复议、行政诉讼情况\n", ""},
		{"五、存在的主要问题及改进情况\n", ""}, {"六、其他需要报告的事项\n", ""},
	};
	size_t		len;
	char	   *text;
	GiarStandalone sa;
	GiarReport	report;

	if ((text = read_fixture(dir, "58_t2_extra_row_instruction_label", &len)) == NULL)
		return;
	text = apply_edits(text, edits, sizeof(edits) / sizeof(edits[0]), false);
	giar_standalone_begin(&sa, &report);
	giar_parse(&sa.cx, text, strlen(text), &report);
	CHECK(has_diag(&report, "NOT_A_REPORT"), "a 2017 行政执法 data publication is refused");
	CHECK(has_diag(&report, "ROW_EXTRA"),
		  "a refused 2017 text keeps what fitting said of its tables (ROW_EXTRA)");
	CHECK(!has_diag(&report, "LEGACY_TABLES"), "a refused text says nothing of legacy tables");
	giar_standalone_end(&sa);
	free(text);
}

/*
 * Tables without their part headings are looked for from the first line
 * that may hold a word opening one (the lines before are not tokenised).
 * Fixture 01 with its three table headings removed, and again with every
 * such word also removed from its prose and spelt in its tables with
 * spaces and punctuation inside ("勾 稽、关系", "第 二十 条", "规 章"):
 * all three tables are found outside their parts, with every cell as the
 * original states it.
 */
static void
test_tables_without_headings(const char *dir)
{
	static const char *const headings[][2] = {
		{"二、主动公开政府信息情况\n", ""},
		{"三、收到和处理政府信息公开申请情况\n", ""},
		{"四、政府信息公开行政复议、行政诉讼情况\n", ""},
	};
	static const char *const spelt[][2] = {
		{"被申请行政复议", "被申请复议"}, {"共新收政府信息", "共收到政府信息"},
		{"勾稽关系", "勾 稽、关系"}, {"申请人情况", "申请人 情况"},
		{"第二十条", "第 二十 条"}, {"信息内容", "信息 内容"},
		{"\n规章 |", "\n规 章 |"}, {"\n行政复议 |", "\n行政 复议 |"},
	};
	static const char *const words[] = {
		"第二十条", "信息内容", "规章", "勾稽关系", "申请人情况", "行政复议"
	};
	size_t		len;
	char	   *original;
	char	   *text;
	GiarStandalone sa;
	GiarReport	expected;

	if ((original = read_fixture(dir, "01_pipe_rows", &len)) == NULL)
		return;
	giar_standalone_begin(&sa, &expected);
	giar_parse(&sa.cx, original, len, &expected);
	giar_standalone_end(&sa);
	text = strdup(original);
	for (int variant = 0; variant < 2; variant++)
	{
		GiarReport	report;
		int			differ = 0,
					stated = 0;

		if (variant == 0)
			text = apply_edits(text, headings, sizeof(headings) / sizeof(headings[0]), true);
		else
			text = apply_edits(text, spelt, sizeof(spelt) / sizeof(spelt[0]), true);
		for (size_t w = 0; variant == 1 && w < sizeof(words) / sizeof(words[0]); w++)
			CHECK(strstr(text, words[w]) == NULL, "%s is only spelt apart", words[w]);
		if (variant == 1)
		{
			/* no word that opens a table, as it is spelt, before table 2 */
			static const char *const others[] = {"本年新收", "新收政府信息", "行政法复议"};
			const char *table2 = strstr(text, "第 二十 条");

			CHECK(table2 != NULL, "table 2's first line is there");
			for (size_t w = 0; table2 && w < sizeof(others) / sizeof(others[0]); w++)
			{
				const char *at = strstr(text, others[w]);

				CHECK(at == NULL || at > table2, "%s only after table 2", others[w]);
			}
		}
		giar_standalone_begin(&sa, &report);
		giar_parse(&sa.cx, text, strlen(text), &report);
		CHECK(has_diag(&report, "TABLE_OUTSIDE_PART"),
			  "variant %d: the tables are found outside their parts", variant);
		for (int c = GIAR_CELL_T2_BASE; c < GIAR_CELL_N_BASE; c++)
		{
			const GiarNumber *a = &expected.cells[c];
			const GiarNumber *b = &report.cells[c];

			stated += a->present;
			if (a->present != b->present ||
				(a->present && (a->digits != b->digits || a->scale != b->scale)))
				differ++;
		}
		CHECK(stated >= 150 && differ == 0,
			  "variant %d: %d of %d table cells differ from the report with headings",
			  variant, differ, stated);
		giar_standalone_end(&sa);
	}
	free(text);
	free(original);
}

/* Fixture <name> with one edit applied (malloc'd), or NULL after a failed check. */
static char *
fixture_edited(const char *dir, const char *name, const char *from, const char *to)
{
	const char *const edit[1][2] = {{from, to}};
	size_t		len;
	char	   *text = read_fixture(dir, name, &len);

	return text ? apply_edits(text, edit, 1, true) : NULL;
}

/* The first diagnostic with the code, or NULL. */
static const GiarDiagnostic *
find_diag(const GiarReport *r, const char *code)
{
	for (int i = 0; i < r->ndiagnostics; i++)
		if (strcmp(r->diagnostics[i].code, code) == 0)
			return &r->diagnostics[i];
	return NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t		n = strlen(s),
				m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Messages cut to fit are cut between characters: the quotation of fixture
 * 41's long extra row (cut at 60 bytes, inside a character), and a message
 * longer than a diagnostic keeps (a 行政事业性收费 cell whose number stands
 * 993 spaces before its unit 元, quoted whole: the cut falls inside 元).
 */
static void
test_cut_messages(const char *dir)
{
	Parsed		p;
	size_t		len;
	char	   *text;
	const GiarDiagnostic *d;

	/* "a甲乙": 1 + 3 + 3 bytes; a prefix of at most k bytes ends after a, 甲 or 乙 */
	{
		static const int longest[] = {0, 1, 1, 1, 4, 4, 4, 7, 7};

		for (int k = 0; k <= 8; k++)
			CHECK(giar_utf8_prefix_len("a甲乙", 7, k) == longest[k],
				  "prefix of \"a甲乙\" in %d bytes: %d, want %d", k,
				  giar_utf8_prefix_len("a甲乙", 7, k), longest[k]);
	}
	/* cut to 8 bytes: "a甲" and the ellipsis (a甲乙丙 is 10 bytes) */
	{
		char		buf[16] = "a甲乙丙";
		size_t		n = giar_utf8_truncate(buf, strlen(buf), 8);

		CHECK(n == 7 && strcmp(buf, "a甲…") == 0, "a甲乙丙 cut to 8 bytes: %s", buf);
		strcpy(buf, "a甲乙");
		n = giar_utf8_truncate(buf, strlen(buf), 7);
		CHECK(n == 7 && strcmp(buf, "a甲乙") == 0, "a甲乙 fits in 7 bytes: %s", buf);
	}

	if ((text = read_fixture(dir, "41_t3_extra_provincial_row", &len)) == NULL)
		return;
	parse_text(&p, text, len);
	d = find_diag(&p.report, "ROW_EXTRA");
	CHECK(d && giar_text_is_clean(d->message) && strstr(d->message, "…\")") != NULL,
		  "fixture 41: the extra row is quoted up to a character boundary, cut marked: %s",
		  d ? d->message : "no ROW_EXTRA");
	parsed_free(&p);
	free(text);

	{
		char		cell[1100];

		snprintf(cell, sizeof(cell), "行政事业性收费 | 5%*s元 |", 993, "");
		if ((text = fixture_edited(dir, "01_pipe_rows", "行政事业性收费 | 4862.17 |",
								   cell)) == NULL)
			return;
	}
	parse_text(&p, text, strlen(text));
	d = find_diag(&p.report, "UNIT_CONVERTED");
	CHECK(d && giar_text_is_clean(d->message) && strlen(d->message) < 1024 &&
		  ends_with(d->message, "…"),
		  "a message longer than a diagnostic keeps is cut between characters: %s",
		  d ? d->message : "no UNIT_CONVERTED");
	parsed_free(&p);
	free(text);
}

/*
 * A figure with thousands separators beyond int64 (and 18 digits) in a
 * table cell is no number: the cell is left absent with CELL_NOT_NUMBER,
 * and reading it overflows nothing (the sanitizer build aborts on that).
 */
static void
test_figure_beyond_range(const char *dir)
{
	Parsed		p;
	char	   *text;
	const GiarDiagnostic *d;
	const GiarDictEntry *e = giar_dict_by_key("t2.licensing.decisions");

	if ((text = fixture_edited(dir, "01_pipe_rows", "行政许可 | 1582 |",
							   "行政许可 | 99,999,999,999,999,999,999 |")) == NULL)
		return;
	parse_text(&p, text, strlen(text));
	d = find_diag(&p.report, "CELL_NOT_NUMBER");
	CHECK(!p.report.cells[e->cell].present && d && d->line == 25 &&
		  strstr(d->message, "t2.licensing.decisions") != NULL,
		  "a figure beyond int64 is left absent with CELL_NOT_NUMBER: %s",
		  d ? d->message : "none");
	parsed_free(&p);
	free(text);
}

/*
 * A superscript or subscript after a number is a footnote mark, never a
 * digit of it: "1582¹" (NFKC makes it 15821) is 1582 with FOOTNOTE_MARK on
 * its line, in a pipe table (marks of two and three bytes, subscripts,
 * parenthesised, before a unit) and in HTML (<sup>1</sup> after the number
 * split over two spans, 12|07, in fixture 05: it read 12071).
 */
static void
test_footnote_marks(const char *dir)
{
	static const char *const cells[] = {
		"1582¹", "1582²", "1582⁴", "1582₂", "1582⁽¹⁾", "1582¹²", "1582¹件"
	};
	const GiarDictEntry *e = giar_dict_by_key("t2.licensing.decisions");
	Parsed		p;
	char	   *text;
	const GiarDiagnostic *d;

	for (size_t k = 0; k < sizeof(cells) / sizeof(cells[0]); k++)
	{
		char		row[64];

		snprintf(row, sizeof(row), "行政许可 | %s |", cells[k]);
		if ((text = fixture_edited(dir, "01_pipe_rows", "行政许可 | 1582 |", row)) == NULL)
			return;
		parse_text(&p, text, strlen(text));
		d = find_diag(&p.report, "FOOTNOTE_MARK");
		CHECK(p.report.cells[e->cell].present && p.report.cells[e->cell].digits == 1582 &&
			  p.report.table_status[GIAR_TABLE_2] == GIAR_TABLE_PARSED,
			  "\"%s\": 行政许可 %lld, want 1582", cells[k],
			  (long long) p.report.cells[e->cell].digits);
		CHECK(d && d->line == 25 && strstr(d->message, cells[k]) != NULL,
			  "\"%s\": FOOTNOTE_MARK on line 25 quoting the cell: %s", cells[k],
			  d ? d->message : "none");
		parsed_free(&p);
		free(text);
	}

	if ((text = fixture_edited(dir, "05_html_word_page", "07<o:p></o:p></span>",
							   "07<sup>1</sup><o:p></o:p></span>")) == NULL)
		return;
	parse_text(&p, text, strlen(text));
	d = find_diag(&p.report, "FOOTNOTE_MARK");
	CHECK(p.report.cells[e->cell].digits == 1207 && d && d->line > 0,
		  "HTML 12|07<sup>1</sup>: 行政许可 %lld, want 1207, with FOOTNOTE_MARK: %s",
		  (long long) p.report.cells[e->cell].digits, d ? d->message : "none");
	parsed_free(&p);
	{
		/* rendered alike with and without libxml2, as the fuzz target requires */
		GiarStandalone sa;
		GiarReport	report;
		GiarRawText direct,
					libxml;

		giar_standalone_begin(&sa, &report);
		CHECK(giar_html_render_libxml(&sa.cx, text, strlen(text), &libxml) &&
			  strstr(libxml.buf, "07\u00B9") != NULL,
			  "<sup>1</sup> is rendered as a superscript one");
		if (giar_html_render_direct(&sa.cx, text, strlen(text), &direct))
			CHECK(giar_raw_text_equal(&direct, &libxml),
				  "<sup> rendered alike with and without libxml2");
		giar_standalone_end(&sa);
	}
	free(text);
}

/*
 * U+2212 MINUS SIGN is a minus: "−2" in the 2019 format's 本年增/减 of
 * fixture 14 is -2, the row kept (it was dropped with ROW_CELL_COUNT).
 */
static void
test_minus_sign(const char *dir)
{
	const GiarDictEntry *change = giar_dict_by_key("t2.licensing.items_change");
	const GiarDictEntry *decisions = giar_dict_by_key("t2.licensing.decisions");
	Parsed		p;
	char	   *text;

	if ((text = fixture_edited(dir, "14_format_2019", "| 行政许可 | 28 | -2 | 412 |",
							   "| 行政许可 | 28 | \u22122 | 412 |")) == NULL)
		return;
	parse_text(&p, text, strlen(text));
	CHECK(p.report.cells[change->cell].present &&
		  p.report.cells[change->cell].digits == -2 &&
		  p.report.cells[decisions->cell].digits == 412 &&
		  !has_diag(&p.report, "ROW_CELL_COUNT"),
		  "−2 is read as -2 (%lld), its row kept",
		  (long long) p.report.cells[change->cell].digits);
	parsed_free(&p);
	free(text);
}

/*
 * doc->chars3 rules words out of a document without a search: it must hold
 * every character of every line as the parser reads them (traditional
 * script converted, Taiwan phrasings undone, pinyin removed), for every
 * fixture and its traditional-script rendering.
 */
static void
test_doc_chars(const char *dir, char **names, int n)
{
	int			docs = 0,
				traditional = 0,
				lines = 0,
				missing = 0,
				breaks = 0;

	for (int i = 0; i < n; i++)
	{
		char	   *text;
		size_t		len;

		if ((text = read_fixture(dir, names[i], &len)) == NULL)
			continue;
		for (int variant = 0; variant < 2; variant++)
		{
			GiarStandalone sa;
			GiarReport	report;
			GiarDoc		doc;
			char	   *trad = NULL;
			const char *src = text;
			size_t		srclen = len;

			if (variant == 1)
			{
				/* the fixture in traditional characters, as Taiwan writes */
				int			tlen;

				if ((trad = hans_to_hant(text, len, &tlen)) == NULL)
					continue;
				src = trad;
				srclen = (size_t) tlen;
			}
			giar_standalone_begin(&sa, &report);
			giar_read_document(&sa.cx, src, srclen, &doc);
			if (variant == 1)
				traditional += doc.traditional;
			docs++;
			for (int l = 0; l < doc.nlines; l++)
			{
				uint64_t	line_chars[64] = {0};

				lines++;
				if (memchr(doc.lines[l].text, '\n', (size_t) doc.lines[l].len) &&
					breaks++ < 3)
					CHECK(false, "%s%s line %d holds a line break",
						  names[i], variant ? " (traditional)" : "", l + 1);
				giar_chars_add(line_chars, doc.lines[l].text, (size_t) doc.lines[l].len);
				for (int b = 0; b < 64; b++)
					if ((line_chars[b] & ~doc.chars3[b]) && missing++ < 3)
						CHECK(false, "%s%s line %d: a character missing from chars3",
							  names[i], variant ? " (traditional)" : "", l + 1);
			}
			giar_standalone_end(&sa);
			free(trad);
		}
		free(text);
	}
	printf("document characters: %d documents (%d read as traditional script), %d lines, "
		   "%d lines with a character chars3 lacks\n", docs, traditional, lines, missing);
	CHECK(missing == 0, "chars3 holds every character of every line");
	CHECK(breaks == 0, "no line holds a line break");
	CHECK(traditional > n / 2, "the traditional renderings are read as traditional script");
}

/*
 * The watched characters giar_read_document_watching notes are exactly
 * those a scan of the lines finds (every character from U+4000 to U+FFFF
 * whose low 12 bits are in the set), in order: for every fixture, texts
 * whose characters NFKC expands, recomposes or drops, a set of every
 * character and a sparse one.  A document whose lines were rewritten
 * (pinyin removed, script converted) is not watched.
 */
static int
scan_watched(const GiarDoc *doc, const uint64_t *watch, const char **found, int cap)
{
	int			n = 0;

	for (int l = 0; l < doc->nlines; l++)
	{
		const unsigned char *u = (const unsigned char *) doc->lines[l].text;
		int			len = doc->lines[l].len;

		for (int i = 0; i + 3 <= len; i++)
		{
			unsigned	low;

			if (u[i] < 0xE4 || u[i] >= 0xF0)
				continue;
			low = giar_char_low12((const char *) u + i);
			if (((watch[low >> 6] >> (low & 63)) & 1) && n < cap)
				found[n++] = (const char *) u + i;
		}
	}
	return n;
}

static void
check_watched(const char *what, const char *text, size_t len,
			  const uint64_t *watch, int *docs, int *wrong, int *unwatched)
{
	GiarStandalone sa;
	GiarReport	report;
	GiarDoc		doc;
	const char **found = malloc(sizeof(char *) * (len / 3 + 1));
	int			n;
	bool		same;

	giar_standalone_begin(&sa, &report);
	giar_read_document_watching(&sa.cx, text, len, watch, &doc);
	(*docs)++;
	if (!doc.watched)
	{
		(*unwatched)++;
		CHECK(doc.pinyin_removed > 0 || doc.traditional,
			  "%s: unwatched only when its lines were rewritten", what);
	}
	else
	{
		n = scan_watched(&doc, watch, found, (int) (len / 3 + 1));
		same = n == doc.nwatched;
		for (int k = 0; same && k < n; k++)
			same = found[k] == doc.watched_text + doc.watched_at[k];
		if (!same && (*wrong)++ < 3)
			CHECK(false, "%s: %d watched characters noted, %d on the lines, not all "
				  "at the same places", what, doc.nwatched, n);
	}
	free(found);
	giar_standalone_end(&sa);
}

static void
test_watched_chars(const char *dir, char **names, int n)
{
	static const char *const texts[] = {
		"行政复议\u3000本年新收（一）㍿株式会社 豈 ｶﾞ 行政\xe2\x80\x8b复议\r\n申请人情况",
		"e\xcc\x81行政 复议 a\xcc\x81\xe4\xb8\x80\xcc\x81本年新收\n\f第二十条第（一）项",
		"行政复议（xíng zhèng）本年",
	};
	uint64_t	every[64];
	uint64_t	sparse[64] = {0};
	int			docs = 0,
				wrong = 0,
				unwatched = 0;

	memset(every, 0xFF, sizeof(every));
	for (const char *w = "行申本新第信规勾"; *w; w += 3)
	{
		unsigned	low = giar_char_low12(w);

		sparse[low >> 6] |= UINT64_C(1) << (low & 63);
	}
	for (int i = 0; i < n; i++)
	{
		char	   *text;
		size_t		len;

		if ((text = read_fixture(dir, names[i], &len)) == NULL)
			continue;
		check_watched(names[i], text, len, every, &docs, &wrong, &unwatched);
		check_watched(names[i], text, len, sparse, &docs, &wrong, &unwatched);
		free(text);
	}
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
	{
		check_watched(texts[t], texts[t], strlen(texts[t]), every, &docs, &wrong, &unwatched);
		check_watched(texts[t], texts[t], strlen(texts[t]), sparse, &docs, &wrong, &unwatched);
	}
	printf("watched characters: %d documents, %d not watched (lines rewritten), %d noted wrongly\n",
		   docs, unwatched, wrong);
	CHECK(wrong == 0, "the watched characters are those on the lines, in order");
	CHECK(unwatched < docs / 4, "most documents are watched");
}

/*
 * giar_text_compact_starts answers what giar_compact's form would: at every
 * character of every line of every fixture, for the words that open tables
 * and for words taken from the line's own compact form, and for words
 * spelt with spaces, punctuation and digits between their characters.
 */
static void
test_compact_starts(const char *dir, char **names, int n)
{
	static const char *const fixed_words[] = {
		"规章", "本年新收", "新收政府信息", "行政复议", "勾稽关系", "第二十条",
		"申请人情况", "信息内容", "政府信息", "a1", "2021", NULL
	};
	static const struct
	{
		const char *text;
		const char *word;
		bool		starts;
	}			cases[] = {
		{"本 年 新 收", "本年新收", true},
		{"本、年“新”收政府", "本年新收", true},
		{"（行政）复议", "行政复议", true},
		{"行政1复议", "行政复议", false},
		{"行政a复议", "行政复议", false},
		{"行政復议", "行政复议", false},
		{"行政复", "行政复议", false},
		{" — 规章", "规章", true},
		{"", "规章", false},
	};
	int			nfixed = 0;
	long		asked = 0,
				positive = 0,
				differ = 0;

	while (fixed_words[nfixed])
		nfixed++;
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		CHECK(giar_text_compact_starts(cases[c].text, 0, (int) strlen(cases[c].text),
									   cases[c].word) == cases[c].starts,
			  "compact of \"%s\" starts with %s: %d", cases[c].text, cases[c].word,
			  cases[c].starts);
	for (int i = 0; i < n; i++)
	{
		char	   *text;
		size_t		len;
		GiarStandalone sa;
		GiarReport	report;
		GiarDoc		doc;

		if ((text = read_fixture(dir, names[i], &len)) == NULL)
			continue;
		giar_standalone_begin(&sa, &report);
		giar_read_document(&sa.cx, text, len, &doc);
		for (int l = 0; l < doc.nlines; l++)
		{
			const char *line = doc.lines[l].text;
			int			llen = doc.lines[l].len;
			int			clen;
			const char *compact = giar_compact(&sa.cx, line, llen, &clen);
			char		own[3][16];
			int			kept = 0;	/* compact bytes before position at */

			/* three words of the line's own: Han characters of its compact form */
			for (int w = 0; w < 3; w++)
			{
				int			from = clen > 0 ? (int) ((unsigned) (l * 7 + w * 13) % (unsigned) clen) : 0;
				size_t		o = 0;

				while (from < clen && ((unsigned char) compact[from] & 0xC0) == 0x80)
					from++;
				while (from < clen && o + 4 < sizeof(own[w]) &&
					   (unsigned char) compact[from] >= 0xE0)
				{
					memcpy(own[w] + o, compact + from, 3);
					o += 3;
					from += 3;
				}
				own[w][o] = '\0';
			}
			for (int at = 0; at < llen;)
			{
				int			step = giar_utf8_lead_len((unsigned char) line[at]);
				int			one;

				for (int w = 0; w < nfixed + 3; w++)
				{
					const char *word = w < nfixed ? fixed_words[w] : own[w - nfixed];
					bool		want,
								got;

					if (word == NULL || word[0] == '\0')
						continue;
					want = strncmp(compact + kept, word, strlen(word)) == 0;
					got = giar_text_compact_starts(line, at, llen, word);
					asked++;
					positive += want;
					if (want != got && differ++ < 3)
						CHECK(false, "%s line %d byte %d, %s: compact form says %d",
							  names[i], l + 1, at, word, want);
				}
				/* the compact form of this character alone: kept or dropped */
				giar_compact(&sa.cx, line + at, step, &one);
				kept += one;
				at += step;
			}
		}
		giar_standalone_end(&sa);
		free(text);
	}
	printf("compact starts: %ld questions (%ld yes), %ld answered otherwise than the compact form\n",
		   asked, positive, differ);
	CHECK(differ == 0, "giar_text_compact_starts agrees with giar_compact");
	CHECK(positive > 1000, "the words are found in the fixtures");
}

/*
 * Properties, for every HTML fixture and for mutations of them that stress
 * the tag scanner and the tree (quotes, brackets, comments, slashes, equal
 * signs, tags, entities inserted or deleted at random):
 * - a page rendered with its attributes stripped is the page rendered as
 *   it is (same lines, same input line numbers, same flags); the mutations
 *   the scanner refuses to strip are counted;
 * - a page whose tree is built without libxml2 (giar_html_build_tree)
 *   renders as libxml2 renders it; the pages it leaves to libxml2 are
 *   counted, and no HTML fixture may be among them.
 */
static void
test_html_stripping(const char *dir, char **names, int n)
{
	static const char *const edits[] = {
		"<", ">", "\"", "'", "=", "/", "!", "-", "--", "<!--", "-->", " ", "\n",
		"<p>", "</td>", "<td class=x>", "<br/>", "<script>", "</script>", "a",
		"</tr>", "<tr>", "</table>", "<table>", "</p>", "<o:p>", "</div>",
		"&nbsp;", "&", "&#32;", "&lt", "</body>", "<li>", "  \n\t", "<![if x]>",
		"<?xml:namespace prefix = o ns = \"urn:x\" />", "<?"
	};
	const int	nedits = (int) (sizeof(edits) / sizeof(edits[0]));
	uint32_t	seed = 2024;
	int			pages = 0,
				originals = 0,
				originals_stripped = 0,
				stripped = 0,
				refused = 0,
				differ = 0,
				direct = 0,
				direct_originals = 0,
				direct_differ = 0;

	for (int i = 0; i < n; i++)
	{
		size_t		len;
		char	   *page = read_fixture(dir, names[i], &len);

		if (page == NULL || !giar_looks_like_html(page, len))
		{
			free(page);
			continue;
		}
		for (int m = 0; m <= 40; m++)
		{
			char	   *text = malloc(len + 64 * 8 + 1);
			size_t		tlen = len;
			GiarStandalone sa;
			GiarReport	report;
			GiarRawText as_is,
						via_strip;
			char	   *bare;
			size_t		bare_len;

			memcpy(text, page, len);
			/* mutation m: 1 to 3 random edits (the page itself first) */
			for (int e = 0; e < (m > 0 ? 1 + m % 3 : 0); e++)
			{
				size_t		at;
				const char *ins;

				seed = seed * 1103515245u + 12345u;
				at = (seed >> 8) % (tlen + 1);
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 3 == 0 && at < tlen)
				{
					memmove(text + at, text + at + 1, tlen - at - 1);	/* delete */
					tlen--;
					continue;
				}
				ins = edits[(seed >> 8) % (uint32_t) nedits];
				memmove(text + at + strlen(ins), text + at, tlen - at);
				memcpy(text + at, ins, strlen(ins));
				tlen += strlen(ins);
			}
			pages++;
			giar_standalone_begin(&sa, &report);
			originals += m == 0;
			if (!giar_html_strip_attributes(&sa.cx, text, tlen, &bare, &bare_len))
				refused++;
			else
			{
				bool		t = tlen > 0 && text[tlen - 1] != '>';
				bool		ok_a = giar_html_render_as_is(&sa.cx, text, tlen, t, &as_is);
				bool		ok_b = giar_html_render_as_is(&sa.cx, bare, bare_len, t, &via_strip);

				stripped++;
				originals_stripped += m == 0;
				if (ok_a != ok_b || (ok_a && !giar_raw_text_equal(&as_is, &via_strip)))
				{
					if (differ++ < 3)
						CHECK(false, "%s, mutation %d: stripped page renders differently",
							  names[i], m);
				}
			}
			if (giar_html_render_direct(&sa.cx, text, tlen, &as_is))
			{
				direct++;
				direct_originals += m == 0;
				if (!giar_html_render_libxml(&sa.cx, text, tlen, &via_strip) ||
					!giar_raw_text_equal(&as_is, &via_strip))
				{
					if (direct_differ++ < 3)
						CHECK(false, "%s, mutation %d: the tree built without libxml2 "
							  "renders differently", names[i], m);
				}
			}
			giar_standalone_end(&sa);
			free(text);
		}
		free(page);
	}
	printf("html attributes stripped: %d pages (fixtures and mutations), %d stripped, "
		   "%d left to libxml2 as they are, %d rendered differently\n",
		   pages, stripped, refused, differ);
	CHECK(differ == 0, "stripping attributes never changes the rendering");
	CHECK(originals > 0 && originals_stripped == originals,
		  "every HTML fixture is stripped (%d of %d)", originals_stripped, originals);
	printf("html trees built without libxml2: %d of %d pages, %d left to libxml2, "
		   "%d rendered differently\n", direct, pages, pages - direct, direct_differ);
	CHECK(direct_differ == 0, "the tree built without libxml2 renders as libxml2's");
	CHECK(direct_originals == originals,
		  "every HTML fixture's tree is built without libxml2 (%d of %d)",
		  direct_originals, originals);
}

/*
 * Property: on random tag soup (every element name libxml2 has rules for,
 * and others; stray and misnested end tags, implied elements, entities
 * well and badly formed, comments, doctypes, processing instructions,
 * script, control characters, blank runs around libxml2's 1000-byte text
 * chunks), the tree built without libxml2 renders exactly as libxml2's,
 * wherever it does not leave the page to libxml2.  Also: its tables agree with libxml2's own (emptiness, and the
 * start-close relation through htmlAutoCloseTag).
 */
static const char *const soup_names[] = {
	"html", "head", "body", "title", "meta", "link", "style", "script", "p",
	"div", "span", "font", "b", "i", "u", "strong", "table", "tbody", "thead",
	"tfoot", "tr", "td", "th", "br", "img", "a", "h1", "h2", "ul", "ol", "li",
	"center", "hr", "o:p", "st1:chsdate", "form", "select", "option",
	"textarea", "noscript", "iframe", "pre", "caption", "col", "colgroup",
	"dd", "dt", "dl", "address", "blockquote", "small", "big", "sub", "sup",
	"em", "abbr", "label", "frame", "frameset", "noframes", "xmp", "listing",
	"menu", "dir", "fieldset", "legend", "object", "input", "button", "map",
	"area", "base", "param", "v:shape", "x-foo", "section", "article", "nav"
};

static const char *const soup_texts[] = {
	"abc", "中文", "数据 123", " ", "\n", "  \n\t", "|", "a&amp;b", "&nbsp;",
	"&#32;", "&#x4e2d;", "&foo;", "&lt", "& ", "<", "< 5", "&#0;", "&#;",
	"&nbsp", "&amp;nbsp;", "\r\n", "12,345", "（一）", "&quot;x&quot;",
	"&#12345;", "&#xD800;", "&#1114112;", "a&b", "&#x20;&#x20;", "&copy;",
	"&ensp;", "\f", "\x0b", "\x7f", "a\x01b",
	"<?xml:namespace prefix = o ns = \"urn:schemas-microsoft-com:office:office\" />",
	"<?php echo 1 ?>", "<?p x>", "<?b>", "<?>", "<? x>"
};

typedef struct Soup
{
	char	   *buf;
	size_t		len;
	size_t		cap;
	uint32_t	seed;
} Soup;

static uint32_t
soup_random(Soup *s, uint32_t n)
{
	s->seed = s->seed * 1103515245u + 12345u;
	return (s->seed >> 8) % n;
}

static void
soup_add(Soup *s, const char *text)
{
	size_t		n = strlen(text);

	if (s->len + n + 1 > s->cap)
		return;
	memcpy(s->buf + s->len, text, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static void
soup_name(Soup *s, const char *name)
{
	char		t[32];
	bool		upper = soup_random(s, 5) == 0;
	size_t		i;

	for (i = 0; name[i] && i < sizeof(t) - 1; i++)
		t[i] = (upper && name[i] >= 'a' && name[i] <= 'z') ? (char) (name[i] - 32) : name[i];
	t[i] = '\0';
	soup_add(s, t);
}

static void
make_soup(Soup *s, int tokens)
{
	static const char *const doctypes[] = {
		"<!DOCTYPE html>\n",
		"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n",
		"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"x.dtd\">",
		"  \n<!-- c -->\n", "<!doctype html public '-//W3C//DTD HTML 4//EN'>",
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", "", ""
	};
	const int	nnames = (int) (sizeof(soup_names) / sizeof(soup_names[0]));
	const int	ntexts = (int) (sizeof(soup_texts) / sizeof(soup_texts[0]));

	s->len = 0;
	s->buf[0] = '\0';
	soup_add(s, doctypes[soup_random(s, 8)]);
	for (int k = 0; k < tokens; k++)
	{
		uint32_t	r = soup_random(s, 100);

		if (r < 35)
		{
			static const char *const attrs[] = {
				"", " class=\"x\"", " style='a:b;c:d'", "\n nowrap", " width=100", ""
			};

			soup_add(s, "<");
			soup_name(s, soup_names[soup_random(s, (uint32_t) nnames)]);
			soup_add(s, attrs[soup_random(s, 6)]);
			if (soup_random(s, 10) == 0)
				soup_add(s, "/");
			soup_add(s, ">");
		}
		else if (r < 60)
		{
			soup_add(s, "</");
			soup_name(s, soup_names[soup_random(s, (uint32_t) nnames)]);
			if (soup_random(s, 8) == 0)
				soup_add(s, " ");
			soup_add(s, ">");
		}
		else if (r < 90)
			soup_add(s, soup_texts[soup_random(s, (uint32_t) ntexts)]);
		else if (r < 93)
			soup_add(s, "<!-- note -->");
		else if (r < 94)
			soup_add(s, "<![if !supportMisalignedColumns]>");
		else if (r < 96)
		{
			/* runs around libxml2's 1000-byte text chunks */
			int			len = 990 + (int) soup_random(s, 20);
			bool		blank = r == 95;

			for (int i = 0; i < len; i++)
				soup_add(s, soup_random(s, 3) ? (blank ? " " : "x") :
						 (blank ? "\n" : "中"));
		}
		else if (r < 98)
			soup_add(s, "<script>var a='<p>'; if (a<b) {}</script>");
		else
			soup_add(s, "\n");
	}
}

static void
test_html_tree_random(void)
{
	Soup		soup = {malloc(1 << 20), 0, 1 << 20, 20261204};
	int			pages = 30000,
				built = 0,
				differ = 0,
				disagree = giar_html_tree_check_tables();

	CHECK(disagree == 0, "the tree builder's tables agree with libxml2's "
		  "(%d disagreements)", disagree);
	for (int i = 0; i < pages; i++)
	{
		GiarStandalone sa;
		GiarReport	report;
		GiarRawText direct,
					libxml;

		make_soup(&soup, 1 + (int) soup_random(&soup, i % 3 == 0 ? 300 : 40));
		giar_standalone_begin(&sa, &report);
		if (giar_html_render_direct(&sa.cx, soup.buf, soup.len, &direct))
		{
			built++;
			if (!giar_html_render_libxml(&sa.cx, soup.buf, soup.len, &libxml) ||
				!giar_raw_text_equal(&direct, &libxml))
			{
				if (differ++ < 3)
					CHECK(false, "tag soup %d renders differently without libxml2: %.300s",
						  i, soup.buf);
			}
		}
		giar_standalone_end(&sa);
	}
	free(soup.buf);
	printf("html tag soup: %d pages, %d trees built without libxml2, "
		   "%d rendered differently\n", pages, built, differ);
	CHECK(built > pages / 4, "most tag soup is built without libxml2 (%d of %d)",
		  built, pages);
	CHECK(differ == 0, "tag soup renders the same with and without libxml2");
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

static void
test_fixtures(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *de;
	char	   *names[512];
	int			n = 0;
	Score		total = {0, 0, 0, 0};

	CHECK(d != NULL, "open fixture directory %s", dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 512)
	{
		size_t		l = strlen(de->d_name);

		if (l > 9 && strcmp(de->d_name + l - 9, ".expected") == 0)
			names[n++] = strndup(de->d_name, l - 9);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), compare_names);
	for (int i = 0; i < n; i++)
		check_fixture(dir, names[i], &total);
	test_flattened(dir, names, n);
	test_line_breaks(dir);
	test_spam_injected(dir, names, n);
	test_doc_chars(dir, names, n);
	test_watched_chars(dir, names, n);
	test_compact_starts(dir, names, n);
	test_legacy_refused(dir);
	test_tables_without_headings(dir);
	test_cut_messages(dir);
	test_figure_beyond_range(dir);
	test_footnote_marks(dir);
	test_minus_sign(dir);
	test_html_stripping(dir, names, n);
	test_html_tree_random();
	for (int i = 0; i < n; i++)
		free(names[i]);
	printf("fixtures: %d reports, cells right %d, wrong %d, missing %d, spurious %d\n",
		   n, total.right, total.wrong, total.missing, total.spurious);
	CHECK(n > 0, "fixtures found in %s", dir);
}

/* ------------------------------------------------------------------ */
/* Narrative figures: passages of prose and the figures they state      */
/* ------------------------------------------------------------------ */

/*
 * narrative_cases.txt: cases separated by "====", each a passage, "----",
 * and "key<TAB>value" lines; a key not listed must stay absent.  Each
 * passage is read as part 一 of a minimal report.
 */
static void
test_narrative_cases(const char *path)
{
	size_t		len;
	char	   *all = giar_read_file(path, &len);
	char	   *p;
	int			cases = 0;
	Score		s = {0, 0, 0, 0};

	CHECK(all != NULL, "read %s", path);
	if (all == NULL)
		return;
	p = all;
	while (p && *p)
	{
		char	   *sep = strstr(p, "\n====");
		char	   *dash;
		char	   *text;
		size_t		tlen;
		Parsed		parsed;
		GiarNumber	want[GIAR_N_NCELLS] = {{0, 0, false}};
		bool		stated[GIAR_N_NCELLS] = {false};
		char		name[64];

		if (sep)
			*sep = '\0';
		dash = strstr(p, "\n----");
		if (dash == NULL)
			break;
		*dash = '\0';
		cases++;
		snprintf(name, sizeof(name), "narrative case %d", cases);
		/* expected figures */
		for (char *line = dash + 5; line && *line;)
		{
			char	   *nl = strchr(line, '\n');
			char	   *tab;

			if (nl)
				*nl = '\0';
			tab = strchr(line, '\t');
			if (tab)
			{
				const GiarDictEntry *d;
				const char *unit;

				*tab = '\0';
				d = giar_dict_by_key(line);
				if (d && d->cell >= GIAR_CELL_N_BASE &&
					giar_parse_number(tab + 1, (int) strlen(tab + 1),
									  &want[d->cell - GIAR_CELL_N_BASE], &unit))
					stated[d->cell - GIAR_CELL_N_BASE] = true;
				else
				{
					printf("FAIL %s: bad expected line %s\n", name, line);
					failures++;
				}
			}
			line = nl ? nl + 1 : NULL;
		}
		/* the passage (comment lines dropped) inside a minimal report */
		text = malloc(strlen(p) + 512);
		strcpy(text, "某县某局2024年政府信息公开工作年度报告\n一、总体情况\n");
		for (char *line = p; line && *line;)
		{
			char	   *nl = strchr(line, '\n');

			if (nl)
				*nl = '\0';
			if (line[0] != '#')
			{
				strcat(text, line);
				strcat(text, "\n");
			}
			line = nl ? nl + 1 : NULL;
		}
		strcat(text, "五、存在的主要问题及改进情况\n无。\n");
		tlen = strlen(text);
		parse_text(&parsed, text, tlen);
		for (int k = 0; k < GIAR_N_NCELLS; k++)
		{
			GiarNumber	got = parsed.report.cells[GIAR_CELL_N(k)];
			const GiarDictEntry *d = giar_dict_by_cell(GIAR_CELL_N(k));
			char		g[64],
						w[64];

			giar_number_format(got, g, sizeof(g));
			giar_number_format(want[k], w, sizeof(w));
			if (stated[k] && !got.present)
			{
				s.missing++;
				/* a figure left absent is allowed (never guess): counted below */
				if (getenv("GIAR_TEST_VERBOSE"))
					printf("  left absent  %s: %s (the case states %s)\n", name, d->key, w);
			}
			else if (stated[k] && !numbers_equal(got, want[k]))
			{
				s.wrong++;
				printf("FAIL %s: WRONG %s = %s (want %s)\n", name, d->key, g, w);
			}
			else if (!stated[k] && got.present)
			{
				s.spurious++;
				printf("FAIL %s: spurious %s = %s\n", name, d->key, g);
			}
			else if (stated[k])
				s.right++;
		}
		parsed_free(&parsed);
		free(text);
		p = sep ? sep + 5 : NULL;
	}
	free(all);
	printf("narrative: %d cases, figures right %d, wrong %d, missing %d, spurious %d\n",
		   cases, s.right, s.wrong, s.missing, s.spurious);
	/* a missing figure is acceptable; a wrong or invented one is not */
	CHECK(s.wrong == 0 && s.spurious == 0, "narrative cases: %d wrong, %d spurious",
		  s.wrong, s.spurious);
}

/* ------------------------------------------------------------------ */
/* Generated reports in every layout                                   */
/* ------------------------------------------------------------------ */

static void
test_generated(void)
{
	int			runs = 0;
	uint64_t	seed = 20240101;

	for (int i = 0; i < 60; i++)
	{
		GiarGenReport g;

		giar_gen_report(&g, &seed);
		for (int layout = 0; layout < GIAR_NLAYOUTS; layout++)
		{
			size_t		len;
			char	   *text = giar_render(&g, (GiarLayout) layout, &len);
			Parsed		p;
			int			wrong = 0,
						missing = 0,
						spurious = 0;

			parse_text(&p, text, len);
			for (int c = 0; c < GIAR_NCELLS; c++)
			{
				const GiarDictEntry *d = giar_dict_by_cell(c);

				if (d == NULL || d->table_name[0] == 'n')
					continue;
				if (g.stated[c] && !p.report.cells[c].present)
					missing++;
				else if (g.stated[c] && !numbers_equal(p.report.cells[c], g.cells[c]))
					wrong++;
				else if (!g.stated[c] && p.report.cells[c].present)
					spurious++;
			}
			CHECK(wrong == 0 && missing == 0 && spurious == 0,
				  "generated report %d in layout %s: %d wrong, %d missing, %d spurious",
				  i, giar_layout_name((GiarLayout) layout), wrong, missing, spurious);
			CHECK(p.report.year == g.year, "generated report %d layout %s: year %d",
				  i, giar_layout_name((GiarLayout) layout), p.report.year);
			if (wrong || missing || spurious)
			{
				char		path[128];
				FILE	   *f;

				snprintf(path, sizeof(path), "/tmp/giar-failed-%d-%s.txt", i,
						 giar_layout_name((GiarLayout) layout));
				f = fopen(path, "w");
				if (f)
				{
					fwrite(text, 1, len, f);
					fclose(f);
					printf("  text written to %s\n", path);
				}
			}
			parsed_free(&p);
			free(text);
			runs++;
		}
	}
	printf("generated: %d reports parsed across %d layouts\n", runs, GIAR_NLAYOUTS);
}

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */
/* ------------------------------------------------------------------ */

static void
time_parse(const char *what, const char *text, size_t len, double limit,
		   const char *want_diag)
{
	struct timespec start;
	Parsed		p;
	double		secs;

	clock_gettime(CLOCK_MONOTONIC, &start);
	parse_text(&p, text, len);
	secs = seconds_since(&start);
	CHECK(secs < limit, "%s: %.2f s (limit %.0f s)", what, secs, limit);
	if (getenv("GIAR_TEST_VERBOSE"))
		printf("  %s: %.3f s\n", what, secs);
	if (want_diag)
		CHECK(has_diag(&p.report, want_diag), "%s: diagnostic %s", what, want_diag);
	CHECK(p.report.format == GIAR_FORMAT_UNKNOWN || count_cells(&p.report) >= 0,
		  "%s: parsed", what);
	parsed_free(&p);
}

static char *
repeat(const char *unit, size_t times, size_t *len)
{
	size_t		ulen = strlen(unit);
	char	   *buf = malloc(ulen * times + 1);

	for (size_t i = 0; i < times; i++)
		memcpy(buf + i * ulen, unit, ulen);
	buf[ulen * times] = '\0';
	*len = ulen * times;
	return buf;
}

typedef struct GiarStrBuf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} GiarStrBuf;

static void
strbuf_add(GiarStrBuf *b, const char *s)
{
	size_t		n = strlen(s);

	if (b->len + n + 1 > b->cap)
	{
		b->cap = (b->len + n + 1) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, s, n + 1);
	b->len += n;
}

/*
 * The minimum of 40 visible characters (spaces and line breaks not
 * counted, a Chinese character one): 39 are refused as empty, 40 are not,
 * whether they sit on one line, on many, or after a long run of spaces.
 */
static void
test_min_text_chars(void)
{
	static const char *const layouts[] = {"one line", "one per line", "after spaces"};

	for (int n = 38; n <= 41; n++)
		for (int k = 0; k < 3; k++)
		{
			char		text[2048];
			size_t		len = 0;
			Parsed		p;

			if (k == 2)
				for (int i = 0; i < 1000; i++)
					text[len++] = ' ';
			for (int i = 0; i < n; i++)
			{
				/* 字 (three bytes) and x in turn */
				if (i % 2 == 0)
				{
					memcpy(text + len, "字", 3);
					len += 3;
				}
				else
					text[len++] = 'x';
				if (k == 1)
					text[len++] = '\n';
				else if (k == 0 && i % 5 == 4)
					text[len++] = ' ';
			}
			parse_text(&p, text, len);
			CHECK(has_diag(&p.report, "EMPTY_INPUT") == (n < 40),
				  "%d visible characters, %s: EMPTY_INPUT %s", n, layouts[k],
				  n < 40 ? "expected" : "not expected");
			parsed_free(&p);
		}
}

static void
test_hostile(void)
{
	size_t		len;
	char	   *buf;
	uint64_t	x = 88172645463325252ULL;

	time_parse("empty", "", 0, 1, "EMPTY_INPUT");
	time_parse("whitespace", " \n\t\r\n　 ", strlen(" \n\t\r\n　 "), 1, "EMPTY_INPUT");

	/* random bytes, NULs and ill-formed UTF-8 included */
	buf = malloc(1 << 20);
	for (size_t i = 0; i < (1 << 20); i++)
	{
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (char) (x & 0xFF);
	}
	time_parse("1 MiB of random bytes", buf, 1 << 20, 20, "NOT_A_REPORT");
	free(buf);

	buf = repeat("|", 1000000, &len);
	time_parse("a million pipes", buf, len, 20, NULL);
	free(buf);
	buf = repeat("\n", 1000000, &len);
	time_parse("a million newlines", buf, len, 20, "EMPTY_INPUT");
	free(buf);
	buf = repeat("<div>", 200000, &len);
	time_parse("200000 unclosed <div>", buf, len, 20, NULL);
	free(buf);

	/* each form feed once looked back and forward over the empty lines */
	{
		static const char title[] = "澄江市交通运输局2024年政府信息公开工作年度报告\n";
		size_t		tl = strlen(title);
		size_t		n = 100000;
		char	   *text = malloc(tl + 2 * n + n + 2);
		char	   *w = text;

		memcpy(w, title, tl);
		w += tl;
		memset(w, ' ', n);		/* a long line, a page number at its end */
		w += n;
		*w++ = '1';
		for (size_t i = 0; i < n; i++)
		{
			*w++ = '\n';
			*w++ = '\f';
		}
		time_parse("100000 form feeds after a long line", text, (size_t) (w - text), 5, NULL);
		free(text);
	}
	buf = repeat("<table><tr><td>", 50000, &len);
	time_parse("50000 nested tables", buf, len, 20, NULL);
	free(buf);
	buf = repeat("1", 100000, &len);
	time_parse("a 100000-digit run", buf, len, 20, NULL);
	free(buf);
	buf = repeat("一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n", 100000, &len);
	time_parse("a table-3 label repeated 100000 times", buf, len, 60, NULL);
	free(buf);
	buf = repeat("行政复议 ", 200000, &len);
	time_parse("行政复议 repeated 200000 times", buf, len, 60, NULL);
	free(buf);
	buf = repeat("收到申请1件,", 200000, &len);
	time_parse("a narrative clause repeated 200000 times", buf, len, 60, NULL);
	free(buf);

	/* cells run together, at scale: the cut search must stay bounded */
	{
		static const char head[] =
			"澄江市交通运输局2024年政府信息公开工作年度报告\n"
			"二、主动公开政府信息情况\n规章";
		static const char t3[] = "\n三、收到和处理政府信息公开申请情况\n"
			"一、本年新收政府信息公开申请数量";
		static const char t4[] = "\n四、政府信息公开行政复议、行政诉讼情况\n"
			"行政复议 行政诉讼\n";
		size_t		n = 100000;
		size_t		hl = strlen(head),
					t3l = strlen(t3),
					t4l = strlen(t4);
		char	   *run = malloc(hl + t3l + t4l + 3 * n + 1);
		char	   *w = run;

		memcpy(w, head, hl);
		w += hl;
		memset(w, '7', n);
		w += n;
		memcpy(w, t3, t3l);
		w += t3l;
		memset(w, '3', n);
		w += n;
		memcpy(w, t4, t4l);
		w += t4l;
		memset(w, '5', n);
		w += n;
		time_parse("100000-digit runs in tables 2, 3 and 4", run, (size_t) (w - run), 20,
				   "ROW_CELL_COUNT");
		free(run);
	}
	{
		GiarStrBuf	b = {0};
		static const char *const rows[] = {
			"一、本年新收政府信息公开申请数量328251073364",
			"(一)予以公开96111032113",
			"2.重复申请14000000014",
		};

		strbuf_add(&b, "澄江市交通运输局2024年政府信息公开工作年度报告\n"
				   "三、收到和处理政府信息公开申请情况\n");
		for (int i = 0; i < 10000; i++)
		{
			strbuf_add(&b, rows[i % 3]);
			strbuf_add(&b, "\n");
		}
		time_parse("10000 glued table-3 rows", b.data, b.len, 20, NULL);
		free(b.data);
	}

	/* over the size limit: refused with a diagnostic, not parsed */
	len = GIAR_MAX_INPUT_BYTES + 1;
	buf = calloc(1, len);
	memset(buf, 'a', len);
	time_parse("input over the size limit", buf, len, 5, "INPUT_TOO_LARGE");
	free(buf);
}

/*
 * Hostile texts at two sizes, size and twice size: the memory a parse
 * takes stays within 8 bytes a byte of input plus 64 MB (the limit of
 * GIAR_MAX_INPUT_BYTES' inputs), grows no faster than the input, and so
 * does the time; interrupts are asked for at short intervals of CPU time,
 * whatever the shape (GIAR_TEST_HOSTILE_KIB: another size, in KiB).
 */
typedef struct HostileShape
{
	const char *name;
	const char *unit;			/* repeated to fill the text */
	bool		in_report;		/* between the headings of a report */
	bool		html;
	/* a title and part 三's heading before the text, nothing after: a
	 * report with none of the tables' words */
	bool		bare_report;
} HostileShape;

static const char hostile_head[] =
	"澄江市交通运输局2024年政府信息公开工作年度报告\n"
	"一、总体情况\n2024年,澄江市交通运输局认真贯彻落实《条例》。\n"
	"二、主动公开政府信息情况\n";
static const char hostile_bare_head[] =
	"澄江市交通运输局2024年政府信息公开工作年度报告\n"
	"三、收到和处理政府信息公开申请情况\n";
static const char hostile_tail[] =
	"\n三、收到和处理政府信息公开申请情况\n"
	"一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
	"四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
	"五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n";
static const char hostile_html_head[] =
	"<html><body><p>澄江市交通运输局2024年政府信息公开工作年度报告</p>"
	"<p>一、总体情况</p><p>二、主动公开政府信息情况</p><table>\n";
static const char hostile_html_tail[] =
	"</table><p>三、收到和处理政府信息公开申请情况</p>"
	"<p>四、政府信息公开行政复议、行政诉讼情况</p></body></html>\n";

/* The shape's text of about size bytes. */
static char *
hostile_text(const HostileShape *shape, size_t size, size_t *len)
{
	const char *head = shape->bare_report ? hostile_bare_head :
		shape->html ? hostile_html_head : hostile_head;
	const char *tail = shape->bare_report ? "" :
		shape->html ? hostile_html_tail : hostile_tail;
	size_t		hl = shape->in_report || shape->bare_report ? strlen(head) : 0;
	size_t		tl = shape->in_report || shape->bare_report ? strlen(tail) : 0;
	size_t		ul = strlen(shape->unit);
	size_t		times = (size - hl - tl) / ul;
	char	   *text = malloc(hl + ul * times + tl + 1);
	char	   *w = text;

	memcpy(w, head, hl);
	w += hl;
	for (size_t i = 0; i < times; i++, w += ul)
		memcpy(w, shape->unit, ul);
	memcpy(w, tail, tl);
	w += tl;
	*w = '\0';
	*len = (size_t) (w - text);
	return text;
}

typedef struct HostileCost
{
	size_t		allocated;		/* bytes; SIZE_MAX: over the limit */
	double		cpu;			/* seconds */
	double		longest_gap;	/* seconds between interrupt checks */
} HostileCost;

static double
thread_cpu_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

/* Parse the text, its allocation bounded by 8 bytes a byte plus 64 MB. */
static HostileCost
hostile_cost(const char *text, size_t len)
{
	Parsed		p;
	jmp_buf		over_limit;
	HostileCost cost;
	volatile double start;

	giar_standalone_begin(&p.sa, &p.report);
	p.sa.alloc_limit = 8 * len + ((size_t) 64 << 20);
	p.sa.over_limit = &over_limit;
	giar_standalone_time_interrupts(&p.sa);
	start = thread_cpu_now();
	if (setjmp(over_limit) == 0)
	{
		giar_parse(&p.sa.cx, text, len, &p.report);
		cost.allocated = p.sa.allocated;
	}
	else
		cost.allocated = SIZE_MAX;
	cost.cpu = thread_cpu_now() - start;
	cost.longest_gap = giar_standalone_longest_gap(&p.sa);
	parsed_free(&p);
	return cost;
}

static void
test_hostile_resources(void)
{
	static const HostileShape shapes[] = {
		{"traditional phrases (網路)", "網路", false, false, false},
		{"Taiwan phrases in a report", "政府資訊公開網路出版品規範性檔案", true, false, false},
		{"one line of pipes", "|", true, false, false},
		{"one cell per line", "1\n", true, false, false},
		{"line breaks only", "\n", true, false, false},
		{"numbers between spaces", "1 ", true, false, false},
		{"digits run into labels", "规章1", true, false, false},
		/* no table word anywhere: the line is not cut before the tokeniser */
		{"row labels and digits on one line, no table word", "1.属于国家秘密1234", false, false, true},
		{"labels apart from cells on one line", "一、本年新收 1 2 3 ", false, false, true},
		{"pipe rows", "| 1 | 0 |\n", true, false, false},
		{"form feeds on lines of their own", "\f\n", true, false, false},
		{"lines opening with an anchor word",
		"规章的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的\n",
		false, false, false},
		{"HTML cells", "<td>1</td>", true, true, false},
		{"HTML rows", "<tr><td>1</td></tr>", true, true, false},
		/* a control character: read by libxml2, not html_tree.c */
		{"HTML rows through libxml2", "<tr><td>1\x01</td></tr>\n", true, true, false},
		{"HTML line breaks", "<br>", true, true, false},
		{"traditional HTML cells", "<td>網路</td>", true, true, false},
	};
	const char *env = getenv("GIAR_TEST_HOSTILE_KIB");
	size_t		size = (size_t) (env ? atoi(env) : 1024) << 10;
	/* sanitizers slow the parse down several times */
#if defined(__SANITIZE_ADDRESS__)
	const double gap_limit = 0.1;
#else
	const double gap_limit = 0.02;
#endif

	/* ICU's tables are made once, not in each parse (as a server does) */
	giar_prepare();
	for (size_t k = 0; k < sizeof(shapes) / sizeof(shapes[0]); k++)
	{
		const HostileShape *shape = &shapes[k];
		HostileCost cost[2];
		size_t		len[2];

		for (int twice = 0; twice < 2; twice++)
		{
			char	   *text = hostile_text(shape, size << twice, &len[twice]);

			cost[twice] = hostile_cost(text, len[twice]);
			free(text);
			CHECK(cost[twice].allocated != SIZE_MAX,
				  "%s, %zu bytes: more than 8 bytes a byte plus 64 MB allocated",
				  shape->name, len[twice]);
			CHECK(cost[twice].longest_gap < gap_limit,
				  "%s, %zu bytes: %.1f ms without an interrupt check (limit %.0f ms)",
				  shape->name, len[twice], cost[twice].longest_gap * 1e3,
				  gap_limit * 1e3);
			if (getenv("GIAR_TEST_VERBOSE") && cost[twice].allocated != SIZE_MAX)
				printf("  %s, %zu bytes: %.1f MB allocated, %.3f s, longest without an interrupt check %.2f ms\n",
					   shape->name, len[twice], cost[twice].allocated / 1048576.0,
					   cost[twice].cpu, cost[twice].longest_gap * 1e3);
		}
		if (cost[0].allocated == SIZE_MAX || cost[1].allocated == SIZE_MAX)
			continue;
		CHECK(cost[1].allocated <= cost[0].allocated * 2.2 + (1 << 20),
			  "%s: %.1f MB allocated for %zu bytes, %.1f MB for %zu (not linear)",
			  shape->name, cost[0].allocated / 1048576.0, len[0],
			  cost[1].allocated / 1048576.0, len[1]);
		CHECK(cost[1].cpu <= cost[0].cpu * 3 + 0.05,
			  "%s: %.3f s for %zu bytes, %.3f s for %zu (not linear)",
			  shape->name, cost[0].cpu, len[0], cost[1].cpu, len[1]);
	}
}

int
main(int argc, char **argv)
{
	const char *fixtures = argc > 1 ? argv[1] : "test/fixtures";
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	test_numbers();
	test_normalize();
	test_normalize_matches_icu();
	test_hant_table_matches_icu();
	test_tokens();
	test_first_digit();
	test_headings();
	test_spaced_figures();
	test_table4_order();
	test_drawing_order();
	test_box_rows(fixtures);
	test_fee_table(fixtures);
	test_fixtures(fixtures);
	if (argc > 2)
		for (int i = 2; i < argc; i++)
			test_narrative_cases(argv[i]);
	else
	{
		test_narrative_cases("test/c/narrative_cases.txt");
		test_narrative_cases("test/c/narrative_cases_2.txt");
	}
	test_checks(fixtures);
	test_generated();
	test_min_text_chars();
	test_hostile();
	test_hostile_resources();
	printf("core tests: %d checks, %d failed (%.1f s)\n", checks, failures,
		   seconds_since(&start));
	return failures ? 1 : 0;
}
