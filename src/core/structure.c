/*
 * structure.c
 *		Find the report's six parts and read its metadata: title, agency,
 *		statistics year, publication date, index number.
 *
 * Everything here works on normalised lines.  The part headings and the
 * phrases that carry metadata are tables of keywords, not code.
 */
#include <string.h>

#include "structure.h"

/* ------------------------------------------------------------------ */
/* Small text helpers                                                  */
/* ------------------------------------------------------------------ */

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

const char *
giar_find_spaced(const char *hay, int haylen, const char *needle, int *matchlen)
{
	int			nlen = (int) strlen(needle);
	int			first_len = giar_utf8_lead_len((unsigned char) needle[0]);

	if (nlen == 0)
		return NULL;
	if (first_len > nlen)
		first_len = nlen;
	for (int start = 0; start < haylen; start++)
	{
		int			h;
		int			n = 0;

		/*
		 * Look for the last byte of the first character, not its lead
		 * byte: in Chinese text a lead byte such as 0xE5 starts every other
		 * character, while a given continuation byte is rare.  (memmem
		 * costs more to set up than these short lines take to scan.)
		 */
		const char *last;

		if (start + first_len > haylen)
			return NULL;
		last = memchr(hay + start + first_len - 1, needle[first_len - 1],
					  (size_t) haylen - (size_t) start - (size_t) first_len + 1);
		if (last == NULL)
			return NULL;
		start = (int) (last - hay) - (first_len - 1);
		if (memcmp(hay + start, needle, (size_t) first_len) != 0)
			continue;
		h = start;
		while (n < nlen && h < haylen)
		{
			if (hay[h] == needle[n])
			{
				/* copy one whole UTF-8 character */
				int			clen = giar_utf8_lead_len((unsigned char) needle[n]);

				if (h + clen > haylen || memcmp(hay + h, needle + n, clen) != 0)
					break;
				h += clen;
				n += clen;
				if (n < nlen)
					while (h < haylen && hay[h] == ' ')
						h++;
			}
			else
				break;
		}
		if (n == nlen)
		{
			if (matchlen)
				*matchlen = h - start;
			return hay + start;
		}
	}
	return NULL;
}

static const char *
find_in(const char *hay, int len, const char *needle)
{
	if (len <= 0)
		return NULL;
	return giar_find(hay, (size_t) len, needle, strlen(needle));
}

static bool
contains(const char *hay, int len, const char *needle)
{
	return find_in(hay, len, needle) != NULL;
}

static bool
contains_any(const char *hay, int len, const char *const *needles)
{
	for (; *needles; needles++)
		if (contains(hay, len, *needles))
			return true;
	return false;
}

/* Read a 4-digit year 2000-2099 at s; returns it or 0. */
static int
year_at(const char *s, const char *end)
{
	if (end - s < 4 || s[0] != '2' || s[1] != '0' || !is_digit(s[2]) ||
		!is_digit(s[3]))
		return 0;
	if (end - s > 4 && is_digit(s[4]))
		return 0;
	return 2000 + (s[2] - '0') * 10 + (s[3] - '0');
}

/* Is the byte before s a digit (so that s is not the start of a number)? */
static bool
digit_before(const char *line, const char *s)
{
	return s > line && is_digit(s[-1]);
}

/*
 * Where unit ends when it follows p, after the spaces PDF text puts
 * between a number and its unit ("2024 年", "1 月 1 日"); NULL otherwise.
 */
static const char *
unit_after(const char *p, const char *end, const char *unit)
{
	size_t		n = strlen(unit);

	while (p < end && *p == ' ')
		p++;
	return (size_t) (end - p) >= n && memcmp(p, unit, n) == 0 ? p + n : NULL;
}

/* ------------------------------------------------------------------ */
/* Part headings                                                       */
/* ------------------------------------------------------------------ */

typedef struct PartSpec
{
	const char *ordinal;
	const char *const keywords[6];	/* any of them */
	const char *required;		/* and this one, if set */
} PartSpec;

static const PartSpec part_specs[GIAR_NPARTS + 1] = {
	{NULL, {NULL}, NULL},
	{"一", {"总体", "概述", "概况", "基本情况", NULL}, NULL},
	{"二", {"主动公开", NULL}, NULL},
	{"三", {"收到", "处理", "办理", "依申请", "申请情况", NULL}, "申请"},
	{"四", {"复议", "诉讼", NULL}, NULL},
	{"五", {"问题", "改进", "不足", NULL}, NULL},
	{"六", {"其他", "其它", "需要报告", NULL}, NULL},
};

