/*
 * narrative.c
 *		Figures quoted in the report's prose (parts 一 and 六): new, carried
 *		over, handled and carried-forward requests, review and litigation
 *		cases, the information processing fee.
 *
 * Sentences are cut into clauses at commas, semicolons and 、; in a clause
 * each "X件" (or "X元" for the fee) takes the key of the nearest cue before
 * it ("新收到…47件") or of a cue right after it ("16件结转至2025年").  Cues
 * are data with a strength: "新收" beats a bare "受理" in the same report
 * ("共受理59件，结转上年后新收到47件": 47 new).  Approximate figures
 * ("近1200件", "5500余件") are never taken.  Negative statements
 * ("未发生…行政复议、行政诉讼", "未收取信息处理费") give 0.  Two different
 * figures of the same strength leave the key absent.
 */
#include <string.h>

#include "narrative.h"

typedef struct Cue
{
	int			cell;			/* GIAR_N_* */
	const char *text;
	int			strength;		/* 2: specific, 1: needs 申请 in the sentence */
	bool		after;			/* the cue follows the figure */
} Cue;

static const Cue cues[] = {
	{GIAR_N_NEW_REQUESTS, "新收到", 2, false},
	{GIAR_N_NEW_REQUESTS, "新收", 2, false},
	{GIAR_N_NEW_REQUESTS, "新受理", 2, false},
	{GIAR_N_NEW_REQUESTS, "新接收", 2, false},
	{GIAR_N_NEW_REQUESTS, "收到", 1, false},
	{GIAR_N_NEW_REQUESTS, "受理", 1, false},
	{GIAR_N_NEW_REQUESTS, "接收", 1, false},
	{GIAR_N_NEW_REQUESTS, "收悉", 1, false},
	{GIAR_N_CARRIED_OVER, "上年结转", 2, false},
	{GIAR_N_CARRIED_OVER, "上年度结转", 2, false},
	{GIAR_N_CARRIED_OVER, "上一年度结转", 2, false},
	{GIAR_N_CARRIED_OVER, "上一年结转", 2, false},
	{GIAR_N_CARRIED_OVER, "结转上年度", 2, false},
	{GIAR_N_CARRIED_OVER, "结转上一年度", 2, false},
	{GIAR_N_CARRIED_OVER, "上年度转入", 2, false},
	{GIAR_N_TOTAL_HANDLED, "办结", 2, false},
	{GIAR_N_TOTAL_HANDLED, "办理完成", 2, false},
	{GIAR_N_TOTAL_HANDLED, "办理完毕", 2, false},
	{GIAR_N_TOTAL_HANDLED, "完成答复", 2, false},
	{GIAR_N_TOTAL_HANDLED, "答复", 1, false},
	{GIAR_N_TOTAL_HANDLED, "答覆", 1, false},	/* 答覆 after script conversion */
	{GIAR_N_TOTAL_HANDLED, "已办理", 1, false},
	{GIAR_N_CARRIED_FORWARD, "结转下年", 2, false},
	{GIAR_N_CARRIED_FORWARD, "结转至下一年", 2, false},
	{GIAR_N_CARRIED_FORWARD, "结转到下一年", 2, false},
	{GIAR_N_CARRIED_FORWARD, "转入下一年", 2, false},
	{GIAR_N_CARRIED_FORWARD, "结转至下年", 2, false},
	{GIAR_N_CARRIED_FORWARD, "顺延", 2, false},
	{GIAR_N_CARRIED_FORWARD, "结转至", 2, true},
	{GIAR_N_CARRIED_FORWARD, "结转到", 2, true},
	{GIAR_N_CARRIED_FORWARD, "结转下", 2, true},
	{GIAR_N_CARRIED_FORWARD, "转入下", 2, true},
	{GIAR_N_CARRIED_FORWARD, "顺延至", 2, true},
	{GIAR_N_CARRIED_FORWARD, "需延期", 2, true},
	{GIAR_N_REVIEW_TOTAL, "行政复议", 2, false},
	{GIAR_N_LITIGATION_TOTAL, "行政诉讼", 2, false},
	{GIAR_N_PROCESSING_FEE_YUAN, "信息处理费", 2, false},
};

/* Negative statements: a negator, then within a few words one of the cues. */
typedef struct Negation
{
	int			cell;
	const char *const *negators;
	const char *const *cues;
	const char *const *blockers;	/* the sentence is about something else */
} Negation;

#define WORDS(...) ((const char *const[]) {__VA_ARGS__, NULL})

