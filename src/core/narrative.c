/*
 * narrative.c
 *		Figures quoted in the report's prose (parts 一 and 六): new, carried
 *		over, handled and carried-forward requests, review and litigation
 *		cases, the information processing fee.
 *
 * The prose is joined into paragraphs (pdftotext wraps lines mid-sentence)
 * and cut into sentences.  In each sentence the figures ("X件", "X起",
 * "X元", also in Chinese numerals: "三件") and the cues (words such as 新收,
 * 上年结转, 办结, 结转下年度, 行政复议, 信息处理费) are listed; a figure
 * takes the key of the nearest cue before it in its clause, or of a phrase
 * after it ("16件结转至2025年继续办理", "54件已全部答复").  The rules that
 * keep a figure from being claimed wrongly are data and small checks:
 *
 *  - a specific cue ("新收") beats a generic one ("受理") only within one
 *    sentence ("共受理59件，结转上年后新收到47件": 47 new); elsewhere two
 *    different figures for one key leave it absent;
 *  - request cues count only in prose about requests (申请), not across
 *    another subject ("办结行政许可事项1086件"), not when negated ("未办
 *    结"), not for last year ("上年收到45件"), not inside a breakdown
 *    ("其中已办结29件") and not for a total that includes the carry-over
 *    ("受理309件（其中上年结转18件）");
 *  - review and litigation figures count in prose about disclosure (公开),
 *    not across an outcome ("行政复议被纠错1件"), not for a combined count
 *    ("行政复议和行政诉讼共3件"); "各1件" gives both; a subset "其中涉及
 *    政府信息公开的2件" replaces an agency-wide total;
 *  - "分别为73件和5件" pairs figures with the cues before it, in order;
 *  - approximate figures ("近1200件", "5500余件") are never taken;
 *  - negative statements give 0 ("未发生…行政复议", "未收取信息处理费",
 *    "无上年结转", "无结转下年度").
 */
#include <string.h>

#include "narrative.h"

/* What must be around a cue for it to count. */
typedef enum CueContext
{
	CTX_REQUESTS,				/* prose about requests (申请) */
	CTX_CASES,					/* prose about disclosure (公开) */
	CTX_FEE,					/* a sentence about the 处理费 */
	CTX_FEE_WORD				/* the cue names the fee itself */
} CueContext;

/* Keys read from the prose: the narrative cells, then the outcome figures. */
#define OUTCOME_KEY(k) (GIAR_N_NCELLS + (k))
#define NKEYS (GIAR_N_NCELLS + GIAR_PROSE_NOUTCOMES)
#define MAX_SHARES 32

typedef struct Cue
{
	int			cell;			/* GIAR_N_* or OUTCOME_KEY(GIAR_PROSE_*) */
	const char *text;
	int			strength;		/* 2: specific, 1: generic */
	CueContext	context;
} Cue;