/*
 * If the line is a part heading ("三、收到和处理…", "第三部分 …",
 * "???三、…"), return its part number, else 0.
 */
static GIAR_ALWAYS_INLINE int
heading_part(const GiarLine *line)
{
	const char *s = line->text;
	const char *end = s + line->len;
	int			k;
	const char *rest = NULL;

	/* skip junk that crawlers leave before headings */
	while (s < end)
	{
		unsigned char b = (unsigned char) *s;

		if (b == ' ' || b == '|' || b == '?' || b == '#' || b == '*' ||
			b == '>' || b == '"' || b == '\'')
			s++;
		else if (end - s >= 3 && (memcmp(s, "\xEF\xBF\xBD", 3) == 0 ||	/* U+FFFD */
								  memcmp(s, "\xE2\x96\xA0", 3) == 0 ||	/* ■ */
								  memcmp(s, "\xE2\x97\x8F", 3) == 0 ||	/* ● */
								  memcmp(s, "\xE2\x97\x86", 3) == 0))	/* ◆ */
			s += 3;
		else
			break;
	}
	if (end - s >= 3 && memcmp(s, "第", 3) == 0)
		s += 3;
	for (k = 1; k <= GIAR_NPARTS; k++)
		if (end - s >= 3 && s[0] == part_specs[k].ordinal[0] &&
			memcmp(s, part_specs[k].ordinal, 3) == 0)
			break;
	if (k > GIAR_NPARTS)
		return 0;
	s += 3;
	if (s < end && (*s == '.' || *s == ',' || *s == ':' || *s == ' '))
		rest = s + 1;
	else if (end - s >= 3 && memcmp(s, "、", 3) == 0)
		rest = s + 3;
	else if (end - s >= 6 && memcmp(s, "部分", 6) == 0)
		rest = s + 6;
	if (rest == NULL)
		return 0;

	/* a heading is short; its keyword comes early */
	{
		int			window = (int) (end - rest);
		const char *stop = find_in(rest, (int) (end - rest), "。");

		if (window > 120)
			window = 120;
		/*
		 * A long line is a heading only when its first sentence is one:
		 * "三、收到和处理政府信息公开申请情况。本年度共收到…"
		 */
		if ((int) (end - rest) > 240 && !memchr(rest, '|', (size_t) (end - rest)) &&
			(stop == NULL || stop - rest > 90))
			return 0;
		if (stop && stop - rest <= 90 && stop - rest < window)
			window = (int) (stop - rest);
		if (!contains_any(rest, window, part_specs[k].keywords))
			return 0;
		if (part_specs[k].required &&
			!contains(rest, window, part_specs[k].required))
			return 0;
	}
	return k;
}

int
giar_heading_part(const char *s, int len)
{
	GiarLine	line = {.text = (char *) s, .len = len};

	return heading_part(&line);
}

void
giar_find_parts(GiarContext *cx, const GiarDoc *doc, GiarParts *parts)
{
	int			next = 1;

	for (int k = 0; k <= GIAR_NPARTS; k++)
		parts->line[k] = -1;
	for (int l = 0; l < doc->nlines && next <= GIAR_NPARTS; l++)
	{
		int			k;

		giar_tick_n(cx, (size_t) doc->lines[l].len + 16);
		if (doc->lines[l].len == 0)
			continue;
		k = heading_part(&doc->lines[l]);
		if (k >= next)
		{
			parts->line[k] = l;
			next = k + 1;
		}
	}
}

void
giar_part_range(const GiarDoc *doc, const GiarParts *parts, int k,
				int *from, int *to)
{
	*from = parts->line[k];
	*to = doc->nlines;
	if (*from < 0)
		return;
	for (int j = k + 1; j <= GIAR_NPARTS; j++)
		if (parts->line[j] > *from)
		{
			*to = parts->line[j];
			break;
		}
}

/* ------------------------------------------------------------------ */
/* Title, agency, year                                                 */
/* ------------------------------------------------------------------ */

static char *agency_line_before(GiarContext *cx, const GiarDoc *doc, int l);

static bool
only_spaces_before(const char *s, const char *p)
{
	while (s < p && *s == ' ')
		s++;
	return s == p;
}

static const char *const title_tails[] = {
	"年度报告", "年报", "工作报告", NULL
};