static const Negation negations[] = {
	{GIAR_N_REVIEW_TOTAL,
		WORDS("未发生", "没有发生", "未出现", "未有", "无"),
		WORDS("行政复议"),
	WORDS("纠错", "纠正", "败诉", "撤销", "被确认违法", "责任追究")},
	{GIAR_N_LITIGATION_TOTAL,
		WORDS("未发生", "没有发生", "未出现", "未有", "无"),
		WORDS("行政诉讼"),
	WORDS("纠错", "纠正", "败诉", "撤销", "被确认违法", "责任追究")},
	{GIAR_N_PROCESSING_FEE_YUAN,
		WORDS("未收取", "无收取", "没有收取", "未产生", "未发生", "未征收", "无"),
		WORDS("信息处理费", "处理费"),
	WORDS("标准为")},
	{GIAR_N_NEW_REQUESTS,
		WORDS("未收到", "没有收到", "未接到", "无"),
		WORDS("公开申请", "依申请"),
	WORDS("复议", "诉讼")},
};

/* Marks of an approximate figure before or after it. */
static const char *const approx_before[] = {"近", "约", "逾", "超过", "将近", "大约", NULL};
static const char *const approx_after[] = {"余", "多", "以上", "左右", NULL};

static bool
starts_with_any(const char *s, const char *end, const char *const *words)
{
	for (; *words; words++)
	{
		size_t		n = strlen(*words);

		if ((size_t) (end - s) >= n && memcmp(s, *words, n) == 0)
			return true;
	}
	return false;
}

static bool
ends_with_any(const char *start, const char *s, const char *const *words)
{
	for (; *words; words++)
	{
		size_t		n = strlen(*words);

		if ((size_t) (s - start) >= n && memcmp(s - n, *words, n) == 0)
			return true;
	}
	return false;
}

