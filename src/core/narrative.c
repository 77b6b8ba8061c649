/*
 * narrative.c
 *		Figures quoted in the report's prose (parts 一 and 六): new, carried
 *		over, handled and carried-forward requests, review and litigation
 *		cases, the information processing fee.
 *
 * The prose is joined into paragraphs (pdftotext wraps lines mid-sentence)
 * and cut into sentences and clauses.  In a clause each "X件" (or "X元" for
 * the fee) takes the key of the nearest cue before it ("新收到…47件"), or,
 * for carried-forward requests, of a cue after it ("16件结转至2025年继续
 * 办理").  Cues are data, with a strength: a specific cue ("新收") beats a
 * generic one ("受理") in the same report ("共受理59件，结转上年后新收到47件":
 * 47 new), and a generic cue is ignored in a "其中…" breakdown.  Request
 * cues only count in paragraphs about requests (申请), and not across
 * another subject ("办结行政许可事项1086件").  Approximate figures ("近1200
 * 件", "5500余件") are never taken.  Negative statements ("未发生…行政复议",
 * "未收取信息处理费", "无上年结转") give 0.  Two different figures of the
 * same strength leave the key absent with a diagnostic.
 */
#include <string.h>

#include "narrative.h"

/* What must be around a cue for it to count. */
typedef enum CueContext
{
	CTX_NONE,
	CTX_REQUESTS,				/* the paragraph speaks of 申请 */
	CTX_FEE						/* the sentence speaks of 处理费 */
} CueContext;

typedef struct Cue
{
	int			cell;			/* GIAR_N_* */
	const char *text;
	int			strength;		/* 2: specific, 1: generic */
	CueContext	context;
} Cue;