/* Lines that list other documents: their titles are not this one's. */
static const char *const listing_marks[] = {
	"上一篇", "下一篇", "相关", "推荐", "附件", "链接", "上篇", "下篇", NULL
};

/*
 * Does s[0, len) hold a mark of a list of other documents ("上一篇：")?
 * find_title skips lines that start so; segment.c asks it of the text
 * before a title inside a line.
 */
bool
giar_lists_documents(const char *s, int len)
{
	return contains_any(s, len, listing_marks);
}

/* Is the year at p the end of a range "2023—2024", "2023至2024"? */
static bool
year_range_ends_at(const char *s, const char *p)
{
	static const char *const dashes[] = {"—", "–", "-", "~", "至", "到", "－", NULL};

	for (int i = 0; dashes[i]; i++)
	{
		size_t		n = strlen(dashes[i]);
		const char *q = p - n;

		if (q - s >= 4 && memcmp(q, dashes[i], n) == 0 && year_at(q - 4, p))
			return true;
		/* "2023年—2024年" */
		if (q - s >= 7 && memcmp(q, dashes[i], n) == 0 &&
			memcmp(q - 3, "年", 3) == 0 && year_at(q - 7, q - 3))
			return true;
	}
	return false;
}

/*
 * Find "…YYYY年(度)…政府信息公开…年度报告" in a line.  Returns the year
 * and sets *year_at_p to where the year starts; -1 for a range of years.
 */
static int
title_year_in(const char *s, int len, const char **year_pos)
{
	const char *end = s + len;
	const char *gk = find_in(s, len, "政府信息公开");

	if (gk == NULL)
		return 0;
	if (!contains_any(gk, (int) (end - gk), title_tails))
		return 0;
	/* the year closest before 政府信息公开, at most 12 bytes away */
	for (const char *p = gk - 1; p >= s && gk - p <= 24; p--)
	{
		int			y;

		if (!is_digit(*p) || digit_before(s, p))
			continue;
		y = year_at(p, end);
		if (y && unit_after(p + 4, end, "年"))
		{
			/* "2023—2024年": two years, no single statistics year */
			if (year_range_ends_at(s, p))
				return -1;
			*year_pos = p;
			return y;
		}
	}
	return 0;
}

static bool
is_agency_separator(const char *p, const char *end, int *len)
{
	static const char *const seps[] = {
		"-", "_", "|", ">", ":", "——", "—", "》", "】", " ", "\xC2\xA6", NULL
	};

	*len = 0;
	if (p >= end)
		return false;
	/*
	 * Asked at every byte of a title: the first bytes of seps, tested in one
	 * switch (an inline giar_prefix_match measured slower); a separator
	 * added above adds its first byte here.
	 */
	switch ((unsigned char) *p)
	{
		case '-':
		case '_':
		case '|':
		case '>':
		case ':':
		case ' ':
		case 0xC2:				/* ¦ */
		case 0xE2:				/* — */
		case 0xE3:				/* 》 】 */
			break;
		default:
			return false;
	}
	*len = giar_prefix_match(p, end, seps);
	return *len > 0;
}

/* Text between the last separator before pos and pos (the title's agency). */
static char *
agency_before(GiarContext *cx, const char *line, const char *pos)
{
	const char *start = line;

	for (const char *p = line; p < pos;)
	{
		int			n;

		if (is_agency_separator(p, pos, &n))
		{
			p += n;
			start = p;
		}
		else
			p++;
	}
	while (start < pos && *start == ' ')
		start++;
	if (pos - start < 6)		/* fewer than two characters */
		return NULL;
	return giar_strndup(cx, start, (size_t) (pos - start));
}

typedef struct TitleInfo
{
	int			line;
	int			year;
	char	   *agency;
	bool		range;			/* the title names a range of years */
} TitleInfo;

/*
 * Is the title line clean: nothing but "<agency><year>年…年度报告"?  Page
 * titles ("<site>-<agency>…_<site>") and breadcrumbs are not.
 */
static bool
title_is_clean(const GiarLine *line)
{
	int			n;
	bool		tail = false;

	/* the tail first: few lines have it, and the scan is over every byte */
	for (int i = 0; title_tails[i] && !tail; i++)
	{
		size_t		tl = strlen(title_tails[i]);

		tail = (size_t) line->len >= tl &&
			memcmp(line->text + line->len - tl, title_tails[i], tl) == 0;
	}
	if (!tail)
		return false;
	for (const char *p = line->text; p < line->text + line->len; p++)
		if (is_agency_separator(p, line->text + line->len, &n) && *p != ' ')
			return false;
	return true;
}