static const char *
find_range(const char *s, const char *end, const char *needle)
{
	if (end <= s)
		return NULL;
	return memmem(s, (size_t) (end - s), needle, strlen(needle));
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

typedef struct Candidate
{
	bool		set;
	int			strength;
	int64_t		value;
	bool		conflict;
	int			line;
} Candidate;

static void
offer(Candidate *cand, int strength, int64_t value, int line)
{
	if (cand->set && cand->strength > strength)
		return;
	if (cand->set && cand->strength == strength)
	{
		if (cand->value != value)
			cand->conflict = true;
		return;
	}
	cand->set = true;
	cand->strength = strength;
	cand->value = value;
	cand->conflict = false;
	cand->line = line;
}

static bool
is_clause_end(const char *start, const char *p, const char *end, int *len)
{
	if (*p == ',' || *p == ';' || *p == '.' || *p == '!' || *p == '?' ||
		*p == ':')
	{
		/* a decimal point or thousands separator inside a number is not */
		if ((*p == '.' || *p == ',') && p + 1 < end && is_digit(p[1]) &&
			p > start && is_digit(p[-1]))
			return false;
		*len = 1;
		return true;
	}
	if (end - p >= 3 && (memcmp(p, "、", 3) == 0 || memcmp(p, "。", 3) == 0))
	{
		*len = 3;
		return true;
	}
	return false;
}

/* A figure "X件" (or "X元"): digits with optional thousands separators. */
typedef struct Figure
{
	const char *end;			/* after the unit */
	int64_t		value;
	bool		approximate;
} Figure;

static bool
read_figure(const char *clause, const char *p, const char *end,
			const char *unit, Figure *fig)
{
	const char *q = p;
	int64_t		v = 0;
	int			digits = 0;
	size_t		ulen = strlen(unit);
	bool		approximate = false;

	if (!is_digit(*p) || (p > clause && (is_digit(p[-1]) || p[-1] == '.')))
		return false;
	if (ends_with_any(clause, p, (const char *const[]) {"第", NULL}))
		return false;			/* an ordinal, not a count */
	while (q < end && (is_digit(*q) || (*q == ',' && q + 3 < end &&
										is_digit(q[1]) && is_digit(q[2]) &&
										is_digit(q[3]))))
	{
		if (*q != ',')
		{
			if (++digits > 15)
				return false;
			v = v * 10 + (*q - '0');
		}
		q++;
	}
	/* "5500余件", "100多件" */
	for (const char *const *w = approx_after; *w; w++)
	{
		size_t		n = strlen(*w);

		if ((size_t) (end - q) >= n && memcmp(q, *w, n) == 0)
		{
			approximate = true;
			q += n;
			break;
		}
	}
	if ((size_t) (end - q) < ulen || memcmp(q, unit, ulen) != 0)
		return false;
	q += ulen;
	/* 件次 counts visits, not requests */
	if (end - q >= 3 && memcmp(q, "次", 3) == 0)
		return false;
	fig->end = q;
	fig->value = v;
	fig->approximate = approximate ||
		ends_with_any(clause, p, approx_before) ||
		starts_with_any(q, end, approx_after);
	return true;
}

/*
 * The cue that claims a figure starting at p: a following cue right after
 * it, else the nearest preceding cue in the clause with no other figure in
 * between (the stronger cue when two end at the same place).
 */
static const Cue *
claiming_cue(const char *clause, const char *p, const char *fig_end,
			 const char *end)
{
	const Cue  *best = NULL;
	const char *best_end = NULL;

	for (size_t c = 0; c < sizeof(cues) / sizeof(cues[0]); c++)
	{
		const Cue  *cue = &cues[c];
		const char *hit = NULL;

		if (!cue->after)
			continue;
		hit = find_range(fig_end, end, cue->text);
		if (hit && hit - fig_end <= 6)
			return cue;
	}
	for (size_t c = 0; c < sizeof(cues) / sizeof(cues[0]); c++)
	{
		const Cue  *cue = &cues[c];
		const char *hit = NULL;
		bool		other = false;

		if (cue->after)
			continue;
		for (const char *q = clause;;)
		{
			const char *h = find_range(q, p, cue->text);

			if (h == NULL)
				break;
			hit = h;
			q = h + 1;
		}
		if (hit == NULL)
			continue;
		hit += strlen(cue->text);
		if (p - hit > 60)
			continue;
		for (const char *q = hit; q < p; q++)
			if (is_digit(*q))
				other = true;
		if (other)
			continue;
		if (best == NULL || hit > best_end ||
			(hit == best_end && cue->strength > best->strength))
		{
			best = cue;
			best_end = hit;
		}
	}
	return best;
}

/*
 * "309件（其中上年结转18件）": a received total said to include last
 * year's carry-over is not the number of new requests.
 */
static bool
includes_carried_over(const char *after, const char *end)
{
	const char *of_which = find_range(after, end, "其中");

	if (of_which == NULL || of_which - after > 6)
		return false;
	return find_range(of_which, end, "上年") || find_range(of_which, end, "上一年") ||
		find_range(of_which, end, "结转");
}

/* Read the figures of one clause. */
static void
read_clause(const char *clause, const char *end, bool request_context,
			int line, Candidate *cand)
{
	for (const char *p = clause; p < end; p++)
	{
		Figure		fig;
		const Cue  *cue;
		bool		is_fee = false;

		if (!is_digit(*p))
			continue;
		if (!read_figure(clause, p, end, "件", &fig))
		{
			if (!read_figure(clause, p, end, "元", &fig))
			{
				while (p + 1 < end && (is_digit(p[1]) || p[1] == ',' || p[1] == '.'))
					p++;
				continue;
			}
			is_fee = true;
		}
		cue = claiming_cue(clause, p, fig.end, end);
		if (cue && cue->cell == GIAR_N_NEW_REQUESTS && cue->strength < 2 &&
			includes_carried_over(fig.end, end))
			cue = NULL;			/* "受理309件(其中上年结转18件)": not new ones */
		if (cue && (cue->cell == GIAR_N_PROCESSING_FEE_YUAN) == is_fee &&
			!fig.approximate && (cue->strength == 2 || request_context))
			offer(&cand[cue->cell], cue->strength, fig.value, line);
		p = fig.end - 1;
	}
}

/*
 * A negative statement: a negator, then within 30 characters a cue, with no
 * figure right after that cue ("未发生行政复议案件" gives 0; "未发生…行政
 * 复议3件" is a figure, not a negation).
 */
static bool
negated(const char *s, const char *end, const Negation *neg)
{
	bool		any_cue = false;

	/* most sentences hold none of the cues: skip them at once */
	for (const char *const *c = neg->cues; *c && !any_cue; c++)
		any_cue = find_range(s, end, *c) != NULL;
	if (!any_cue)
		return false;
	for (const char *p = s; p < end; p++)
	{
		if (!starts_with_any(p, end, neg->negators))
			continue;
		for (const char *const *c = neg->cues; *c; c++)
		{
			const char *h = find_range(p, end, *c);
			const char *after;
			bool		figure = false;

			if (h == NULL || h - p > 90)
				continue;
			after = h + strlen(*c);
			for (const char *q = after; q < end && q - after < 30; q++)
				if (is_digit(*q))
					figure = true;
			if (!figure)
				return true;
		}
	}
	return false;
}

static void
read_negations(const char *s, const char *end, int line, Candidate *cand)
{
	for (size_t i = 0; i < sizeof(negations) / sizeof(negations[0]); i++)
	{
		const Negation *neg = &negations[i];
		bool		blocked = false;

		if (!negated(s, end, neg))
			continue;
		for (const char *const *b = neg->blockers; *b; b++)
			if (find_range(s, end, *b))
				blocked = true;
		if (!blocked)
			offer(&cand[neg->cell], 2, 0, line);
	}
}

static void
read_sentence(const char *s, const char *end, bool request_context, int line,
			  Candidate *cand)
{
	const char *clause = s;

	read_negations(s, end, line, cand);
	for (const char *p = s; p <= end;)
	{
		int			seplen = 0;

		if (p == end || is_clause_end(s, p, end, &seplen))
		{
			if (p > clause)
				read_clause(clause, p, request_context, line, cand);
			if (p == end)
				break;
			p += seplen;
			clause = p;
		}
		else
			p++;
	}
}

/* Does the line end a sentence (so that the next line is a new one)? */
static bool
ends_sentence(const GiarLine *line)
{
	const char *end = line->text + line->len;

	if (line->len == 0)
		return true;
	if (end[-1] == ';' || end[-1] == '!' || end[-1] == '?' || end[-1] == ':')
		return true;
	return line->len >= 3 && (memcmp(end - 3, "。", 3) == 0 ||
							  memcmp(end - 3, "”", 3) == 0);
}

/*
 * Read the prose of lines [from, to).  Lines that wrap inside a sentence
 * (pdftotext breaks lines at the page width) are joined into paragraphs
 * first; page footers and table rows end a paragraph.
 */
static void
read_lines(const GiarDoc *doc, int from, int to, Candidate *cand,
		   GiarContext *cx)
{
	int			l = from;

	while (l < to)
	{
		const GiarLine *line = &doc->lines[l];
		int			first = l;
		size_t		total = 0;
		char	   *para;
		char	   *w;
		const char *s;
		const char *end;
		const char *sentence;
		bool		request_context;

		giar_tick(cx);
		if (line->len == 0 ||
			(line->flags & (GIAR_LINE_TABLE_ROW | GIAR_LINE_FOOTER | GIAR_LINE_SEPARATOR)) ||
			memchr(line->text, '|', (size_t) line->len))
		{
			l++;
			continue;
		}
		/* the paragraph: this line and the lines its sentence wraps onto */
		while (l < to)
		{
			const GiarLine *cur = &doc->lines[l];

			if (cur->flags & GIAR_LINE_FOOTER)
			{
				l++;
				continue;
			}
			if (cur->len == 0 || (cur->flags & (GIAR_LINE_TABLE_ROW | GIAR_LINE_SEPARATOR)) ||
				memchr(cur->text, '|', (size_t) cur->len))
				break;
			total += (size_t) cur->len;
			l++;
			if (ends_sentence(cur))
				break;
		}
		para = giar_alloc(cx, total + 1);
		w = para;
		for (int k = first; k < l; k++)
		{
			const GiarLine *cur = &doc->lines[k];
			const char *t = cur->text;
			int			n = cur->len;

			if (cur->flags & GIAR_LINE_FOOTER)
				continue;
			while (n > 0 && *t == ' ')
			{
				t++;
				n--;
			}
			memcpy(w, t, (size_t) n);
			w += n;
		}
		*w = '\0';
		s = para;
		end = w;
		sentence = s;
		/* weak cues need the paragraph to be about requests */
		request_context = find_range(s, end, "申请") != NULL;
		for (const char *p = s; p <= end;)
		{
			if (p == end || *p == ';' || *p == '!' || *p == '?' ||
				(end - p >= 3 && memcmp(p, "。", 3) == 0))
			{
				if (p > sentence)
					read_sentence(sentence, p, request_context,
								  doc->lines[first].srcline, cand);
				if (p == end)
					break;
				p += (*p == ';' || *p == '!' || *p == '?') ? 1 : 3;
				sentence = p;
			}
			else
				p++;
		}
	}
}

void
giar_read_narrative(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
					int body_start, GiarReport *report)
{
	Candidate	cand[GIAR_N_NCELLS];
	int			from,
				to;

	memset(cand, 0, sizeof(cand));
	if (parts->line[1] >= 0)
	{
		giar_part_range(doc, parts, 1, &from, &to);
		read_lines(doc, from, to, cand, cx);
	}
	else
		read_lines(doc, 0, body_start, cand, cx);
	if (parts->line[6] >= 0)
	{
		giar_part_range(doc, parts, 6, &from, &to);
		read_lines(doc, from, to, cand, cx);
	}

	for (int k = 0; k < GIAR_N_NCELLS; k++)
	{
		const GiarDictEntry *e = giar_dict_by_cell(GIAR_CELL_N(k));

		if (!cand[k].set)
			continue;
		if (cand[k].conflict)
		{
			giar_diag(cx, "NARRATIVE_CONFLICT", cand[k].line,
					  "%s: the prose gives different figures; left absent", e->key);
			continue;
		}
		report->cells[GIAR_CELL_N(k)].digits = cand[k].value;
		report->cells[GIAR_CELL_N(k)].scale = 0;
		report->cells[GIAR_CELL_N(k)].present = true;
	}
}
