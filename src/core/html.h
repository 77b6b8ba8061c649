/*
 * html.h
 *		The tree the HTML renderer walks (html.c), built either from
 *		libxml2's document or directly from the page (html_tree.c).
 */
#ifndef GIAR_HTML_H
#define GIAR_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "giar.h"

/* What an element is to the renderer. */
#define EL_OTHER	1
#define EL_SKIPPED	2			/* script, style …: not rendered */
#define EL_BLOCK	3			/* p, div …: a line of its own */
#define EL_SECTION	4			/* tbody, thead, tfoot (also blocks) */
#define EL_TABLE	5
#define EL_TR		6
#define EL_CELL		7			/* td, th */
#define EL_BR		8
#define EL_IMG		9
#define EL_SUP		10			/* sup: digits written as superscripts */
#define EL_SUB		11			/* sub: digits written as subscripts */

/* Node types: only what rendering reads (comments are left out). */
#define HN_ELEMENT	1
#define HN_TEXT		2
#define HN_CDATA	3			/* script and style content: rendered, not measured */

#define HN_NONE		(-1)

/*
 * Nodes of a page's tree at most (a report page has some thousands); the
 * page past them is not read.  Each costs tens of bytes here and over a
 * hundred in libxml2's document.
 */
#define GIAR_MAX_HTML_NODES (1 << 17)

typedef struct HtmlNode
{
	int32_t		parent;
	int32_t		first_child;
	int32_t		next;
	int32_t		line;			/* input line, as libxml2's xmlGetLineNo */
	const char *text;			/* text and CDATA: text_len bytes, no NUL */
	uint32_t	text_len;
	uint8_t		type;			/* HN_* */
	uint8_t		kind;			/* elements: EL_* */
	uint64_t	measure;		/* bytes of text below * 2 + has a table */
} HtmlNode;

typedef struct HtmlTree
{
	HtmlNode   *nodes;
	int			n;
	int			cap;
	int			root;			/* the first top-level node, HN_NONE if none */
	int			last_top;		/* the last top-level node */
} HtmlTree;

/* The renderer's kind of an element, by its (local, lowercase) name. */
extern unsigned short giar_html_element_kind(const char *name, size_t len);

/*
 * Build the tree of a page as libxml2 2.9 would (html_tree.c); false when
 * the page holds something it does not read exactly as libxml2 does.
 */
extern bool giar_html_build_tree(GiarContext *cx, const char *text, size_t len,
								 HtmlTree *tree);
extern void giar_html_tree_prepare(void);
extern int	giar_html_tree_check_tables(void);

/* The start tag at p ('<' + letter) when its extent is certain (html.c). */
extern const char *giar_html_scan_start_tag(const char *p, const char *end,
											size_t *name_len, bool *self_closing);

#endif							/* GIAR_HTML_H */