static void
find_title(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
		   TitleInfo *title)
{
	int			limit = doc->nlines;

	title->line = -1;
	title->year = 0;
	title->agency = NULL;
	title->range = false;
	/* the title stands before part 二 (before the body proper) */
	if (parts->line[2] >= 0)
		limit = parts->line[2];
	else if (parts->line[1] >= 0)
		limit = parts->line[1] + 1;
	/* two rounds: a clean title line first, then any title-like line */
	for (int round = 0; round < 2 && title->agency == NULL; round++)
		for (int l = 0; l < limit; l++)
		{
			const GiarLine *line = &doc->lines[l];
			const char *ypos = NULL;
			int			y;
			char	   *agency = NULL;

			giar_tick(cx);
			if (line->len == 0 || line->len > 300)
				continue;
			if (round == 0 && !title_is_clean(line))
				continue;
			/* the year test first: it rules out nearly every line */
			y = title_year_in(line->text, line->len, &ypos);
			if (y == 0)
				continue;
			if (contains_any(line->text, line->len > 30 ? 30 : line->len, listing_marks))
				continue;
			if (y < 0)
			{
				title->range = true;
				continue;
			}
			/* a sentence mentioning the report is not its title */
			if (contains(line->text, line->len, "根据") ||
				contains(line->text, line->len, "本报告") ||
				contains(line->text, line->len, "编制"))
				continue;
			{
				const GiarLine *src = doc->unconverted ? &doc->unconverted[l] : line;
				const char *sypos = ypos;

				if (doc->unconverted)
				{
					/* the year digits are unchanged by script conversion */
					char		yd[5];

					memcpy(yd, ypos, 4);
					yd[4] = '\0';
					sypos = find_in(src->text, src->len, yd);
				}
				if (sypos)
					agency = agency_before(cx, src->text, sypos);
				if (agency == NULL)
				{
					/* "2024年度某某局政府信息公开…": agency after the year */
					const char *after = unit_after(ypos + 4, line->text + line->len, "年");
					const char *gk = find_in(line->text, line->len, "政府信息公开");

					if (gk && after + 3 <= gk && memcmp(after, "度", 3) == 0)
						after += 3;
					if (gk && gk - after >= 6)
						agency = giar_strndup(cx, after, (size_t) (gk - after));
				}
				if (agency == NULL && sypos && only_spaces_before(src->text, sypos))
					agency = agency_line_before(cx, doc, l);
			}
			if (title->line < 0 || agency)
			{
				title->line = l;
				title->year = y;
				title->agency = agency;
			}
			if (agency)
				break;
		}
}

/* Organisation name endings, longest first. */
static const char *const org_suffixes[] = {
	"街道办事处", "人民政府", "管理委员会", "办公厅", "办公室", "委员会",
	"管委会", "办事处", "管理局", "人民法院", "检察院", "中心", "政府",
	"街道", "局", "厅", "委", "办", "署", "镇", "乡", "区", "县", "市",
	"省", "州", "旗", "院", "所", "队", "站", "会", "处", "部", NULL
};

/* Words that start the predicate after the subject of a sentence. */
static const char *const predicate_starts[] = {
	"坚持", "深入", "认真", "全面", "紧紧", "紧扣", "围绕", "按照", "根据",
	"持续", "积极", "不断", "严格", "高度", "聚焦", "始终", "贯彻", "落实",
	"进一步", "继续", "扎实", "着力", "切实", "大力", "牢固", "立足", "主动",
	"依法", "强化", "加强", "推进", "推动", "完善", "做好", "共", "在", "以",
	"把", "将", "对", "通过", "围", "结合", "全力", "有序", "稳步", "健全",
	"注重", "不", "进", "秉持", "树牢", NULL
};

static int
suffix_end(const char *s, const char *end)
{
	return giar_prefix_match(s, end, org_suffixes);
}

/*
 * A title wrapped after its agency ("淮河县人民政府" on a line, then "2024
 * 年政府信息公开工作年度报告"): the line before the title line, when it is
 * a short name of Han characters only that ends like an organisation.
 */