static const Cue cues[] = {
	{GIAR_N_NEW_REQUESTS, "新收到", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新收", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新受理", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新接收", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "收到", 1, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "受理", 1, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "接收", 1, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "收悉", 1, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上年结转", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上年度结转", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上一年度结转", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上一年结转", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "结转上年度", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "结转上一年度", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上年度转入", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办结", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理完成", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理完毕", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "完成答复", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理答复", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "答复", 1, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "答覆", 1, CTX_REQUESTS},	/* after script conversion */
	{GIAR_N_TOTAL_HANDLED, "已办理", 1, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转下年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转至下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转到下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "转入下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转至下年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "顺延", 2, CTX_REQUESTS},
	{GIAR_N_REVIEW_TOTAL, "行政复议", 2, CTX_NONE},
	{GIAR_N_LITIGATION_TOTAL, "行政诉讼", 2, CTX_NONE},
	{GIAR_N_PROCESSING_FEE_YUAN, "信息处理费", 2, CTX_NONE},
	{GIAR_N_PROCESSING_FEE_YUAN, "收取", 1, CTX_FEE},
};

/*
 * Subjects that are not disclosure requests: a request cue followed by one
 * of them before the figure counts something else ("办结行政许可事项1086件").
 */
static const char *const other_subjects[] = {
	"许可", "审批", "诉求", "咨询", "建议", "提案", "议案", "信访", "投诉",
	"热线", "来电", "来信", "留言", "工单", "处罚", "执法", NULL
};

/* Words that announce a carry into the next year after a figure. */
static const char *const carry_verbs[] = {
	"结转", "转入", "顺延", "延期", "转至", NULL
};
static const char *const carry_targets[] = {
	"继续办理", "下年", "下一年", "次年", NULL
};

/* Negative statements: a negator, then within max_gap bytes a cue. */
typedef struct Negation
{
	int			cell;
	const char *const *negators;
	const char *const *cues;
	int			max_gap;
	const char *const *blockers;	/* in the clause: about something else */
} Negation;

#define WORDS(...) ((const char *const[]) {__VA_ARGS__, NULL})

static const Negation negations[] = {
	{GIAR_N_REVIEW_TOTAL,
		WORDS("未发生", "没有发生", "未出现", "未有", "无"),
		WORDS("行政复议"), 90,
	WORDS("纠错", "纠正", "败诉", "撤销", "被确认违法")},
	{GIAR_N_LITIGATION_TOTAL,
		WORDS("未发生", "没有发生", "未出现", "未有", "无"),
		WORDS("行政诉讼"), 90,
	WORDS("纠错", "纠正", "败诉", "撤销", "被确认违法")},
	{GIAR_N_PROCESSING_FEE_YUAN,
		WORDS("未收取", "无收取", "没有收取", "未产生", "未发生", "未征收", "无"),
		WORDS("信息处理费", "处理费"), 45,
	WORDS("标准为")},
	{GIAR_N_NEW_REQUESTS,
		WORDS("未收到", "没有收到", "未接到", "无"),
		WORDS("公开申请", "依申请"), 45,
	WORDS("复议", "诉讼")},
	{GIAR_N_CARRIED_OVER,
		WORDS("无", "没有"),
		WORDS("上年结转", "上年度结转", "结转上年"), 6,
	WORDS("复议", "诉讼")},
	{GIAR_N_CARRIED_FORWARD,
		WORDS("无", "没有", "无需"),
		WORDS("结转下年", "结转至下一年", "结转到下一年", "需结转", "结转"), 6,
	WORDS("复议", "诉讼")},
};

/* Marks of an approximate figure before or after it. */
static const char *const approx_before[] = {"近", "约", "逾", "超过", "将近", "大约", NULL};
static const char *const approx_after[] = {"余", "多", "以上", "左右", NULL};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *
find_range(const char *s, const char *end, const char *needle)
{
	if (end <= s)
		return NULL;
	return memmem(s, (size_t) (end - s), needle, strlen(needle));
}

static bool
starts_with_any(const char *s, const char *end, const char *const *words)
{
	return giar_prefix_match(s, end, words) > 0;
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
find_any(const char *s, const char *end, const char *const *words)
{
	const char *best = NULL;

	for (; *words; words++)
	{
		const char *h = find_range(s, end, *words);

		if (h && (best == NULL || h < best))
			best = h;
	}
	return best;
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

/* Separators of clauses: , ; . ! ? : 、 。 (not inside a number). */
static bool
is_clause_end(const char *start, const char *p, const char *end, int *len,
			  bool list_too)
{
	if (*p == ',' || *p == ';' || *p == '.' || *p == '!' || *p == '?' ||
		*p == ':')
	{
		if ((*p == '.' || *p == ',') && p + 1 < end && is_digit(p[1]) &&
			p > start && is_digit(p[-1]))
			return false;
		*len = 1;
		return true;
	}
	if (end - p >= 3 && (memcmp(p, "。", 3) == 0 ||
						 (list_too && memcmp(p, "、", 3) == 0)))
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
	if (ends_with_any(clause, p, WORDS("第")))
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
 * "4件因…尚未届满，结转下年度继续办理", "7件转入2025年继续办理": a carry
 * verb after the figure (no other figure between, a year excepted) and a
 * next-year target right after the verb.
 */
static bool
carried_forward_after(const char *fig_end, const char *sentence_end)
{
	const char *limit = fig_end + 60 < sentence_end ? fig_end + 60 : sentence_end;
	const char *verb = find_any(fig_end, limit, carry_verbs);
	const char *after;
	const char *target;
	const char *rest;

	if (verb == NULL)
		return false;
	for (const char *q = fig_end; q < verb; q++)
		if (is_digit(*q))
			return false;
	/* "14件，无结转下年度办理的申请": a carry denied */
	if (find_any(verb - 6 > fig_end ? verb - 6 : fig_end, verb,
				 WORDS("无", "没有", "未", "不")))
		return false;
	after = verb + strlen("结转");	/* every carry verb is two characters */
	limit = after + 24 < sentence_end ? after + 24 : sentence_end;
	target = find_any(after, limit, carry_targets);
	if (target)
		rest = target + 3;
	else if (limit - after >= 7 && after[0] == '2' && after[1] == '0' &&
			 is_digit(after[2]) && is_digit(after[3]) &&
			 memcmp(after + 4, "年", 3) == 0)
		rest = after + 7;		/* "转入2025年" */
	else
		return false;
	/* "108件，结转下年度继续办理8件": the verb has a figure of its own */
	for (const char *q = rest; q < sentence_end && q - rest < 60; q++)
	{
		if (*q == ',' || *q == ';' || (sentence_end - q >= 3 && memcmp(q, "。", 3) == 0))
			break;
		if (is_digit(*q))
			return false;
	}
	return true;
}

/*
 * The cue that claims a figure at p: the nearest preceding cue in the
 * clause with no other figure and no other subject in between (the
 * stronger one when two end at the same place).
 */
static const Cue *
claiming_cue(const char *clause, const char *p)
{
	const Cue  *best = NULL;
	const char *best_end = NULL;

	for (size_t c = 0; c < sizeof(cues) / sizeof(cues[0]); c++)
	{
		const Cue  *cue = &cues[c];
		const char *hit = NULL;
		bool		blocked = false;

		/* only the last 60 bytes before the figure can hold its cue */
		const char *from = p - clause > 60 + 18 ? p - (60 + 18) : clause;

		for (const char *q = from;;)
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
				blocked = true;
		if (!blocked && cue->context == CTX_REQUESTS &&
			find_any(hit, p, other_subjects))
			blocked = true;
		if (blocked)
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
	const char *limit = after + 40 < end ? after + 40 : end;
	const char *of_which = find_range(after, limit, "其中");

	if (of_which == NULL || of_which - after > 6)
		return false;
	return find_range(of_which, limit, "上年") || find_range(of_which, limit, "上一年") ||
		find_range(of_which, limit, "结转");
}

typedef struct Sentence
{
	const char *start;
	const char *end;
	bool		about_requests;	/* the paragraph speaks of 申请 */
	bool		about_fee;		/* the sentence speaks of 处理费 */
	int			line;
} Sentence;

static bool
context_holds(const Cue *cue, const Sentence *s)
{
	switch (cue->context)
	{
		case CTX_REQUESTS:
			return s->about_requests;
		case CTX_FEE:
			return s->about_fee;
		case CTX_NONE:
			break;
	}
	return true;
}

/* Read the figures of one clause. */
static void
read_clause(const char *clause, const char *end, const Sentence *s,
			Candidate *cand)
{
	const char *lead = clause;
	bool		breakdown;

	while (lead < end && (*lead == ' ' || *lead == '(' || *lead == '"'))
		lead++;
	/* "其中23件为自然人申请": a breakdown of a figure already given */
	breakdown = end - lead >= 6 && memcmp(lead, "其中", 6) == 0;

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
		if (fig.approximate)
		{
			p = fig.end - 1;
			continue;
		}
		if (!is_fee && s->about_requests && carried_forward_after(fig.end, s->end))
		{
			offer(&cand[GIAR_N_CARRIED_FORWARD], 2, fig.value, s->line);
			p = fig.end - 1;
			continue;
		}
		cue = claiming_cue(clause, p);
		if (cue && cue->cell == GIAR_N_NEW_REQUESTS && cue->strength < 2 &&
			includes_carried_over(fig.end, s->end))
			cue = NULL;
		if (cue && cue->strength < 2 && breakdown)
			cue = NULL;
		if (cue && (cue->cell == GIAR_N_PROCESSING_FEE_YUAN) == is_fee &&
			context_holds(cue, s))
			offer(&cand[cue->cell], cue->strength, fig.value, s->line);
		p = fig.end - 1;
	}
}

/* End of the clause that holds p: the next , ; 。 (a list's 、 does not end it). */
static const char *
clause_end(const char *start, const char *p, const char *end)
{
	if (end - p > 120)
		end = p + 120;			/* a clause is short; bound the scan */
	for (; p < end; p++)
	{
		int			len;

		if (is_clause_end(start, p, end, &len, false))
			return p;
	}
	return end;
}

/*
 * A negative statement of a negation rule in the sentence: a negator, a
 * cue within max_gap bytes, no figure right after the cue, and no blocker
 * between the negator and the end of the cue's clause.
 */
static bool
negated(const Sentence *s, const Negation *neg)
{
	bool		any_cue = false;

	/* most sentences hold none of the cues: skip them at once */
	for (const char *const *c = neg->cues; *c && !any_cue; c++)
		any_cue = find_range(s->start, s->end, *c) != NULL;
	if (!any_cue)
		return false;
	for (const char *p = s->start; p < s->end; p++)
	{
		if (!starts_with_any(p, s->end, neg->negators))
			continue;
		for (const char *const *c = neg->cues; *c; c++)
		{
			const char *window = p + neg->max_gap + 24 < s->end ?
				p + neg->max_gap + 24 : s->end;
			const char *h = find_range(p, window, *c);
			const char *after;
			const char *cend;
			bool		bad = false;

			if (h == NULL || h - p > neg->max_gap)
				continue;
			after = h + strlen(*c);
			cend = clause_end(s->start, after, s->end);
			for (const char *q = after; q < cend && q - after < 30; q++)
				if (is_digit(*q))
					bad = true;
			for (const char *const *b = neg->blockers; *b && !bad; b++)
				if (find_range(p, cend, *b))
					bad = true;
			if (!bad)
				return true;
		}
	}
	return false;
}

static void
read_sentence(const Sentence *s, Candidate *cand)
{
	const char *clause = s->start;

	for (size_t i = 0; i < sizeof(negations) / sizeof(negations[0]); i++)
		if (negated(s, &negations[i]))
			offer(&cand[negations[i].cell], 2, 0, s->line);

	for (const char *p = s->start; p <= s->end;)
	{
		int			seplen = 0;

		if (p == s->end || is_clause_end(s->start, p, s->end, &seplen, true))
		{
			if (p > clause)
				read_clause(clause, p, s, cand);
			if (p == s->end)
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
ends_sentence(const char *text, int len)
{
	const char *end = text + len;

	if (len == 0)
		return true;
	if (end[-1] == ';' || end[-1] == '!' || end[-1] == '?' || end[-1] == ':')
		return true;
	return len >= 3 && (memcmp(end - 3, "。", 3) == 0 ||
						memcmp(end - 3, "”", 3) == 0);
}

/*
 * The prose of a line: the line without a trailing " |" (one cell per line
 * layouts end every line so), or NULL for a table row (two or more cells).
 */
static const char *
prose_of(const GiarLine *line, int *len)
{
	const char *s = line->text;
	int			n = line->len;
	const char *bar;

	if (line->flags & (GIAR_LINE_TABLE_ROW | GIAR_LINE_FOOTER | GIAR_LINE_SEPARATOR))
		return NULL;
	while (n > 0 && (s[n - 1] == '|' || s[n - 1] == ' '))
		n--;
	while (n > 0 && (*s == '|' || *s == ' '))
	{
		s++;
		n--;
	}
	bar = memchr(s, '|', (size_t) n);
	if (bar != NULL || n == 0)
		return NULL;
	*len = n;
	return s;
}

/*
 * Read the prose of lines [from, to).  Lines that wrap inside a sentence
 * are joined into paragraphs first; page footers are skipped and table
 * rows end a paragraph.
 */
static void
read_lines(const GiarDoc *doc, int from, int to, Candidate *cand,
		   GiarContext *cx)
{
	int			l = from;

	while (l < to)
	{
		int			first = l;
		size_t		total = 0;
		char	   *para;
		char	   *w;
		const char *sentence;
		int			len;
		Sentence	s;

		giar_tick(cx);
		if (prose_of(&doc->lines[l], &len) == NULL)
		{
			l++;
			continue;
		}
		/* the paragraph: this line and the lines its sentence wraps onto */
		while (l < to)
		{
			const GiarLine *cur = &doc->lines[l];
			const char *t;

			if (cur->flags & GIAR_LINE_FOOTER)
			{
				l++;
				continue;
			}
			t = prose_of(cur, &len);
			if (t == NULL)
				break;
			total += (size_t) len;
			l++;
			if (ends_sentence(t, len))
				break;
		}
		para = giar_alloc(cx, total + 1);
		w = para;
		for (int k = first; k < l; k++)
		{
			const char *t = prose_of(&doc->lines[k], &len);

			if (t == NULL)
				continue;
			memcpy(w, t, (size_t) len);
			w += len;
		}
		*w = '\0';

		s.about_requests = find_range(para, w, "申请") != NULL;
		s.line = doc->lines[first].srcline;
		sentence = para;
		for (const char *p = para; p <= w;)
		{
			if (p == w || *p == ';' || *p == '!' || *p == '?' ||
				(w - p >= 3 && memcmp(p, "。", 3) == 0))
			{
				if (p > sentence)
				{
					s.start = sentence;
					s.end = p;
					s.about_fee = find_range(sentence, p, "处理费") != NULL;
					read_sentence(&s, cand);
				}
				if (p == w)
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
