/*
 * tokens.h
 *		Cells and tokens of a normalised document.
 *
 * Every line becomes tokens: labels (text), numbers, NA marks ("/", "—",
 * "无"), blank cells and digit runs that cannot be read as one number.
 * Lines with explicit cell boundaries (pipe rows, HTML rows) give one token
 * per cell, blank cells included; other lines are split at spaces, labels
 * merged back together.
 */
#ifndef GIAR_TOKENS_H
#define GIAR_TOKENS_H

#include <string.h>

#include "text.h"

typedef enum GiarTokenKind
{
	GIAR_TOK_LABEL,
	GIAR_TOK_NUMBER,
	GIAR_TOK_NA,				/* printed "not applicable" mark */
	GIAR_TOK_BLANK,				/* empty cell between delimiters */
	GIAR_TOK_RUN				/* digits that are not one number */
} GiarTokenKind;

/* GiarToken.flags */
#define GIAR_TOKEN_LINE_START	0x01	/* first token of its line */
#define GIAR_TOKEN_DELIMITED	0x02	/* from a row with explicit cells */
#define GIAR_TOKEN_GLUED		0x04	/* digits cut off the label they ran into */
#define GIAR_TOKEN_FOOTNOTE		0x08	/* a number read without the footnote
										 * mark after it ("1582¹") */

typedef struct GiarToken
{
	GiarTokenKind kind;
	const char *text;			/* points into the line; not terminated */
	int			len;
	const char *compact;		/* labels: Han, letters and digits only */
	int			compact_len;
	uint64_t	compact_bytes;	/* giar_byte_mask of compact; 0: not made */
	GiarNumber	num;
	const char *unit;			/* unit printed with a number, or NULL */
	int			line;			/* index into GiarDoc.lines */
	unsigned	flags;
} GiarToken;

/*
 * Tokens of one document at most: a report's tables have a few hundred
 * cells.  The text past the limit is not tokenised (the limit bounds the
 * memory and the table fitters' work on hostile texts: a megabyte of "|"
 * is a million cells).
 */
#define GIAR_MAX_TOKENS (1 << 16)

typedef struct GiarTokens
{
	GiarToken  *tok;
	int			n;
	int			cap;
	int		   *line_first;		/* index of the first token of each line */
	/* where a label cut in pieces has them made (one array for all) */
	GiarToken  *pieces;
	int			pieces_cap;
} GiarTokens;

extern void giar_tokenize(GiarContext *cx, const GiarDoc *doc, int from, int to,
						  GiarTokens *out);
/* The tokens of line l alone into *tokens (reused from call to call). */
extern void giar_tokenize_line(GiarContext *cx, const GiarDoc *doc, int l,
							   GiarTokens *tokens);
extern void giar_tokens_prepare(void);

extern bool giar_parse_number(const char *s, int len, GiarNumber *num,
							  const char **unit);
/* The longest NA mark in bytes ("—/—" is 7): longer cells need no search. */
#define GIAR_NA_MARK_MAX_BYTES 8
extern bool giar_is_na_mark(const char *s, int len);
/* s: normalised text (well-formed UTF-8), as every token's */
extern const char *giar_compact(GiarContext *cx, const char *s, int len,
								int *outlen);
extern bool giar_text_compact_starts(const char *s, int at, int len,
									 const char *word);
extern bool giar_follows_number_in_text(const char *s, int len);
extern int	giar_number_unit_at(const char *s, int len);
extern bool giar_cell_is_value(const char *s, int len);

/* Label t's compact form holds the word (a NUL-terminated string). */
static inline bool
giar_compact_holds(const GiarToken *t, const char *word)
{
	if (t->compact == NULL)
		return false;
	/*
	 * Three of the word's bytes the label's bytes (compact_bytes) lack rule
	 * it out: its second, middle and last (continuation bytes in Chinese,
	 * which tell characters apart), fewer steps than the whole word's mask.
	 */
	if (t->compact_bytes && word[0] && word[1])
	{
		size_t		n = strlen(word);
		uint64_t	m = (UINT64_C(1) << ((unsigned char) word[1] & 63)) |
			(UINT64_C(1) << ((unsigned char) word[n / 2] & 63)) |
			(UINT64_C(1) << ((unsigned char) word[n - 1] & 63));

		if (m & ~t->compact_bytes)
			return false;
	}
	return strstr(t->compact, word) != NULL;
}

static inline bool
giar_token_is_value(const GiarToken *t)
{
	return t->kind != GIAR_TOK_LABEL;
}

#endif							/* GIAR_TOKENS_H */