static char *
agency_line_before(GiarContext *cx, const GiarDoc *doc, int l)
{
	const GiarLine *prev = NULL;
	const GiarLine *lines = doc->unconverted ? doc->unconverted : doc->lines;
	const char *s,
			   *end;
	int			chars = 0;

	for (int k = l - 1; k >= 0 && k >= l - 2; k--)
		if (lines[k].len > 0)
		{
			prev = &lines[k];
			break;
		}
	if (prev == NULL || prev->len > 60)
		return NULL;
	s = prev->text;
	end = s + prev->len;
	while (s < end && *s == ' ')
		s++;
	while (end > s && end[-1] == ' ')
		end--;
	for (const char *p = s; p < end;)
	{
		uint32_t	cp;
		int			n = giar_utf8_decode(p, (int) (end - p), &cp);

		if (!giar_is_han(cp))
			return NULL;
		p += n;
		chars++;
	}
	if (chars < 3)
		return NULL;
	for (int k = 0; org_suffixes[k]; k++)
	{
		size_t		n = strlen(org_suffixes[k]);

		if ((size_t) (end - s) > n && memcmp(end - n, org_suffixes[k], n) == 0)
			return giar_strndup(cx, s, (size_t) (end - s));
	}
	return NULL;
}

static bool
starts_predicate(const char *s, const char *end)
{
	return giar_prefix_match(s, end, predicate_starts) > 0;
}

/*
 * The subject of a sentence such as "2024年,城中区人民政府深入贯彻…":
 * segments of at most eight Han characters, each ending in an organisation
 * suffix, taken while the text does not turn into the predicate.
 */
static char *
sentence_subject(GiarContext *cx, const char *s, const char *end)
{
	const char *name_end = NULL;
	const char *p = s;

	if (end - s >= 3 && (memcmp(s, "我", 3) == 0 || memcmp(s, "本", 3) == 0))
		return NULL;
	for (;;)
	{
		const char *q = p;
		const char *seg_end = NULL;
		int			chars = 0;

		giar_tick(cx);
		while (q < end && chars < 8)
		{
			uint32_t	cp;
			int			n;
			int			sl;

			if (q > p && starts_predicate(q, end))
				break;
			n = giar_utf8_decode(q, (int) (end - q), &cp);
			if (!giar_is_han(cp))
				break;
			/* the longest suffix that ends the segment here */
			sl = suffix_end(q, end);
			if (sl && q + sl <= end && (q > p || sl >= 6))
			{
				seg_end = q + sl;
				/* prefer a longer suffix starting at the same place */
				break;
			}
			q += n;
			chars++;
		}
		if (seg_end == NULL)
			break;
		name_end = seg_end;
		p = seg_end;
		if (p >= end || starts_predicate(p, end))
			break;
	}
	if (name_end == NULL || name_end - s < 6)
		return NULL;
	return giar_strndup(cx, s, (size_t) (name_end - s));
}

/*
 * "2024年,XX…" at the start of a paragraph before part 二 (the preamble or
 * part 一): the year and, as the sentence's subject, the agency.
 */
static int
year_from_first_paragraphs(GiarContext *cx, const GiarDoc *doc,
						   const GiarParts *parts, char **agency)
{
	int			to = doc->nlines;

	*agency = NULL;
	if (parts->line[2] >= 0)
		to = parts->line[2];
	else if (parts->line[1] >= 0)
		giar_part_range(doc, parts, 1, &(int) {0}, &to);
	for (int l = 0; l < to; l++)
	{
		const GiarLine *line = &doc->lines[l];
		const char *s = line->text;
		const char *end = s + line->len;
		int			y;

		if (line->len < 12)
			continue;
		while (s < end && *s == ' ')
			s++;
		y = year_at(s, end);
		if (y == 0 || (s = unit_after(s + 4, end, "年")) == NULL)
			continue;
		if (end - s >= 3 && memcmp(s, "度", 3) == 0)
			s += 3;
		if (s < end && (*s == ',' || *s == ' '))
			s++;
		else
			continue;			/* "2024年1月…" is a date, not the subject's year */
		*agency = sentence_subject(cx, s, end);
		return y;
	}
	return 0;
}

/*
 * The statistics period: "统计期限为2024年1月1日至12月31日",
 * "自2023年1月1日至2023年12月31日".  Returns the year, or 0.
 */