static const Cue cues[] = {
	{GIAR_N_NEW_REQUESTS, "新收到", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新收", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新受理", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新接收", 2, CTX_REQUESTS},
	{GIAR_N_NEW_REQUESTS, "新增", 2, CTX_REQUESTS},
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
	{GIAR_N_CARRIED_OVER, "年结转的", 2, CTX_REQUESTS},	/* "2023年结转的4件" */
	{GIAR_N_CARRIED_OVER, "年度结转", 2, CTX_REQUESTS},	/* "2023年度结转3件" */
	{GIAR_N_CARRIED_OVER, "上年度遗留", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上年遗留", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上年度未办结", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上年未办结", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_OVER, "上一年度未办结", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办结", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理完成", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理完结", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理完毕", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "完成答复", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理答复", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "办理结果总计", 2, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "答复", 1, CTX_REQUESTS},
	{GIAR_N_TOTAL_HANDLED, "答覆", 1, CTX_REQUESTS},	/* after script conversion */
	{GIAR_N_TOTAL_HANDLED, "已办理", 1, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转下年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转至下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转到下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转至下年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "转入下一年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "转入下年", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "结转至20", 2, CTX_REQUESTS},	/* + year */
	{GIAR_N_CARRIED_FORWARD, "转入20", 2, CTX_REQUESTS},
	{GIAR_N_CARRIED_FORWARD, "顺延", 2, CTX_REQUESTS},
	{GIAR_N_REVIEW_TOTAL, "行政复议", 2, CTX_CASES},
	{GIAR_N_REVIEW_TOTAL, "被申请复议", 2, CTX_CASES},
	{GIAR_N_LITIGATION_TOTAL, "行政诉讼", 2, CTX_CASES},
	{GIAR_N_LITIGATION_TOTAL, "行政应诉", 2, CTX_CASES},
	{GIAR_N_LITIGATION_TOTAL, "被诉", 1, CTX_CASES},
	{OUTCOME_KEY(GIAR_PROSE_DISCLOSED), "予以公开", 2, CTX_REQUESTS},
	{OUTCOME_KEY(GIAR_PROSE_PARTIALLY_DISCLOSED), "部分公开", 2, CTX_REQUESTS},
	{OUTCOME_KEY(GIAR_PROSE_WITHHELD), "不予公开", 2, CTX_REQUESTS},
	{OUTCOME_KEY(GIAR_PROSE_UNAVAILABLE), "无法提供", 2, CTX_REQUESTS},
	{OUTCOME_KEY(GIAR_PROSE_NOT_PROCESSED), "不予处理", 2, CTX_REQUESTS},
	{OUTCOME_KEY(GIAR_PROSE_OTHER_HANDLING), "其他处理", 2, CTX_REQUESTS},
	{GIAR_N_PROCESSING_FEE_YUAN, "信息处理费", 2, CTX_FEE_WORD},
	{GIAR_N_PROCESSING_FEE_YUAN, "收取", 1, CTX_FEE},
};

#define NCUES ((int) (sizeof(cues) / sizeof(cues[0])))

/*
 * Cues by their first character, sorted, so that a sentence is scanned
 * once instead of once per cue.  Built on first use; the table is the
 * same for every caller.
 */
typedef struct CueStart
{
	uint32_t	key;			/* the first UTF-8 character's three bytes */
	int			cue;
} CueStart;

static CueStart cue_starts[NCUES];
static int	ncue_starts;

/* The cues' first characters by the low 12 bits of their code point. */
static uint64_t cue_first_chars[64];

static uint32_t
first_char_key(const char *p)
{
	return giar_bytes3_key(p);
}

static void index_negation_cues(void);
static void index_chinese_numerals(void);

static void
index_cues(void)
{
	int			n = 0;

	if (ncue_starts)
		return;
	index_negation_cues();
	index_chinese_numerals();
	for (int c = 0; c < NCUES; c++)
	{
		CueStart	cs = {first_char_key(cues[c].text), c};
		int			k = n++;
		unsigned	low = giar_char_low12(cues[c].text);

		cue_first_chars[low >> 6] |= UINT64_C(1) << (low & 63);

		/* insertion sort: a few dozen entries, once */
		while (k > 0 && cue_starts[k - 1].key > cs.key)
		{
			cue_starts[k] = cue_starts[k - 1];
			k--;
		}
		cue_starts[k] = cs;
	}
	ncue_starts = n;
}

void
giar_narrative_prepare(void)
{
	index_cues();
}

#define WORDS(...) ((const char *const[]) {__VA_ARGS__, NULL})

/* Subjects that are not disclosure requests ("办结行政许可事项1086件"). */
static const char *const other_subjects[] = {
	"许可", "审批", "诉求", "咨询", "建议", "提案", "议案", "信访", "投诉",
	"热线", "来电", "来信", "留言", "工单", "处罚", "执法", NULL
};

/* Outcomes of cases: "行政复议被纠错1件" is not the number of cases. */
static const char *const case_outcomes[] = {
	"纠错", "纠正", "维持", "撤销", "败诉", "确认违法", "审结", "驳回",
	"终止", "其他结果", NULL
};

/* Breakdowns of cases that keep the total's scope: by outcome or kind. */
static const char *const case_breakdowns[] = {
	"纠错", "纠正", "维持", "撤销", "败诉", "胜诉", "确认违法", "审结", "驳回",
	"终止", "其他结果", "起诉", "复议后", "直接", NULL
};

/* A change, not a count: "比上年增加5件", "减少11件". */
static const char *const delta_words[] = {
	"增加", "减少", "增长", "下降", "上升", "增多", "减少了", "多出", NULL
};

/* Figures of part of the year: "第3季度收到12件", "每月3至5件". */
static const char *const partial_periods[] = {
	"每月", "每季度", "每周", "季度", "上半年", "下半年", "月份", NULL
};

/* Words that announce a carry into the next year after a figure. */
static const char *const carry_verbs[] = {
	"结转", "转入", "顺延", "延期", "转至", "留待", NULL
};
static const char *const carry_targets[] = {
	"继续办理", "下年", "下一年", "次年", NULL
};

/* "54件已全部答复": a handled figure announced after the number. */
static const char *const handled_after[] = {
	"已全部答复", "已全部办结", "均已答复", "均已办结", "已答复", "已办结",
	"全部答复", "全部办结", NULL
};

/* Negative statements: a negator, then within max_gap bytes a cue. */
typedef struct Negation
{
	int			cell;
	const char *const *negators;
	const char *const *cues;
	int			max_gap;
	const char *const *blockers;	/* in the clause: about something else */
	const char *const *not_after;	/* right before the negator: another key */
} Negation;

static const Negation negations[] = {
	{GIAR_N_REVIEW_TOTAL,
		WORDS("未发生", "没有发生", "未出现", "未有", "未被申请", "无"),
		WORDS("行政复议"), 90,
	WORDS("纠错", "纠正", "败诉", "撤销", "被确认违法"), NULL},
	{GIAR_N_LITIGATION_TOTAL,
		WORDS("未发生", "没有发生", "未出现", "未有", "未被提起", "未被起诉", "无"),
		WORDS("行政诉讼"), 90,
	WORDS("纠错", "纠正", "败诉", "撤销", "被确认违法"), NULL},
	{GIAR_N_PROCESSING_FEE_YUAN,
		WORDS("未收取", "无收取", "没有收取", "未产生", "未发生", "未征收", "免收", "无"),
		WORDS("信息处理费", "处理费"), 45,
	WORDS("标准为", "缴纳", "缴费"), NULL},
	{GIAR_N_PROCESSING_FEE_YUAN,
		WORDS("未向申请人收取", "未收取"),
		WORDS("任何费用"), 24,
	WORDS("标准为"), NULL},
	{GIAR_N_NEW_REQUESTS,
		WORDS("未收到", "没有收到", "未接到", "无"),
		WORDS("公开申请", "依申请"), 45,
	WORDS("复议", "诉讼"), NULL},
	{GIAR_N_CARRIED_OVER,
		WORDS("无", "没有"),
		WORDS("上年结转", "上年度结转", "结转上年"), 6,
		WORDS("复议", "诉讼"), NULL},
	{GIAR_N_CARRIED_OVER,
		WORDS("上年", "上年度", "上一年度"),
		WORDS("无结转", "没有结转"), 3,
		WORDS("复议", "诉讼"), NULL},
	{GIAR_N_CARRIED_FORWARD,
		WORDS("无申请需", "没有申请需", "无", "没有", "无需"),
		WORDS("结转下年", "结转至下", "结转到下", "结转"), 3,
		WORDS("复议", "诉讼"), WORDS("上年", "上年度", "上一年度")},
};

#define NNEGATIONS ((int) (sizeof(negations) / sizeof(negations[0])))
#define MAX_NEGATION_CUES 4

/*
 * The characters of each negation's cues (giar_word_chars), asked of every
 * sentence: made with the cue index, once.
 */
static GiarWordChars negation_cue_chars[NNEGATIONS][MAX_NEGATION_CUES];

static void
index_negation_cues(void)
{
	for (int i = 0; i < NNEGATIONS; i++)
		for (int c = 0; c < MAX_NEGATION_CUES && negations[i].cues[c]; c++)
			giar_word_chars(&negation_cue_chars[i][c], negations[i].cues[c]);
}

/* Marks of an approximate figure before or after it. */
static const char *const approx_before[] = {"近", "约", "逾", "超过", "将近", "大约", NULL};
static const char *const approx_after[] = {"余", "多", "以上", "左右", NULL};

/* Words before a Chinese numeral that make it no count ("每一件"). */
static const char *const cn_not_count[] = {
	"第", "每", "任", "这", "那", "同", "单", "某", "逐", NULL
};

/* ------------------------------------------------------------------ */
/* Text helpers                                                        */
/* ------------------------------------------------------------------ */

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
	return giar_find(s, (size_t) (end - s), needle, strlen(needle));
}

static bool
starts_with_any(const char *s, const char *end, const char *const *words)
{
	return giar_prefix_match(s, end, words) > 0;
}

static bool
ends_with_any(const char *start, const char *s, const char *const *words)
{
	if (s <= start)
		return false;
	for (; *words; words++)
	{
		size_t		n = strlen(*words);

		/* the last byte first: asked at every figure and cue */
		if (n > 0 && s[-1] == (*words)[n - 1] &&
			(size_t) (s - start) >= n && memcmp(s - n, *words, n) == 0)
			return true;
	}
	return false;
}


/* A year such as "2025年" at p (years are dates, never counts). */
static bool
is_year_at(const char *p, const char *end)
{
	return end - p >= 7 && (p[0] == '1' || p[0] == '2') &&
		(p[1] == '9' || p[1] == '0') && is_digit(p[2]) && is_digit(p[3]) &&
		memcmp(p + 4, "年", 3) == 0;
}

/* The year of a "YYYY年" ending at or within 9 bytes before p, or 0. */
static int
year_before(const char *start, const char *p)
{
	for (const char *q = p - 7; q >= start && q >= p - 16; q--)
		if (is_year_at(q, p + 3 > q + 7 ? q + 7 : p))
			return 1000 * (q[0] - '0') + 100 * (q[1] - '0') + 10 * (q[2] - '0') +
				(q[3] - '0');
	return 0;
}

/* ------------------------------------------------------------------ */
/* Candidates                                                          */
/* ------------------------------------------------------------------ */

typedef struct Candidate
{
	bool		set;
	int			strength;
	GiarNumber	value;
	bool		conflict;
	int			line;
	int			sentence;
	int			conflict_sentence;	/* where the conflict arose, -1: several */
} Candidate;

static bool
same_number(GiarNumber a, GiarNumber b)
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

/*
 * Record a figure for a key.  A stronger reading replaces a weaker one of
 * the same sentence; any other disagreement makes the key a conflict.
 */
static void
offer(Candidate *cand, int strength, GiarNumber value, int line, int sentence)
{
	if (!cand->set)
	{
		cand->set = true;
		cand->strength = strength;
		cand->value = value;
		cand->line = line;
		cand->sentence = sentence;
		return;
	}
	if (same_number(cand->value, value))
	{
		if (strength > cand->strength)
			cand->strength = strength;
		return;
	}
	if (cand->sentence == sentence && strength != cand->strength)
	{
		if (strength > cand->strength)
		{
			cand->strength = strength;
			cand->value = value;
			cand->line = line;
			/* "300元…150元，合计450元": the total settles the parts */
			if (cand->conflict && cand->conflict_sentence == sentence)
				cand->conflict = false;
		}
		return;
	}
	cand->conflict_sentence = cand->conflict && cand->conflict_sentence != sentence ?
		-1 : sentence;
	if (cand->sentence != sentence)
		cand->conflict_sentence = -1;
	cand->conflict = true;
}

static GiarNumber
whole(int64_t v)
{
	GiarNumber	n = {v, 0, true};

	return n;
}

/* ------------------------------------------------------------------ */
/* Figures and cues of a sentence                                      */
/* ------------------------------------------------------------------ */

typedef enum FigureUnit
{
	UNIT_ITEMS,					/* 件 */
	UNIT_CASES,					/* 起, 宗: cases only */
	UNIT_YUAN					/* 元 */
} FigureUnit;

typedef struct Figure
{
	const char *start;
	const char *end;			/* after the unit */
	GiarNumber	value;
	FigureUnit	unit;
	bool		approximate;
	bool		chinese;		/* written in Chinese numerals */
	int			clause;
	bool		used;			/* claimed by a construction already */
} Figure;

typedef struct CueHit
{
	const Cue  *cue;
	const char *start;
	const char *end;
	int			clause;
	bool		negated;		/* "未办结" */
	bool		qualified;		/* "按期答复", "延期答复": part of a total */
} CueHit;

#define MAX_FIGURES 64
#define MAX_HITS 128
#define MAX_CLAUSES 64

typedef struct Sentence
{
	const char *start;
	const char *end;
	bool		about_requests;	/* 申请 in the paragraph or the sentence */
	bool		about_cases;	/* 公开 in the paragraph */
	bool		about_fee;		/* 处理费 in the sentence (set for figures) */
	bool		foreign_subject;	/* 热线, 许可 … in the sentence (set for
									 * figures) */
	int			year;			/* the report's statistics year, 0 if unknown */
	int			line;
	int			id;
	GiarShare  *shares;			/* where "占Y%" statements go */
	int		   *nshares;

	GiarCharSet chars;			/* characters of [start, end) */
	const char *clause_start[MAX_CLAUSES + 1];
	int			nclauses;
	Figure		fig[MAX_FIGURES];
	int			nfig;
	CueHit		hit[MAX_HITS];
	int			nhit;
} Sentence;

/*
 * Search [from, end) of a sentence: the sentence's characters rule most
 * words out without a search (the narrative asks hundreds of such
 * questions of each sentence).
 */
static GIAR_NOINLINE const char *
search_in(const char *from, const char *end, const char *needle)
{
	return giar_find(from, (size_t) (end - from), needle, strlen(needle));
}

/*
 * Inline, so that the usual answer (a character of the word is not in the
 * sentence) costs no call; the search itself is out of line.
 */
static GIAR_ALWAYS_INLINE const char *
find_in(const Sentence *s, const char *from, const char *end, const char *needle)
{
	if (end <= from)
		return NULL;
	if (from >= s->start && end <= s->end &&
		!giar_charset_may_hold(&s->chars, needle))
		return NULL;
	return search_in(from, end, needle);
}

static const char *
find_any(const Sentence *s, const char *from, const char *end,
		 const char *const *words)
{
	const char *best = NULL;

	for (; *words; words++)
	{
		const char *h = find_in(s, from, end, *words);

		if (h && (best == NULL || h < best))
			best = h;
	}
	return best;
}

/*
 * Does a Chinese numeral (零〇一二两三四五六七八九十) start at p?  Asked of
 * every character of the prose whose lead byte may start one.
 */
static inline bool
starts_chinese_numeral(const char *p, const char *end)
{
	if ((unsigned char) *p < 0xE3 || end - p < 3)
		return false;
	switch (giar_bytes3_key(p))
	{
		case 0xE99BB6:			/* 零 */
		case 0xE38087:			/* 〇 */
		case 0xE4B880:			/* 一 */
		case 0xE4BA8C:			/* 二 */
		case 0xE4B8A4:			/* 两 */
		case 0xE4B889:			/* 三 */
		case 0xE59B9B:			/* 四 */
		case 0xE4BA94:			/* 五 */
		case 0xE585AD:			/* 六 */
		case 0xE4B883:			/* 七 */
		case 0xE585AB:			/* 八 */
		case 0xE4B99D:			/* 九 */
		case 0xE58D81:			/* 十 */
			return true;
		default:
			return false;
	}
}

/* Value of a Chinese numeral of up to two digits: 三, 十二, 二十三, 两. */
static bool
chinese_number(const char *p, const char *end, int64_t *value, const char **after)
{
	int64_t		v = 0;
	int64_t		pending = -1;
	bool		any = false;

	while (end - p >= 3)
	{
		int			d = -1;
		uint32_t	cp = 0;

		/* asked at every character of the prose: decode once, no compares */
		if (((unsigned char) p[0] & 0xF0) == 0xE0)
			cp = ((uint32_t) ((unsigned char) p[0] & 0x0F) << 12) |
				((uint32_t) ((unsigned char) p[1] & 0x3F) << 6) |
				((unsigned char) p[2] & 0x3F);
		switch (cp)
		{
			case 0x96F6:		/* 零 */
			case 0x3007:		/* 〇 */
				d = 0;
				break;
			case 0x4E00:		/* 一 */
				d = 1;
				break;
			case 0x4E8C:		/* 二 */
			case 0x4E24:		/* 两 */
				d = 2;
				break;
			case 0x4E09:		/* 三 */
				d = 3;
				break;
			case 0x56DB:		/* 四 */
				d = 4;
				break;
			case 0x4E94:		/* 五 */
				d = 5;
				break;
			case 0x516D:		/* 六 */
				d = 6;
				break;
			case 0x4E03:		/* 七 */
				d = 7;
				break;
			case 0x516B:		/* 八 */
				d = 8;
				break;
			case 0x4E5D:		/* 九 */
				d = 9;
				break;
		}
		if (d >= 0 && (((unsigned char) p[1] & 0xC0) != 0x80 ||
					   ((unsigned char) p[2] & 0xC0) != 0x80))
			d = -1;				/* not a well-formed character */
		if (d >= 0)
		{
			if (pending >= 0)
				return false;	/* "一二" is no number */
			pending = d;
			any = true;
			p += 3;
			continue;
		}
		if (memcmp(p, "十", 3) == 0)
		{
			if (v > 0)
				return false;
			v = (pending < 0 ? 1 : pending) * 10;
			pending = -1;
			any = true;
			p += 3;
			continue;
		}
		break;
	}
	if (!any)
		return false;
	if (pending >= 0)
		v += pending;
	*value = v;
	*after = p;
	return true;
}

/* Read a figure at p; returns its end or NULL. */
static const char *
read_figure(const Sentence *s, const char *p, Figure *fig)
{
	const char *q = p;
	const char *end = s->end;
	int64_t		v = 0;
	int			scale = 0;
	int			digits = 0;
	bool		approximate = false;

	memset(fig, 0, sizeof(*fig));
	if (is_digit(*p))
	{
		/* not the tail of a number ("1,234", "1.5") */
		if (p > s->start && (is_digit(p[-1]) ||
							 ((p[-1] == '.' || p[-1] == ',') &&
							  p - 1 > s->start && is_digit(p[-2]))))
			return NULL;
		while (q < end && (is_digit(*q) || (*q == ',' && end - q > 3 &&
											is_digit(q[1]) && is_digit(q[2]) &&
											is_digit(q[3]))))
		{
			if (*q != ',')
			{
				if (++digits > 15)
					return NULL;
				v = v * 10 + (*q - '0');
			}
			q++;
		}
		if (q + 1 < end && *q == '.' && is_digit(q[1]))
		{
			q++;
			while (q < end && is_digit(*q))
			{
				/* at most 18 digits in all: int64 holds them */
				if (++digits > 18 || ++scale > 6)
					return NULL;
				v = v * 10 + (*q - '0');
				q++;
			}
		}
	}
	else
	{
		if (!chinese_number(p, end, &v, &q) ||
			ends_with_any(s->start, p, cn_not_count))
			return NULL;
		fig->chinese = true;
	}
	if (ends_with_any(s->start, p, WORDS("第")))
		return NULL;			/* an ordinal, not a count */
	while (q < end && *q == ' ')
		q++;
	/* "5500余件", "100多件" */
	{
		int			n = giar_prefix_match(q, end, approx_after);

		if (n)
		{
			approximate = true;
			q += n;
		}
	}
	while (q < end && *q == ' ')
		q++;
	if (end - q < 3)
		return NULL;
	if (memcmp(q, "件", 3) == 0 || memcmp(q, "份", 3) == 0)
	{
		fig->unit = UNIT_ITEMS;
		/* 件次 counts visits, not requests */
		if (end - q >= 6 && memcmp(q + 3, "次", 3) == 0)
			return NULL;
	}
	else if (memcmp(q, "起", 3) == 0 || memcmp(q, "宗", 3) == 0)
		fig->unit = UNIT_CASES;
	else if (memcmp(q, "元", 3) == 0 && !fig->chinese)
		fig->unit = UNIT_YUAN;
	else
		return NULL;
	if (scale > 0 && fig->unit != UNIT_YUAN)
		return NULL;			/* counts are whole */
	q += 3;
	fig->start = p;
	fig->end = q;
	fig->value.digits = v;
	fig->value.scale = (uint8_t) scale;
	fig->value.present = true;
	fig->approximate = approximate ||
		ends_with_any(s->start, p, approx_before) ||
		starts_with_any(q, end, approx_after);
	return q;
}

static inline bool
is_clause_end(const Sentence *s, const char *p, int *len, bool list_too)
{
	/* asked at every byte: 。 and 、 start with E3, the rest are ASCII */
	if ((unsigned char) *p > '?' && (unsigned char) *p != 0xE3)
		return false;
	/* ':' introduces a value ("申请数量：26件"): it does not end a clause */
	if (*p == ',' || *p == ';' || *p == '.' || *p == '!' || *p == '?')
	{
		if ((*p == '.' || *p == ',') && p + 1 < s->end && is_digit(p[1]) &&
			p > s->start && is_digit(p[-1]))
			return false;
		*len = 1;
		return true;
	}
	if (s->end - p >= 3 && (memcmp(p, "。", 3) == 0 ||
							(list_too && memcmp(p, "、", 3) == 0)))
	{
		*len = 3;
		return true;
	}
	return false;
}

static int
clause_of(const Sentence *s, const char *p)
{
	int			c = 0;

	while (c + 1 < s->nclauses && s->clause_start[c + 1] <= p)
		c++;
	return c;
}

/* The full clause around p: bounded by , ; : but not by 、. */
static void
full_clause(const Sentence *s, const char *p, const char **from, const char **to)
{
	const char *a = p;
	const char *b = p;
	int			len;

	while (a > s->start && !is_clause_end(s, a - 1, &len, false))
		a--;
	while (b < s->end && !is_clause_end(s, b, &len, false))
		b++;
	*from = a;
	*to = b;
}

/*
 * The Chinese numerals of starts_chinese_numeral's switch (keep the two
 * alike), by the low 12 bits of their code points: the prose's characters
 * are tested against this filter, and only those it passes against the
 * switch.
 */
static const char *const chinese_numerals[] = {
	"零", "〇", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", NULL
};
static uint64_t chinese_numeral_lows[64];

static void
index_chinese_numerals(void)
{
	for (int i = 0; chinese_numerals[i]; i++)
	{
		unsigned	low = giar_char_low12(chinese_numerals[i]);

		chinese_numeral_lows[low >> 6] |= UINT64_C(1) << (low & 63);
	}
}

/*
 * The first place in [p, end) a figure or a year can start: a digit, or a
 * character the numerals' filter passes.  The text is well-formed UTF-8
 * (normalised): other characters are stepped over whole.
 */
static inline const char *
next_figure_start(const char *p, const char *end)
{
	while (p < end)
	{
		unsigned char b = (unsigned char) *p;

		if (b >= '0' && b <= '9')
			return p;
		if (b >= 0xE3 && b <= 0xE9 && end - p >= 3)
		{
			unsigned	low = giar_char_low12(p);

			if ((chinese_numeral_lows[low >> 6] >> (low & 63)) & 1)
				return p;
		}
		p += giar_utf8_lead_len(b);
	}
	return end;
}

static void
scan_sentence(Sentence *s)
{
	int			len;

	s->nfig = 0;
	for (const char *p = s->start; p < s->end && s->nfig < MAX_FIGURES;)
	{
		const char *e;

		/* figures and years start with a digit or a Chinese numeral */
		p = next_figure_start(p, s->end);
		if (p >= s->end)
			break;
		if (!is_digit(*p) && !starts_chinese_numeral(p, s->end))
		{
			p += giar_utf8_lead_len((unsigned char) *p);
			continue;
		}
		if ((e = read_figure(s, p, &s->fig[s->nfig])) != NULL)
		{
			s->nfig++;
			p = e;
			continue;
		}
		if (is_year_at(p, s->end))
			p += 7;
		else
			p++;
	}

	/*
	 * Clauses and cue hits serve only to claim figures: most sentences of a
	 * report's prose hold none, and skip them.
	 */
	s->nclauses = 1;
	s->clause_start[0] = s->start;
	s->nhit = 0;
	if (s->nfig == 0)
		return;
	for (const char *p = s->start; p < s->end; p += giar_utf8_lead_len((unsigned char) *p))
	{
		if (!is_clause_end(s, p, &len, true) || s->nclauses >= MAX_CLAUSES)
			continue;
		/*
		 * 、 separates list items with their figures ("行政复议10件、行政
		 * 诉讼3件"), not nouns ("纳税人、缴费人提出的申请1,024件").
		 */
		if (len == 3 && memcmp(p, "、", 3) == 0)
		{
			const char *cs = s->clause_start[s->nclauses - 1];

			if (!find_in(s, cs, p, "件") && !find_in(s, cs, p, "起") &&
				!find_in(s, cs, p, "宗") && !find_in(s, cs, p, "元"))
				continue;
		}
		s->clause_start[s->nclauses++] = p + len;
	}

	for (int i = 0; i < s->nfig; i++)
		s->fig[i].clause = clause_of(s, s->fig[i].start);

	/* one pass: at each character, the cues that start with it */
	for (const char *p = s->start; p + 3 <= s->end && s->nhit < MAX_HITS;
		 p += giar_utf8_lead_len((unsigned char) *p))
	{
		uint32_t	key;
		int			lo = 0,
					hi = ncue_starts;

		if ((unsigned char) *p < 0xE0)
			continue;			/* every cue starts with a CJK character */
		{
			unsigned	low = giar_char_low12(p);

			if (!((cue_first_chars[low >> 6] >> (low & 63)) & 1))
				continue;		/* no cue starts with this character */
		}
		key = first_char_key(p);
		while (lo < hi)
		{
			int			mid = (lo + hi) / 2;

			if (cue_starts[mid].key < key)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (int k = lo; k < ncue_starts && cue_starts[k].key == key &&
			 s->nhit < MAX_HITS; k++)
		{
			const Cue  *cue = &cues[cue_starts[k].cue];
			size_t		len = strlen(cue->text);
			CueHit	   *hit;

			if ((size_t) (s->end - p) < len || memcmp(p, cue->text, len) != 0)
				continue;
			hit = &s->hit[s->nhit++];
			hit->cue = cue;
			hit->start = p;
			hit->end = p + len;
			hit->clause = clause_of(s, p);
			hit->negated = ends_with_any(s->start, p, WORDS("未", "没有", "不", "无"));
			/* "按期答复104件，延期答复8件": parts of the handled total */
			hit->qualified = ends_with_any(s->start, p, WORDS("延期", "逾期", "重新")) ||
				(ends_with_any(s->start, p, WORDS("按期")) &&
				 find_any(s, s->start, s->end, WORDS("延期答复", "逾期答复", "延期办结")));
		}
	}
}

/* Is there a figure (not a year) between a and b? */
static bool
figure_between(const Sentence *s, const char *a, const char *b)
{
	for (int i = 0; i < s->nfig; i++)
		if (s->fig[i].start >= a && s->fig[i].start < b)
			return true;
	return false;
}

static bool
context_holds(const Cue *cue, const Sentence *s)
{
	switch (cue->context)
	{
		case CTX_REQUESTS:
			return s->about_requests;
		case CTX_CASES:
			return s->about_cases;
		case CTX_FEE:
			return s->about_fee;
		case CTX_FEE_WORD:
			break;
	}
	return true;
}

/*
 * The cue hit that claims figure f: the nearest before it in its clause,
 * within 60 bytes, with no figure, other subject or case outcome between.
 */
static const CueHit *
claiming_hit(const Sentence *s, const Figure *f)
{
	const CueHit *best = NULL;

	for (int i = 0; i < s->nhit; i++)
	{
		const CueHit *h = &s->hit[i];

		if (h->end > f->start || h->clause != f->clause ||
			f->start - h->end > 60 || h->negated)
			continue;
		if (figure_between(s, h->end, f->start))
			continue;
		if (h->cue->context == CTX_REQUESTS &&
			find_any(s, h->end, f->start, other_subjects))
			continue;
		if (h->cue->context == CTX_CASES &&
			find_any(s, h->end, f->start, case_outcomes))
			continue;
		if (best == NULL || h->end > best->end ||
			(h->end == best->end && h->cue->strength > best->cue->strength))
			best = h;
	}
	return best;
}

/* "4件因…尚未届满，结转下年度继续办理", "2件顺延至2025年办理". */
static bool
carry_after(const Sentence *s, const Figure *f)
{
	const char *limit = f->end + 60 < s->end ? f->end + 60 : s->end;
	const char *verb = find_any(s, f->end, limit, carry_verbs);
	const char *after;
	const char *target;
	const char *rest;

	if (verb == NULL || figure_between(s, f->end, verb))
		return false;
	/* another counted thing between ("16件，一件结转…") */
	if (find_in(s, f->end, verb, "件"))
		return false;
	/* "14件，无结转下年度办理的申请", "无申请需结转": a carry denied */
	if (ends_with_any(f->end, verb, WORDS("未")) ||
		find_any(s, f->end, verb, WORDS("无", "没有", "不需", "不")))
		return false;
	after = verb + 6;			/* every carry verb is two characters */
	if (starts_with_any(after, s->end, WORDS("至", "到")))
		after += 3;
	limit = after + 24 < s->end ? after + 24 : s->end;
	target = find_any(s, after, limit, carry_targets);
	if (target)
		rest = target + 3;
	else if (is_year_at(after, s->end))
		rest = after + 7;		/* "转入2025年", "顺延至2025年" */
	else
		return false;
	/* "108件，结转下年度继续办理8件": the verb has a figure of its own */
	{
		const char *stop = rest + 60 < s->end ? rest + 60 : s->end;
		int			len;

		for (const char *q = rest; q < stop; q++)
		{
			if (is_clause_end(s, q, &len, false))
				break;
			if (figure_between(s, q, q + 1))
				return false;
		}
	}
	return true;
}

/* "309件（其中上年结转18件）", "59件（含上年结转12件）". */
static bool
includes_carried_over(const Sentence *s, const Figure *f)
{
	const char *limit = f->end + 40 < s->end ? f->end + 40 : s->end;
	const char *of_which = find_any(s, f->end, limit, WORDS("其中", "含", "包括"));

	if (of_which == NULL || of_which - f->end > 6)
		return false;
	/* "88件（不含上年结转的5件）": new ones after all */
	if (ends_with_any(f->end, of_which, WORDS("不", "未")))
		return false;
	return find_any(s, of_which, limit, WORDS("上年", "上一年", "结转")) != NULL;
}

/* Does the clause open with a breakdown ("其中…", "包括…")? */
static bool
is_breakdown_clause(const Sentence *s, int clause)
{
	const char *p = s->clause_start[clause];

	while (p < s->end && (*p == ' ' || *p == '(' || *p == '"'))
		p++;
	return starts_with_any(p, s->end, WORDS("其中", "包括", "含"));
}

/*
 * A subset "其中涉及政府信息公开的2件" right after an agency-wide count of
 * cases: the subset is the figure.
 */
static const Figure *
disclosure_subset(const Sentence *s, const Figure *f)
{
	int			next = f->clause + 1;

	if (next >= s->nclauses || !is_breakdown_clause(s, next))
		return NULL;
	for (int i = 0; i < s->nfig; i++)
	{
		const Figure *g = &s->fig[i];
		const char *cstart = s->clause_start[next];

		if (g->clause == next && find_in(s, cstart, g->start, "公开"))
			return g;
	}
	return NULL;
}

/* "甲、乙分别为73件和5件": figures paired with the cues before, in order. */
static void
read_respectively(Sentence *s, Candidate *cand)
{
	const char *both = find_any(s, s->start, s->end, WORDS("分别为", "分别是"));
	const char *from,
			   *to;
	int			hits[8],
				nhits = 0,
				figs[8],
				nfigs = 0;

	if (both == NULL)
		return;
	full_clause(s, both, &from, &to);
	/* distinct keys of the cues before 分别, in text order */
	for (int i = 0; i < s->nhit; i++)
	{
		const CueHit *h = &s->hit[i];
		int			k;

		if (h->start < from || h->end > both || h->negated ||
			h->cue->cell == GIAR_N_PROCESSING_FEE_YUAN)
			continue;
		for (k = 0; k < nhits; k++)
			if (s->hit[hits[k]].cue->cell == h->cue->cell)
				break;
		if (k < nhits)
		{
			if (h->start < s->hit[hits[k]].start)
				hits[k] = i;
			continue;
		}
		if (nhits < 8)
			hits[nhits++] = i;
	}
	for (int a = 0; a < nhits; a++)
		for (int b = a + 1; b < nhits; b++)
			if (s->hit[hits[b]].start < s->hit[hits[a]].start)
			{
				int			t = hits[a];

				hits[a] = hits[b];
				hits[b] = t;
			}
	for (int i = 0; i < s->nfig; i++)
		if (s->fig[i].start > both && s->fig[i].start < to)
		{
			s->fig[i].used = true;	/* paired below, or no guessing */
			if (nfigs < 8)
				figs[nfigs++] = i;
		}
	if (nhits < 2 || nhits != nfigs)
		return;
	for (int k = 0; k < nhits; k++)
	{
		const Figure *f = &s->fig[figs[k]];

		if (!f->approximate && f->unit != UNIT_YUAN)
			offer(&cand[s->hit[hits[k]].cue->cell], 2, f->value, s->line, s->id);
	}
}

/* A figure in 元: the information processing fee, if anything. */
static void
read_fee_figure(const Sentence *s, const Figure *f, Candidate *cand)
{
	const CueHit *h;

	/* "每件收取100元": a rate; "减免…600元": waived, not charged */
	if (find_any(s, s->clause_start[f->clause], f->start,
				 WORDS("每", "标准", "减免", "免收", "免除", "退还", "退回")))
		return;
	/* "…按件收取300元…按量收取150元，合计450元": the total */
	if (s->about_fee &&
		ends_with_any(s->start, f->start, WORDS("合计", "共计", "总计", "累计")))
	{
		offer(&cand[GIAR_N_PROCESSING_FEE_YUAN], 3, f->value, s->line, s->id);
		return;
	}
	h = claiming_hit(s, f);
	if (h && h->cue->cell == GIAR_N_PROCESSING_FEE_YUAN && context_holds(h->cue, s))
		offer(&cand[GIAR_N_PROCESSING_FEE_YUAN], h->cue->strength, f->value,
			  s->line, s->id);
}

/*
 * A request figure claimed by a cue: is it really this year's figure for
 * the cue's key?  May turn a carry-forward cue into carry-over.
 */
static bool
request_claim_holds(const Sentence *s, const Figure *f, const CueHit *h,
					int *cell)
{
	const char *cstart = s->clause_start[h->clause];

	/* "上年收到45件": last year's intake (not "结转上年后新收到") */
	if (*cell == GIAR_N_NEW_REQUESTS)
	{
		const char *w = find_any(s, h->start - 12 > cstart ? h->start - 12 : cstart,
								 h->start, WORDS("上年", "去年", "上一年", "同期"));

		if (w && !find_in(s, w, h->start, "后"))
			return false;
	}
	/* cues naming a year ("2023年度结转") speak of last year only */
	if ((h->cue->text[0] == '\xE5' && strncmp(h->cue->text, "年", 3) == 0) &&
		!(h->start - s->start >= 1 && is_digit(h->start[-1])) &&
		!ends_with_any(s->start, h->start, WORDS("上", "去", "上一")))
		return false;
	/* "上年度报告中结转下年度的5件": this year's carry-over */
	if (*cell == GIAR_N_CARRIED_FORWARD &&
		find_any(s, cstart, h->start, WORDS("上年", "去年", "上一年")))
		*cell = GIAR_N_CARRIED_OVER;
	if (*cell == GIAR_N_NEW_REQUESTS && h->cue->strength < 2 &&
		includes_carried_over(s, f))
		return false;
	/*
	 * "其中已办结29件": part of a figure already given; but "其中本年新收
	 * 64件、上年结转12件" splits a total into keys of their own.
	 */
	if (is_breakdown_clause(s, f->clause) && *cell != GIAR_N_CARRIED_OVER &&
		*cell < GIAR_N_NCELLS &&
		!(*cell == GIAR_N_NEW_REQUESTS && h->cue->strength == 2))
		return false;
	/* a sentence about hotline cases, say, speaks of something else */
	return !(s->foreign_subject &&
			 !find_any(s, s->start, s->end, WORDS("信息公开", "公开申请", "依申请")));
}

/*
 * A review or litigation figure claimed by a cue.  Returns false when the
 * figure is taken care of (given to both keys, replaced by a subset) or
 * must not be taken.
 */
static bool
case_claim_holds(const Sentence *s, int index, int cell, Candidate *cand)
{
	const Figure *f = &s->fig[index];
	const char *from,
			   *to;
	bool		review = false,
				litigation = false;

	if (is_breakdown_clause(s, f->clause))
		return false;
	/* "作为行政复议机关…受理…38件": cases it decided, not cases against it */
	if (find_in(s, s->clause_start[f->clause], f->start, "复议机关"))
		return false;
	/* "行政诉讼案件9件，均不涉及政府信息公开": none about disclosure */
	{
		const char *limit = f->end + 24 < s->end ? f->end + 24 : s->end;

		if (find_any(s, f->end, limit, WORDS("不涉及", "与政府信息公开无关")))
		{
			offer(&cand[cell], 2, whole(0), s->line, s->id);
			return false;
		}
	}
	/*
	 * The cues of the full clause before the figure and after the figure
	 * before it ("行政复议10件、行政诉讼3件" has one each).
	 */
	full_clause(s, f->start, &from, &to);
	for (int k = 0; k < index; k++)
		if (s->fig[k].end > from && s->fig[k].end <= f->start)
			from = s->fig[k].end;
	for (int k = 0; k < s->nhit; k++)
	{
		const CueHit *o = &s->hit[k];

		if (o->start < from || o->end > f->start || o->negated)
			continue;
		review |= o->cue->cell == GIAR_N_REVIEW_TOTAL;
		litigation |= o->cue->cell == GIAR_N_LITIGATION_TOTAL;
	}
	if (review && litigation)
	{
		/* "行政复议、行政诉讼各1件" gives both; "…共3件" neither */
		if (ends_with_any(s->start, f->start, WORDS("各")))
		{
			offer(&cand[GIAR_N_REVIEW_TOTAL], 2, f->value, s->line, s->id);
			offer(&cand[GIAR_N_LITIGATION_TOTAL], 2, f->value, s->line, s->id);
		}
		return false;
	}
	{
		const Figure *subset = disclosure_subset(s, f);
		int			next = f->clause + 1;

		if (subset)
		{
			if (!subset->approximate)
				offer(&cand[cell], 2, subset->value, s->line, s->id);
			return false;
		}
		/*
		 * "…9件、…4件，其中涉及区政府本级的分别为2件和1件": a breakdown by
		 * scope makes the totals' scope unclear (a breakdown by outcome,
		 * "其中4件维持", does not).
		 */
		for (; next < s->nclauses; next++)
		{
			const char *nend = next + 1 < s->nclauses ? s->clause_start[next + 1] : s->end;

			if (is_breakdown_clause(s, next) &&
				figure_between(s, s->clause_start[next], nend) &&
				!find_any(s, s->clause_start[next], nend, case_breakdowns))
				return false;
		}
	}
	return true;
}

/*
 * "予以公开3件，占已答复件数的5.1%": the share after an outcome figure, in
 * the next 40 bytes and before any other figure.
 */
static void
read_share(const Sentence *s, const Figure *f, int outcome)
{
	const char *limit = f->end + 40 < s->end ? f->end + 40 : s->end;
	const char *of = find_in(s, f->end, limit, "占");
	const char *p;
	GiarNumber	pct = {0, 0, true};
	int			digits = 0;

	if (of == NULL || figure_between(s, f->end, of) || *s->nshares >= MAX_SHARES)
		return;
	for (p = of + 3; p < limit && !is_digit(*p); p++)
		if (figure_between(s, p, p + 1))
			return;
	if (p >= limit)
		return;
	while (p < limit && is_digit(*p) && digits < 6)
	{
		pct.digits = pct.digits * 10 + (*p++ - '0');
		digits++;
	}
	if (p + 1 < limit && *p == '.' && is_digit(p[1]))
	{
		p++;
		while (p < limit && is_digit(*p) && pct.scale < 4)
		{
			pct.digits = pct.digits * 10 + (*p++ - '0');
			pct.scale++;
		}
	}
	if (p >= limit || *p != '%')
		return;
	s->shares[*s->nshares].outcome = (GiarProseOutcome) outcome;
	s->shares[*s->nshares].count = f->value.digits;
	s->shares[*s->nshares].percent = pct;
	s->shares[*s->nshares].line = s->line;
	(*s->nshares)++;
}

/* "3至5件", "3-5件": the figure ends a range. */
static bool
is_range_end(const Sentence *s, const Figure *f)
{
	const char *p = f->start;

	if (p - s->start >= 1 && (p[-1] == '-' || p[-1] == '~'))
		p -= 1;
	else if (p - s->start >= 3 && (memcmp(p - 3, "至", 3) == 0 ||
								   memcmp(p - 3, "到", 3) == 0))
		p -= 3;
	else
		return false;
	return p > s->start && is_digit(p[-1]);
}

/* A figure in 件/起/宗: whose is it? */
static void
read_count_figure(Sentence *s, int index, Candidate *cand)
{
	const Figure *f = &s->fig[index];
	const CueHit *h;
	int			cell;

	{
		const char *cstart = s->clause_start[f->clause];
		const char *from = cstart;

		/* only the words since the previous figure of the clause */
		for (int k = 0; k < index; k++)
			if (s->fig[k].end > from && s->fig[k].end <= f->start)
				from = s->fig[k].end;
		if (find_any(s, from, f->start, delta_words) ||
			find_any(s, cstart, f->start, partial_periods) ||
			is_range_end(s, f))
			return;				/* a change, a part of the year, a range */
	}

	if (s->about_requests && !is_breakdown_clause(s, f->clause))
	{
		/* "另有2件于2025年1月依法答复": answered next year */
		if (s->year > 0 && f->unit == UNIT_ITEMS)
		{
			const char *limit = f->end + 30 < s->end ? f->end + 30 : s->end;
			const char *in = find_in(s, f->end, limit, "于");

			if (in && !figure_between(s, f->end, in) && is_year_at(in + 3, limit) &&
				year_before(s->start, in + 3 + 4) == s->year + 1 &&
				find_any(s, in, limit, WORDS("答复", "办结", "办理")))
			{
				offer(&cand[GIAR_N_CARRIED_FORWARD], 2, f->value, s->line, s->id);
				return;
			}
		}
		if (carry_after(s, f))
		{
			offer(&cand[GIAR_N_CARRIED_FORWARD], 2, f->value, s->line, s->id);
			return;
		}
		/* "54件已全部答复" */
		if (f->unit == UNIT_ITEMS &&
			giar_prefix_match(f->end, s->end, handled_after))
		{
			offer(&cand[GIAR_N_TOTAL_HANDLED], 2, f->value, s->line, s->id);
			return;
		}
	}

	h = claiming_hit(s, f);
	if (h == NULL || h->qualified || !context_holds(h->cue, s))
		return;
	cell = h->cue->cell;
	if (cell == GIAR_N_PROCESSING_FEE_YUAN)
		return;					/* fees are in 元 */
	/* "2023年收到的62件", "2023年度…行政复议3件": another year's figure */
	if (s->year > 0 && cell != GIAR_N_CARRIED_OVER)
	{
		int			y = year_before(s->start, h->start);

		if (y == 0)
		{
			/* the year may open the clause: "2023年度因…行政复议3件" */
			const char *cs = s->clause_start[h->clause];

			if (is_year_at(cs, s->end))
				y = 1000 * (cs[0] - '0') + 100 * (cs[1] - '0') +
					10 * (cs[2] - '0') + (cs[3] - '0');
		}
		if (y > 0 && y != s->year)
			return;
	}
	if (f->unit == UNIT_CASES &&
		cell != GIAR_N_REVIEW_TOTAL && cell != GIAR_N_LITIGATION_TOTAL)
		return;
	if (h->cue->context == CTX_REQUESTS ?
		!request_claim_holds(s, f, h, &cell) :
		!case_claim_holds(s, index, cell, cand))
		return;
	offer(&cand[cell], h->cue->strength, f->value, s->line, s->id);
	if (cell >= GIAR_N_NCELLS)
		read_share(s, f, cell - GIAR_N_NCELLS);
}

static void
read_figures(Sentence *s, Candidate *cand)
{
	if (s->nfig == 0)
		return;
	read_respectively(s, cand);
	for (int i = 0; i < s->nfig; i++)
	{
		const Figure *f = &s->fig[i];

		if (f->used || f->approximate)
			continue;
		if (f->unit == UNIT_YUAN)
			read_fee_figure(s, f, cand);
		else
			read_count_figure(s, i, cand);
	}
}

/* ------------------------------------------------------------------ */
/* Negative statements                                                 */
/* ------------------------------------------------------------------ */

/* End of the clause that holds p: the next , ; 。 (a list's 、 does not end it). */
static const char *
clause_end(const Sentence *s, const char *p)
{
	const char *end = s->end - p > 120 ? p + 120 : s->end;
	int			len;

	for (; p < end; p++)
		if (is_clause_end(s, p, &len, false))
			return p;
	return end;
}

/*
 * A negative statement of a negation rule at p, where negator nlen bytes
 * long starts: a cue within max_gap bytes, no figure right after the cue,
 * and no blocker between the negator and the end of the cue's clause.
 */
static bool
negated_at(const Sentence *s, const Negation *neg, const char *p, int nlen)
{
	if (neg->not_after && ends_with_any(s->start, p, neg->not_after))
		return false;
	for (const char *const *c = neg->cues; *c; c++)
	{
		const char *window = p + nlen + neg->max_gap + 24 < s->end ?
			p + nlen + neg->max_gap + 24 : s->end;
		const char *h = find_in(s, p + nlen, window, *c);
		const char *after;
		const char *cend;
		bool		bad = false;

		if (h == NULL || h - (p + nlen) > neg->max_gap)
			continue;
		after = h + strlen(*c);
		cend = clause_end(s, after);
		for (const char *q = after; q < cend && q - after < 30; q++)
			if (is_digit(*q))
				bad = true;
		for (const char *const *b = neg->blockers; *b && !bad; b++)
			if (find_in(s, p, cend, *b))
				bad = true;
		if (!bad)
			return true;
	}
	return false;
}

/* Does the sentence hold cue c of negation index? */
static bool
negation_cue_in(const Sentence *s, int index, int c)
{
	const char *cue = negations[index].cues[c];
	bool		may_hold = c < MAX_NEGATION_CUES ?
		giar_chars_may_hold_word(s->chars.bits, &negation_cue_chars[index][c]) :
		giar_charset_may_hold(&s->chars, cue);

	return may_hold && search_in(s->start, s->end, cue) != NULL;
}

/*
 * A negative statement of a negation rule anywhere in the sentence.  At
 * each place the first negator listed that starts there is the one read;
 * the places are found negator by negator (most sentences hold none).
 */
static bool
negated(const Sentence *s, int index)
{
	const Negation *neg = &negations[index];
	bool		any_cue = false;

	/* most sentences hold none of the cues: skip them at once */
	for (int c = 0; neg->cues[c] && !any_cue; c++)
		any_cue = negation_cue_in(s, index, c);
	if (!any_cue)
		return false;
	for (const char *const *w = neg->negators; *w; w++)
	{
		int			wlen = (int) strlen(*w);

		for (const char *p = find_in(s, s->start, s->end, *w); p;
			 p = find_in(s, p + 1, s->end, *w))
		{
			/* an earlier negator that starts here is read instead */
			if (giar_prefix_match(p, s->end, neg->negators) != wlen)
				continue;
			if (negated_at(s, neg, p, wlen))
				return true;
		}
	}
	return false;
}

static void
read_sentence(Sentence *s, Candidate *cand)
{
	for (int i = 0; i < NNEGATIONS; i++)
	{
		const Negation *neg = &negations[i];

		if ((neg->cell == GIAR_N_REVIEW_TOTAL || neg->cell == GIAR_N_LITIGATION_TOTAL) &&
			!s->about_cases)
			continue;
		if (negated(s, i))
			offer(&cand[neg->cell], 2, whole(0), s->line, s->id);
	}
	scan_sentence(s);
	if (s->nfig == 0)
		return;
	/* what only the figures' readers ask */
	s->foreign_subject = find_any(s, s->start, s->end, other_subjects) != NULL;
	s->about_fee = find_in(s, s->start, s->end, "处理费") != NULL;
	read_figures(s, cand);
}

/* ------------------------------------------------------------------ */
/* Paragraphs                                                          */
/* ------------------------------------------------------------------ */

/* The bytes a sentence end starts with (; ! ? and E3 of 。). */
static const bool may_end_sentence[256] = {
	[';'] = true, ['!'] = true, ['?'] = true, [0xE3] = true,
};

/* Bytes of the sentence end at p (; ! ? or 。), or 0. */
static inline int
sentence_end_at(const char *p, const char *end)
{
	if (*p == ';' || *p == '!' || *p == '?')
		return 1;
	return (unsigned char) *p == 0xE3 && end - p >= 3 &&
		memcmp(p, "。", 3) == 0 ? 3 : 0;
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
 * A sentence after a table row's last bar, where a text lost its line
 * breaks ("| 3 | 1500.00 |本年度共收取信息处理费1200元。"): at least this many
 * bytes, ending a sentence.
 */
#define MIN_PROSE_AFTER_ROW 12

/*
 * The prose of a line: the line without a trailing " |" (one cell per line
 * layouts end every line so), or NULL for a table row (two or more cells)
 * unless a sentence follows the row's last bar.
 */
static const char *
prose_of(const GiarLine *line, int *len)
{
	const char *s = line->text;
	int			n = line->len;
	const char *bar;

	if (line->flags & (GIAR_LINE_FOOTER | GIAR_LINE_SEPARATOR))
		return NULL;
	while (n > 0 && (s[n - 1] == '|' || s[n - 1] == ' '))
		n--;
	while (n > 0 && (*s == '|' || *s == ' '))
	{
		s++;
		n--;
	}
	if (n == 0)
		return NULL;
	/* most lines hold no bar: memchr tells, and only then the last is sought */
	bar = giar_memchr(s, '|', (size_t) n);
	if (bar != NULL)
		for (bar = s + n - 1; *bar != '|'; bar--)
			;
	if (bar != NULL ||
		(line->flags & GIAR_LINE_TABLE_ROW))
	{
		const char *tail = bar ? bar + 1 : s + n;
		int			tail_len = (int) (s + n - tail);

		while (tail_len > 0 && *tail == ' ')
		{
			tail++;
			tail_len--;
		}
		if (tail_len < MIN_PROSE_AFTER_ROW || !ends_sentence(tail, tail_len))
			return NULL;
		s = tail;
		n = tail_len;
	}
	*len = n;
	return s;
}

/*
 * Read the prose of lines [from, to) into s (one Sentence for all the
 * lines read: every field is written for each sentence before it is
 * read).  Lines that wrap inside a sentence are joined into paragraphs
 * first; page footers are skipped and table rows end a paragraph.
 */
static void
read_lines(GiarContext *cx, const GiarDoc *doc, int from, int to, int year,
		   Candidate *cand, int *sentence_id, GiarShare *shares, int *nshares,
		   Sentence *s)
{
	int			last_request_sentence = -1;
	int		   *last_request = &last_request_sentence;

	int			l = from;

	while (l < to)
	{
		int			first = l;
		size_t		total = 0;
		char	   *para;
		char	   *w;
		const char *sentence;
		int			len;
		bool		para_requests,
					para_cases;

		giar_tick_n(cx, (size_t) doc->lines[l].len + 16);
		if (prose_of(&doc->lines[l], &len) == NULL)
		{
			l++;
			continue;
		}
		/*
		 * The paragraph: this line and the lines its sentence wraps onto (a
		 * line's worth at most, GIAR_MAX_LINE_BYTES: a text without a
		 * sentence end is read in pieces).
		 */
		while (l < to)
		{
			const GiarLine *cur = &doc->lines[l];
			const char *t;

			giar_tick_n(cx, (size_t) cur->len + 16);
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
			if (ends_sentence(t, len) || total >= GIAR_MAX_LINE_BYTES)
				break;
		}
		para = giar_alloc_uninit(cx, total + 1);
		w = para;
		for (int k = first; k < l; k++)
		{
			const char *t = prose_of(&doc->lines[k], &len);

			if (t == NULL)
				continue;
			/*
			 * Spaces next to a Chinese character are layout ("申 请 23 件"
			 * in pdftotext output): drop them; keep those between ASCII.
			 */
			for (int i = 0; i < len;)
			{
				const char *space = memchr(t + i, ' ', (size_t) (len - i));
				int			stop = space ? (int) (space - t) : len;

				memcpy(w, t + i, (size_t) (stop - i));
				w += stop - i;
				i = stop;
				if (i == len)
					break;
				if (!(w > para &&
					  ((unsigned char) w[-1] >= 0x80 ||
					   (i + 1 < len && (unsigned char) t[i + 1] >= 0x80))))
					*w++ = ' ';
				i++;
			}
		}
		*w = '\0';

		para_requests = find_range(para, w, "申请") != NULL;
		para_cases = find_range(para, w, "公开") != NULL;
		sentence = para;
		memset(s->chars.bits, 0, sizeof(s->chars.bits));
		for (const char *p = para; p <= w;)
		{
			int			end_len;

			/*
			 * Whole characters (the paragraph is well-formed UTF-8), each
			 * added to the sentence's character set as it is passed
			 * (giar_chars_add's set, made in the same pass).
			 */
			while (p < w && !may_end_sentence[(unsigned char) *p])
			{
				unsigned char b = (unsigned char) *p;

				if (b >= 0xE3 && b < 0xF0)
				{
					unsigned	low = giar_char_low12(p);

					s->chars.bits[low >> 6] |= UINT64_C(1) << (low & 63);
				}
				p += giar_utf8_lead_len(b);
			}
			if (p > w)
				p = w;			/* never, for well-formed text */
			end_len = p < w ? sentence_end_at(p, w) : 0;
			if (p < w && end_len == 0)
			{
				/* a character from U+3000 (E3) that ends no sentence */
				if (w - p >= 3)
				{
					unsigned	low = giar_char_low12(p);

					s->chars.bits[low >> 6] |= UINT64_C(1) << (low & 63);
				}
				p += giar_utf8_lead_len((unsigned char) *p);
				continue;
			}
			if (p > sentence)
			{
				giar_tick_n(cx, (size_t) (p - sentence) + 16);
				s->start = sentence;
				s->end = p;
				/*
				 * Requests are the subject when the paragraph, or one of
				 * the four sentences before (pdftotext paragraphs end at
				 * any 。), speaks of 申请.
				 */
				if (find_in(s, sentence, p, "申请"))
					*last_request = *sentence_id;
				s->about_requests = para_requests ||
					(*last_request >= 0 && *sentence_id - *last_request <= 4);
				s->about_cases = para_cases;
				s->line = doc->lines[first].srcline;
				s->id = (*sentence_id)++;
				s->year = year;
				s->shares = shares;
				s->nshares = nshares;
				read_sentence(s, cand);
			}
			if (p == w)
				break;
			p += end_len;
			sentence = p;
			memset(s->chars.bits, 0, sizeof(s->chars.bits));
		}
	}
}

static void store_candidates(GiarContext *cx, Candidate *cand, GiarShare *shares,
							 int nshares, GiarReport *report);

void
giar_read_narrative(GiarContext *cx, const GiarDoc *doc, const GiarParts *parts,
					int body_start, GiarReport *report)
{
	Candidate	cand[NKEYS];
	GiarShare	shares[MAX_SHARES];
	int			nshares = 0;
	int			from,
				to;
	int			sentence_id = 0;
	Sentence   *s = giar_alloc_uninit(cx, sizeof(Sentence));

	memset(cand, 0, sizeof(cand));
	index_cues();
	if (parts->line[1] >= 0)
	{
		giar_part_range(doc, parts, 1, &from, &to);
		read_lines(cx, doc, from, to, report->year, cand, &sentence_id,
				   shares, &nshares, s);
	}
	else
		read_lines(cx, doc, 0, body_start, report->year, cand, &sentence_id,
				   shares, &nshares, s);
	if (parts->line[6] >= 0)
	{
		giar_part_range(doc, parts, 6, &from, &to);
		read_lines(cx, doc, from, to, report->year, cand, &sentence_id,
				   shares, &nshares, s);
	}
	store_candidates(cx, cand, shares, nshares, report);
}

/* "五、因政府信息公开申请提起行政复议、行政诉讼的情况": a numbered heading. */
static bool
section_heading(const GiarLine *line)
{
	static const char *const numerals[] = {
		"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", NULL
	};

	if (line->len == 0 || line->len > 40 * 3 || strstr(line->text, "。"))
		return false;
	for (int i = 0; numerals[i]; i++)
		if (strncmp(line->text, numerals[i], strlen(numerals[i])) == 0)
			return true;
	return false;
}

/*
 * Reports from before the national formats put their figures in parts of
 * their own (依申请公开 in 三, 复议诉讼 in 五): the whole text is read, and a
 * figure the text gives twice differently stays absent as ever.
 */
void
giar_read_narrative_whole(GiarContext *cx, const GiarDoc *doc, GiarReport *report)
{
	Candidate	cand[NKEYS];
	GiarShare	shares[MAX_SHARES];
	int			nshares = 0;
	int			sentence_id = 0;
	int			from = 0;
	Sentence   *s = giar_alloc_uninit(cx, sizeof(Sentence));

	for (int k = 0; k < GIAR_N_NCELLS; k++)
		report->cells[GIAR_CELL_N(k)].present = false;
	for (int k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
		report->prose_outcomes[k].present = false;
	report->nshares = 0;

	memset(cand, 0, sizeof(cand));
	index_cues();
	/* each section on its own: a heading does not run into its first sentence */
	for (int l = 0; l <= doc->nlines; l++)
	{
		giar_tick(cx);
		if (l < doc->nlines && !section_heading(&doc->lines[l]))
			continue;
		if (l > from)
			read_lines(cx, doc, from, l, report->year, cand, &sentence_id,
					   shares, &nshares, s);
		from = l + 1;
	}
	store_candidates(cx, cand, shares, nshares, report);
}

static void
store_candidates(GiarContext *cx, Candidate *cand, GiarShare *shares,
				 int nshares, GiarReport *report)
{

	for (int k = 0; k < NKEYS; k++)
	{
		GiarNumber *dest = k < GIAR_N_NCELLS ?
			&report->cells[GIAR_CELL_N(k)] :
			&report->prose_outcomes[k - GIAR_N_NCELLS];

		if (!cand[k].set)
			continue;
		if (cand[k].conflict)
		{
			if (k < GIAR_N_NCELLS)
				giar_diag(cx, "NARRATIVE_CONFLICT", cand[k].line,
						  "%s: the prose gives different figures; left absent",
						  giar_dict_by_cell(GIAR_CELL_N(k))->key);
			continue;
		}
		*dest = cand[k].value;
		dest->present = true;
	}
	if (nshares > 0)
	{
		report->shares = giar_alloc(cx, sizeof(GiarShare) * (size_t) nshares);
		memcpy(report->shares, shares, sizeof(GiarShare) * (size_t) nshares);
		report->nshares = nshares;
		report->shares_cap = nshares;
	}
}