static int
period_year(GiarContext *cx, const GiarDoc *doc, int *line_out, bool *multi_year)
{
	bool		seen = false;

	if (!giar_doc_may_hold(doc, "年1月1日"))
		return 0;

	/*
	 * As printed; when that finds nothing, with the spaces PDF text puts
	 * between numbers and units ("2024 年 1 月 1 日至 2024 年 12 月 31 日").
	 */
	for (int spaced = 0; spaced < 2 && !seen; spaced++)
		for (int l = 0; l < doc->nlines; l++)
		{
			const GiarLine *line = &doc->lines[l];
			const char *s = line->text;
			const char *end = s + line->len;
			const char *p = s;
			int			mlen = (int) strlen("年1月1日");

			giar_tick_n(cx, (size_t) line->len + 16);

			/* a line shorter than the words; spaced figures have spaces */
			if (line->len < mlen ||
				(spaced && giar_memchr(s, ' ', (size_t) line->len) == NULL))
				continue;
			while ((p = spaced ? giar_find_spaced(p, (int) (end - p), "年1月1日", &mlen) :
					find_in(p, (int) (end - p), "年1月1日")) != NULL)
			{
				int			y = 0;
				const char *after = p + mlen;
				const char *q = p;
				const char *dec;

				while (spaced && q > s && q[-1] == ' ')
					q--;
				if (q - s >= 4 && !digit_before(s, q - 4))
					y = year_at(q - 4, end);
				p = after;
				if (y == 0)
					continue;
				seen = true;
				dec = spaced ?
					giar_find_spaced(after, (int) (end - after) > 60 ? 60 : (int) (end - after),
									 "12月31日", NULL) :
					find_in(after, (int) (end - after) > 60 ? 60 : (int) (end - after),
							"12月31日");
				if (dec == NULL)
					continue;
				/* an explicit end year must be the same year */
				while (spaced && dec > after && dec[-1] == ' ')
					dec--;
				if (dec - after >= 7 && memcmp(dec - 3, "年", 3) == 0)
				{
					const char *ye = dec - 3;
					int			y2;

					while (spaced && ye > after && ye[-1] == ' ')
						ye--;
					y2 = ye - after >= 4 ? year_at(ye - 4, end) : 0;
					if (y2 && y2 != y)
					{
						*multi_year = true;
						*line_out = l;
						continue;
					}
				}
				*line_out = l;
				return y;
			}
		}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Dates and index number                                              */
/* ------------------------------------------------------------------ */

static int
read_int(const char **p, const char *end, int maxdigits)
{
	int			v = 0,
				n = 0;

	while (*p < end && is_digit(**p) && n < maxdigits)
	{
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

/* Parse YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日 at s. */
static bool
parse_date(const char *s, const char *end, GiarDate *date)
{
	const char *p = s;
	int			y,
				m,
				d;
	bool		chinese;

	y = read_int(&p, end, 4);
	if (y < 1990 || y > 2099)
		return false;
	/* "2024年1月20日", also spaced as PDF text has it: "2024 年 1 月 20 日" */
	chinese = unit_after(p, end, "年") != NULL;
	if (chinese)
		p = unit_after(p, end, "年");
	else if (p < end && (*p == '-' || *p == '/' || *p == '.'))
		p++;
	else
		return false;
	while (chinese && p < end && *p == ' ')
		p++;
	m = read_int(&p, end, 2);
	if (m < 1 || m > 12)
		return false;
	if (chinese && unit_after(p, end, "月"))
		p = unit_after(p, end, "月");
	else if (!chinese && p < end && (*p == '-' || *p == '/' || *p == '.'))
		p++;
	else
		return false;
	while (chinese && p < end && *p == ' ')
		p++;
	d = read_int(&p, end, 2);
	if (d < 1 || d > 31)
		return false;
	if (p < end && is_digit(*p))
		return false;
	{
		static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

		if (d > mdays[m - 1] ||
			(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
			return false;
	}
	date->year = y;
	date->month = m;
	date->day = d;
	return true;
}

static const char *
skip_label_separators(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == ':' || *p == '|' || *p == '='))
		p++;
	return p;
}

/*
 * The value after a label: on the same line after separators, or on the
 * next non-empty line when the label ends its line (one cell per line).
 */
static bool
value_after_label(const GiarDoc *doc, int l, const char *label,
				  const char **val, const char **val_end)
{
	const GiarLine *line = &doc->lines[l];
	int			mlen;
	const char *hit = giar_find_spaced(line->text, line->len, label, &mlen);
	const char *p;
	const char *end = line->text + line->len;

	if (hit == NULL)
		return false;
	p = skip_label_separators(hit + mlen, end);
	if (p < end)
	{
		*val = p;
		*val_end = end;
		return true;
	}
	for (int k = l + 1; k < doc->nlines && k <= l + 3; k++)
	{
		const GiarLine *next = &doc->lines[k];

		p = skip_label_separators(next->text, next->text + next->len);
		if (p < next->text + next->len)
		{
			*val = p;
			*val_end = next->text + next->len;
			return true;
		}
	}
	return false;
}

static const char *const published_labels[] = {
	"发布日期", "发布时间", "公布日期", "公开日期", "发布于", "公布时间",
	"发表日期", "发表时间", "上网日期", NULL
};

#define NPUBLISHED_LABELS (sizeof(published_labels) / sizeof(published_labels[0]) - 1)

/*
 * For the page-header labels (a NULL-terminated list): which the text may
 * hold at all, and each label's byte mask, which rules a line out before a
 * search.  False when the text can hold none: it is not read line by line.
 */
static bool
header_label_filters(const GiarDoc *doc, const char *const *labels,
					 bool *may_hold, uint64_t *label_bytes)
{
	bool		any = false;

	for (int i = 0; labels[i]; i++)
	{
		may_hold[i] = giar_doc_may_hold(doc, labels[i]);
		/* read only where the label may occur */
		label_bytes[i] = may_hold[i] ?
			giar_byte_mask(labels[i], (int) strlen(labels[i])) : 0;
		any |= may_hold[i];
	}
	return any;
}

static void
read_published(GiarContext *cx, const GiarDoc *doc, GiarReport *report)
{
	uint64_t	label_bytes[NPUBLISHED_LABELS];
	bool		may_hold[NPUBLISHED_LABELS];

	if (!header_label_filters(doc, published_labels, may_hold, label_bytes))
		return;
	for (int l = 0; l < doc->nlines; l++)
	{
		const GiarLine *line = &doc->lines[l];
		uint64_t	line_bytes;

		giar_tick_n(cx, (size_t) line->len + 16);
		/* every label is three characters at least (9 bytes) */
		if (line->len < 9)
			continue;
		/* one pass over the line rules out most labels before any search */
		line_bytes = giar_byte_mask(line->text, line->len);
		for (size_t i = 0; i < NPUBLISHED_LABELS; i++)
		{
			const char *val,
					   *val_end;

			if (!may_hold[i] || (label_bytes[i] & ~line_bytes) != 0 ||
				!value_after_label(doc, l, published_labels[i], &val, &val_end))
				continue;
			if (parse_date(val, val_end, &report->published))
				return;
		}
	}
}

static bool
is_index_char(char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		c == '/' || c == '-' || c == '_' || c == '.' || c == '(' || c == ')';
}

static void
read_index_number(GiarContext *cx, const GiarDoc *doc, GiarReport *report)
{
	if (!giar_doc_may_hold(doc, "索引号"))
		return;					/* not line by line through a text without it */
	for (int l = 0; l < doc->nlines; l++)
	{
		const char *val,
				   *val_end,
				   *p;

		giar_tick_n(cx, (size_t) doc->lines[l].len + 16);
		if (doc->lines[l].len == 0 ||
			!value_after_label(doc, l, "索引号", &val, &val_end))
			continue;
		p = val;
		while (p < val_end && is_index_char(*p))
			p++;
		while (p > val && (p[-1] == '.' || p[-1] == '-'))
			p--;
		if (p - val >= 4)
		{
			report->index_number = giar_strndup(cx, val, (size_t) (p - val));
			return;
		}
	}
}

/*
 * The publisher field of the page header ("发布机构：鹭港市海澄区民政局"),
 * the agency's name when neither the title nor the opening sentence gives
 * it.  Names there are often abbreviated, hence the last resort.
 */
static char *
publisher_field(GiarContext *cx, const GiarDoc *doc)
{
	static const char *const labels[] = {
		"发布机构", "发布单位", "发布机关", "发文机关", "发文单位", NULL
	};
	bool		may_hold[sizeof(labels) / sizeof(labels[0])];
	uint64_t	label_bytes[sizeof(labels) / sizeof(labels[0])];

	if (!header_label_filters(doc, labels, may_hold, label_bytes))
		return NULL;
	for (int l = 0; l < doc->nlines && l < 200; l++)
	{
		uint64_t	line_bytes;

		giar_tick_n(cx, (size_t) doc->lines[l].len + 16);
		if (doc->lines[l].len == 0)
			continue;
		line_bytes = giar_byte_mask(doc->lines[l].text, doc->lines[l].len);
		for (int i = 0; labels[i]; i++)
		{
			const char *val,
					   *val_end,
					   *p;
			int			han = 0;

			if (!may_hold[i] || (label_bytes[i] & ~line_bytes) != 0 ||
				!value_after_label(doc, l, labels[i], &val, &val_end))
				continue;
			p = val;
			while (p < val_end && *p != ' ' && *p != '|' && *p != ':')
			{
				uint32_t	cp;
				int			n = giar_utf8_decode(p, (int) (val_end - p), &cp);

				if (!giar_is_han(cp) && cp != '(' && cp != ')')
					break;
				han += giar_is_han(cp);
				p += n;
			}
			if (han >= 2)
				return giar_strndup(cx, val, (size_t) (p - val));
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Metadata                                                            */
/* ------------------------------------------------------------------ */

void
giar_read_meta(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
			   GiarReport *report)
{
	TitleInfo	title;
	bool		multi_year = false;
	int			period_line = -1;
	char	   *subject = NULL;
	int			para_year;

	find_title(cx, doc, parts, &title);
	report->title_year = title.year;
	report->agency = title.agency;
	report->period_year = period_year(cx, doc, &period_line, &multi_year);
	read_published(cx, doc, report);
	read_index_number(cx, doc, report);
	para_year = year_from_first_paragraphs(cx, doc, parts, &subject);
	if (report->agency == NULL)
		report->agency = subject;
	if (report->agency == NULL)
		report->agency = publisher_field(cx, doc);

	if ((title.range || multi_year) && report->period_year == 0 &&
		(report->title_year == 0 || title.range))
	{
		/* a report on several years has no single statistics year */
		giar_diag(cx, "YEAR_RANGE", period_line >= 0 ? doc->lines[period_line].srcline : 0,
				  "the report covers more than one year; no statistics year is set");
		report->title_year = 0;
		report->year = 0;
		return;
	}
	if (report->title_year && report->period_year &&
		report->title_year != report->period_year)
	{
		int			chosen = report->title_year;

		/* reports appear early in the following year */
		if (report->published.year == report->period_year + 1)
			chosen = report->period_year;
		giar_diag(cx, "YEAR_CONFLICT",
				  doc->lines[period_line].srcline,
				  "the title says %d but the statistics period is %d; using %d",
				  report->title_year, report->period_year, chosen);
		report->year = chosen;
	}
	else if (report->title_year)
		report->year = report->title_year;
	else if (report->period_year)
		report->year = report->period_year;
	else if (para_year)
		report->year = para_year;
}

int
giar_cited_format(GiarContext *cx, const GiarDoc *doc)
{
	/* a text without the characters of 公开办函 is not read line by line */
	if (!giar_doc_may_hold(doc, "公开办函"))
		return 0;
	for (int l = 0; l < doc->nlines; l++)
	{
		const GiarLine *line = &doc->lines[l];

		giar_tick_n(cx, (size_t) line->len + 16);
		if (line->len < 12 || !contains(line->text, line->len, "公开办函"))
			continue;
		/* "30号", or spaced as PDF text has it: "30 号" */
		if (contains(line->text, line->len, "2021") &&
			giar_find_spaced(line->text, line->len, "30号", NULL))
			return 2021;
		if (contains(line->text, line->len, "2019") &&
			giar_find_spaced(line->text, line->len, "60号", NULL))
			return 2019;
	}
	return 0;
}

/*
 * 行政执法数据 publications share labels (行政许可, 行政处罚) with table 2
 * but are no disclosure report: their title says so and they have no
 * disclosure parts.
 */
int
giar_count_parts(const GiarParts *parts)
{
	int			n = 0;

	for (int k = 1; k <= GIAR_NPARTS; k++)
		if (parts->line[k] >= 0)
			n++;
	return n;
}

bool
giar_is_look_alike(const GiarDoc *doc, const GiarParts *parts)
{
	if (giar_count_parts(parts) >= 3 || !giar_doc_may_hold(doc, "行政执法"))
		return false;
	for (int l = 0; l < doc->nlines && l < 80; l++)
	{
		const GiarLine *line = &doc->lines[l];

		if (line->len > 0 && line->len < 200 &&
			contains(line->text, line->len, "行政执法") &&
			(contains(line->text, line->len, "数据") ||
			 contains(line->text, line->len, "统计") ||
			 contains(line->text, line->len, "年报")) &&
			!contains(line->text, line->len, "政府信息公开"))
			return true;
	}
	return false;
}
