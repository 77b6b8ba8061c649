/*
 * html.c
 *		Render HTML report pages to lines.
 *
 * The page's tree comes from html_tree.c, which builds it as libxml2 2.9
 * would, or, for the pages it leaves alone, from libxml2's HTML parser
 * itself, run with no network access and no error output, recovering from
 * broken markup the way browsers do.  The rendering keeps what the
 * table fitter needs: one line per block element, and one line per table
 * row with its cells separated by " | " (cell text never contains '|').
 * Spanning cells (rowspan/colspan) appear once, on their first row, as in
 * web-to-text conversions; the fitter reads rows by their labels, so it
 * needs no grid.  <br> and <p> inside a cell join with a space.  Scripts,
 * styles, forms and comments are skipped; images outside tables leave an
 * "[图片]" line so that a table published as an image can be recognised.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "html.h"
#include "text.h"

#define MAX_TABLE_NESTING 64

typedef struct RowState
{
	int			in_cell;		/* depth of td/th elements we are inside */
	int			cells;			/* cells written on the current row line */
	bool		in_row;
	bool		layout;			/* a page-layout table: its cells are blocks */
} RowState;

/*
 * A cell holding more text than this, or a table, is part of the page
 * layout (CMS templates and Word exports wrap the whole report in a table),
 * not a data cell.
 */
#define LAYOUT_CELL_BYTES 400

typedef struct LineMeta
{
	int			srcline;
	unsigned	flags;
} LineMeta;

typedef struct Renderer
{
	GiarContext *cx;
	const HtmlNode *nodes;
	char	   *buf;
	size_t		len;
	size_t		cap;
	LineMeta   *meta;
	int			nlines;
	int			meta_cap;
	size_t		line_start;		/* offset of the current line in buf */
	int			line_src;		/* input line of the current line's text */
	unsigned	line_flags;
	bool		pending_space;
	int			superscript;	/* depth of sup elements we are inside */
	int			subscript;		/* ... and of sub elements */
	bool		full;			/* GIAR_MAX_LINES lines ended: no more */
	int			depth;			/* table nesting */
	RowState	rows[MAX_TABLE_NESTING + 1];
} Renderer;

static void
put(Renderer *r, const char *s, size_t n)
{
	if (r->len + n + 2 > r->cap)
	{
		size_t		newcap = (r->cap + n + 2) * 2;
		char	   *bigger = giar_alloc_uninit(r->cx, newcap);

		if (r->len)
			memcpy(bigger, r->buf, r->len);
		r->buf = bigger;
		r->cap = newcap;
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
}

static bool
line_empty(const Renderer *r)
{
	return r->len == r->line_start;
}

/* End the current line if it has text (or force an empty cell row). */
static void
end_line(Renderer *r, unsigned extra_flags)
{
	if (line_empty(r) && !(extra_flags & GIAR_LINE_IMAGE))
	{
		r->pending_space = false;
		return;
	}
	if (r->nlines == r->meta_cap)
	{
		/* the page past the lines a document keeps is not read (render_tree) */
		if (r->nlines >= GIAR_MAX_LINES)
		{
			r->full = true;
			return;
		}
		r->meta = giar_grow_array(r->cx, r->meta, sizeof(LineMeta),
								  &r->meta_cap, r->nlines, true);
	}
	r->meta[r->nlines].srcline = r->line_src > 0 ? r->line_src : 1;
	r->meta[r->nlines].flags = r->line_flags | extra_flags;
	r->nlines++;
	put(r, "\n", 1);
	r->line_start = r->len;
	r->line_src = 0;
	r->line_flags = 0;
	r->pending_space = false;
}

static RowState *
row(Renderer *r)
{
	return &r->rows[r->depth];
}

/*
 * Append a run of text inside sup or sub: its digits and parentheses as
 * their superscript or subscript characters, so that "07<sup>1</sup>" is
 * not the digits 071 but 07 and a footnote mark (giar_is_script_mark).
 */
static void
put_script(Renderer *r, const char *s, size_t n, bool sub)
{
	/* [sub]: the digits 0-9, then ( and ) */
	static const char *const marks[2][12] = {
		{"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁽", "⁾"},
		{"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉", "₍", "₎"},
	};

	for (size_t i = 0; i < n; i++)
	{
		int			k = -1;

		if (s[i] >= '0' && s[i] <= '9')
			k = s[i] - '0';
		else if (s[i] == '(')
			k = 10;
		else if (s[i] == ')')
			k = 11;
		if (k >= 0)
			put(r, marks[sub][k], strlen(marks[sub][k]));
		else
			put(r, s + i, 1);
	}
}

/*
 * The bytes that end a run of text: HTML's blanks, and in a cell the '|'
 * kept for cell boundaries.  A table lookup a byte (the loop over a text's
 * bytes is a good part of rendering a page).
 */
#define RUN_END_BLANK 0x01
#define RUN_END_IN_CELL 0x02
static const uint8_t run_end[256] = {
	[' '] = RUN_END_BLANK | RUN_END_IN_CELL,
	['\t'] = RUN_END_BLANK | RUN_END_IN_CELL,
	['\n'] = RUN_END_BLANK | RUN_END_IN_CELL,
	['\r'] = RUN_END_BLANK | RUN_END_IN_CELL,
	['\f'] = RUN_END_BLANK | RUN_END_IN_CELL,
	['|'] = RUN_END_IN_CELL,
};

/* Append text, collapsing HTML whitespace. */
static void
put_text_piece(Renderer *r, const char *s, size_t n, int srcline)
{
	bool		in_cell = row(r)->in_cell > 0;
	uint8_t		ends_run = in_cell ? RUN_END_IN_CELL : RUN_END_BLANK;
	const char *end = s + n;

	while (s < end)
	{
		char		c = *s;
		const char *run;

		if (run_end[(unsigned char) c] & RUN_END_BLANK)
		{
			if (!line_empty(r))
				r->pending_space = true;
			s++;
			continue;
		}
		if (r->pending_space)
		{
			put(r, " ", 1);
			r->pending_space = false;
		}
		if (r->line_src == 0)
			r->line_src = srcline;
		if (c == '|' && in_cell)
		{
			put(r, "\xC2\xA6", 2);	/* keep '|' for cell boundaries */
			s++;
			continue;
		}
		/* the run up to the next blank (or a cell's '|') in one copy */
		run = s;
		while (s < end && !(run_end[(unsigned char) *s] & ends_run))
			s++;
		if (r->superscript > 0 || r->subscript > 0)
			put_script(r, run, (size_t) (s - run), r->superscript == 0);
		else
			put(r, run, (size_t) (s - run));
	}
}

/*
 * put_text_piece of a text, 64 kB at a time between interrupt checks (a
 * page's text may be one node; render_tree counts a node's text as it
 * comes to it): pieces cut anywhere join as the whole.
 */
static void
put_text(Renderer *r, const char *s, size_t n, int srcline)
{
	for (;;)
	{
		size_t		piece = n > 65536 ? 65536 : n;

		put_text_piece(r, s, piece, srcline);
		if (piece == n)
			break;
		giar_check_interrupts(r->cx);
		s += piece;
		n -= piece;
	}
}

typedef struct ElementKind
{
	const char *name;
	unsigned short kind;
} ElementKind;

/* Sorted by name (strcmp) for binary search. */
static const ElementKind element_kinds[] = {
	{"address", EL_BLOCK}, {"area", EL_SKIPPED}, {"article", EL_BLOCK},
	{"aside", EL_BLOCK}, {"audio", EL_SKIPPED}, {"blockquote", EL_BLOCK},
	{"body", EL_BLOCK}, {"br", EL_BR}, {"button", EL_SKIPPED},
	{"canvas", EL_SKIPPED}, {"caption", EL_BLOCK}, {"center", EL_BLOCK},
	{"dd", EL_BLOCK}, {"div", EL_BLOCK}, {"dl", EL_BLOCK}, {"dt", EL_BLOCK},
	{"embed", EL_SKIPPED}, {"fieldset", EL_BLOCK}, {"figcaption", EL_BLOCK},
	{"figure", EL_BLOCK}, {"footer", EL_BLOCK}, {"form", EL_BLOCK},
	{"h1", EL_BLOCK}, {"h2", EL_BLOCK}, {"h3", EL_BLOCK}, {"h4", EL_BLOCK},
	{"h5", EL_BLOCK}, {"h6", EL_BLOCK}, {"header", EL_BLOCK}, {"hr", EL_BLOCK},
	{"html", EL_BLOCK}, {"iframe", EL_SKIPPED}, {"img", EL_IMG},
	{"input", EL_SKIPPED}, {"li", EL_BLOCK}, {"link", EL_SKIPPED},
	{"main", EL_BLOCK}, {"map", EL_SKIPPED}, {"meta", EL_SKIPPED},
	{"nav", EL_BLOCK}, {"noscript", EL_SKIPPED}, {"object", EL_SKIPPED},
	{"ol", EL_BLOCK}, {"option", EL_SKIPPED}, {"p", EL_BLOCK},
	{"pre", EL_BLOCK}, {"script", EL_SKIPPED}, {"section", EL_BLOCK},
	{"select", EL_SKIPPED}, {"style", EL_SKIPPED}, {"sub", EL_SUB},
	{"sup", EL_SUP}, {"svg", EL_SKIPPED},
	{"table", EL_TABLE}, {"tbody", EL_SECTION}, {"td", EL_CELL},
	{"template", EL_SKIPPED}, {"textarea", EL_SKIPPED}, {"tfoot", EL_SECTION},
	{"th", EL_CELL}, {"thead", EL_SECTION}, {"title", EL_BLOCK},
	{"tr", EL_TR}, {"ul", EL_BLOCK}, {"video", EL_SKIPPED},
};

unsigned short
giar_html_element_kind(const char *name, size_t len)
{
	int			lo = 0,
				hi = (int) (sizeof(element_kinds) / sizeof(element_kinds[0])) - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		const char *k = element_kinds[mid].name;
		int			c = strncmp(name, k, len);

		if (c == 0)
			c = k[len] == '\0' ? 0 : -1;	/* name is a prefix of k */
		if (c == 0)
			return element_kinds[mid].kind;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return EL_OTHER;
}

/*
 * Kinds of the element names met in one libxml2 document, by a hash of the
 * name: a page has a few dozen names over thousands of elements, so one
 * compare with the name last seen in the slot replaces most searches.  The
 * names kept are those of the document's own nodes, alive while it is
 * read.
 */
#define KIND_CACHE_SIZE 64

typedef struct KindCache
{
	const xmlChar *name[KIND_CACHE_SIZE];
	unsigned short kind[KIND_CACHE_SIZE];
} KindCache;

static unsigned short
cached_kind(KindCache *cache, const xmlNode *node)
{
	uint32_t	h = 2166136261u;
	unsigned	slot;

	if (node->name == NULL)
		return EL_OTHER;
	for (const xmlChar *c = node->name; *c; c++)
		h = (h ^ *c) * 16777619u;
	slot = h % KIND_CACHE_SIZE;
	if (cache->name[slot] == NULL ||
		strcmp((const char *) cache->name[slot], (const char *) node->name) != 0)
	{
		cache->kind[slot] = giar_html_element_kind((const char *) node->name,
												   strlen((const char *) node->name));
		cache->name[slot] = node->name;
	}
	return cache->kind[slot];
}

static inline bool
is_element(const HtmlNode *node)
{
	return node->type == HN_ELEMENT;
}

static inline bool
is_cell(const HtmlNode *node)
{
	return node->type == HN_ELEMENT && node->kind == EL_CELL;
}

static inline bool
is_block(const HtmlNode *node)
{
	return node->kind == EL_BLOCK || node->kind == EL_SECTION;
}

/*
 * Measure every element: the bytes of text under it and whether a table is
 * nested in it, as bytes * 2 + has_table.  Both tree builders number nodes
 * in document order, children after their parent, so one backward pass
 * completes every child before its parent.
 */
static void
measure(GiarContext *cx, HtmlTree *tree)
{
	HtmlNode   *nodes = tree->nodes;

	for (int i = tree->n - 1; i >= 0; i--)
	{
		HtmlNode   *node = &nodes[i];
		uint64_t	mine = node->measure;

		if (node->type == HN_TEXT)
			mine = (uint64_t) node->text_len * 2;
		else if (node->type == HN_ELEMENT && node->kind == EL_TABLE)
			mine |= 1;
		node->measure = mine;
		if (node->parent != HN_NONE)
		{
			uint64_t	sum = nodes[node->parent].measure;

			nodes[node->parent].measure = ((sum >> 1) + (mine >> 1)) * 2 |
				(sum & 1) | (mine & 1);
		}
		if ((i & 1023) == 0)
			giar_tick_n(cx, 1024);
	}
}

static bool
is_container_cell(const HtmlNode *cell)
{
	return (cell->measure & 1) || (cell->measure >> 1) > LAYOUT_CELL_BYTES;
}

/* Is the node a container cell, or a row holding one? */
static bool
holds_container_cell(const HtmlNode *nodes, const HtmlNode *node)
{
	if (is_cell(node))
		return is_container_cell(node);
	if (!is_element(node) || node->kind != EL_TR)
		return false;
	for (int32_t di = node->first_child; di != HN_NONE; di = nodes[di].next)
		if (is_cell(&nodes[di]) && is_container_cell(&nodes[di]))
			return true;
	return false;
}

/*
 * A table whose rows hold container cells lays out the page: its rows and
 * cells, and those of its sections (each child looked at once, however
 * many cells stand outside rows).
 */
static bool
is_layout_table(GiarContext *cx, const HtmlNode *nodes, const HtmlNode *table)
{
	for (int32_t ai = table->first_child; ai != HN_NONE; ai = nodes[ai].next)
	{
		const HtmlNode *a = &nodes[ai];

		giar_tick(cx);
		if (!is_element(a))
			continue;
		if (a->kind != EL_SECTION)
		{
			if (holds_container_cell(nodes, a))
				return true;
			continue;
		}
		for (int32_t ti = a->first_child; ti != HN_NONE; ti = nodes[ti].next)
		{
			giar_tick(cx);
			if (holds_container_cell(nodes, &nodes[ti]))
				return true;
		}
	}
	return false;
}

static void
begin_cell(Renderer *r)
{
	RowState   *rs = row(r);

	if (!rs->in_row)
	{
		/* a cell outside any row: start one */
		end_line(r, 0);
		rs->in_row = true;
		rs->cells = 0;
	}
	if (rs->in_cell == 0)
	{
		if (rs->cells > 0)
		{
			put(r, " | ", 3);
			r->pending_space = false;
		}
		rs->cells++;
	}
	rs->in_cell++;
}

/* Returns true when the renderer should descend into node's children. */
static bool
enter(Renderer *r, const HtmlNode *node)
{
	RowState   *rs = row(r);

	if (node->type == HN_TEXT || node->type == HN_CDATA)
	{
		put_text(r, node->text, node->text_len, node->line);
		return false;
	}
	if (node->type != HN_ELEMENT)
		return false;
	if (node->kind == EL_SKIPPED)
		return false;
	if (node->kind == EL_TABLE)
	{
		if (rs->in_row)
			end_line(r, GIAR_LINE_TABLE_ROW);
		else
			end_line(r, 0);
		if (r->depth < MAX_TABLE_NESTING)
		{
			r->depth++;
			memset(row(r), 0, sizeof(RowState));
			row(r)->layout = is_layout_table(r->cx, r->nodes, node);
		}
		return true;
	}
	if (rs->layout && (node->kind == EL_TR || is_cell(node)))
	{
		end_line(r, 0);			/* layout rows and cells are blocks */
		return true;
	}
	if (node->kind == EL_TR)
	{
		if (rs->in_row)
			end_line(r, GIAR_LINE_TABLE_ROW);
		else
			end_line(r, 0);
		rs->in_row = true;
		rs->cells = 0;
		rs->in_cell = 0;
		return true;
	}
	if (is_cell(node))
	{
		begin_cell(r);
		return true;
	}
	if (node->kind == EL_BR)
	{
		if (rs->in_cell)
			r->pending_space = !line_empty(r);
		else
			end_line(r, rs->in_row ? GIAR_LINE_TABLE_ROW : 0);
		return false;
	}
	if (node->kind == EL_SUP || node->kind == EL_SUB)
	{
		if (node->kind == EL_SUP)
			r->superscript++;
		else
			r->subscript++;
		return true;
	}
	if (node->kind == EL_IMG)
	{
		if (!rs->in_cell)
		{
			end_line(r, 0);
			put(r, "[图片]", strlen("[图片]"));
			if (r->line_src == 0)
				r->line_src = node->line;
			end_line(r, GIAR_LINE_IMAGE);
		}
		return false;
	}
	if (is_block(node))
	{
		if (rs->in_cell)
			r->pending_space = !line_empty(r);
		else if (!rs->in_row)
			end_line(r, 0);
	}
	return true;
}

/* Inlined: it is called for every node, and most return at once. */
static GIAR_ALWAYS_INLINE void
leave(Renderer *r, const HtmlNode *node)
{
	RowState   *rs = row(r);

	if (node->type != HN_ELEMENT)
		return;
	if (node->kind == EL_SUP && r->superscript > 0)
		r->superscript--;
	else if (node->kind == EL_SUB && r->subscript > 0)
		r->subscript--;
	if (rs->layout && (node->kind == EL_TR || is_cell(node)))
	{
		end_line(r, 0);
		return;
	}
	if (is_cell(node))
	{
		if (rs->in_cell > 0)
			rs->in_cell--;
		r->pending_space = false;
	}
	else if (node->kind == EL_TR)
	{
		end_line(r, GIAR_LINE_TABLE_ROW);
		rs->in_row = false;
		rs->in_cell = 0;
		rs->cells = 0;
	}
	else if (node->kind == EL_TABLE)
	{
		end_line(r, rs->in_row ? GIAR_LINE_TABLE_ROW : 0);
		if (r->depth > 0)
			r->depth--;
		/* the enclosing row, if any, continues on a new line */
		row(r)->cells = 0;
	}
	else if (is_block(node))
	{
		if (rs->in_cell)
			r->pending_space = !line_empty(r);
		else if (!rs->in_row)
			end_line(r, 0);
	}
}

/* Does the page end before its markup does (not with '>')? */
static bool
html_truncated(const char *text, size_t len)
{
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' ||
					   text[len - 1] == '\r' || text[len - 1] == '\t'))
		len--;
	return len > 0 && text[len - 1] != '>';
}

/* ------------------------------------------------------------------ */
/* Attributes removed before parsing                                   */
/* ------------------------------------------------------------------ */

/*
 * Report pages exported from Word and CMS editors are 80-95% markup, most
 * of it style attributes the renderer never reads.  libxml2 parses such
 * pages at 60-75 MB/s, several times the cost of reading the text at all
 * (bench/run.sh), and most of that time goes to the attributes.  So start
 * tags lose their attributes before libxml2 sees the page: "<td
 * style=...>" becomes "<td>", keeping the tag's line breaks so that line
 * numbers stay the same.  The tree libxml2 builds is the same but for the
 * attributes.
 *
 * This scanner has to agree with libxml2 (any version, before and after its
 * HTML5 tokenizer) on where every start tag begins and ends.  Text,
 * comments, end tags, declarations and the content of raw-text elements
 * are copied as they are; only start tags whose extent is certain are
 * rewritten.  On anything unusual (an unterminated quote or comment, a
 * comment closed by "--!>", a name or attribute form that parsers read
 * differently, NUL bytes) it gives up and libxml2 reads the page as it is.
 */

#define MAX_HTML_NAME 100		/* libxml2 reads longer names in pieces */

/* Byte classes of the tag scanner, by table: it reads every byte of a tag. */
#define HC_BLANK	1			/* space, tab, newline, return */
#define HC_LETTER	2			/* ASCII letter */
#define HC_NAME		4			/* letter, digit, ':', '-', '_', '.' */

static const uint8_t html_class[256] = {
	['\t'] = HC_BLANK, ['\n'] = HC_BLANK, ['\r'] = HC_BLANK, [' '] = HC_BLANK,
	['0'] = HC_NAME, ['1'] = HC_NAME, ['2'] = HC_NAME, ['3'] = HC_NAME,
	['4'] = HC_NAME, ['5'] = HC_NAME, ['6'] = HC_NAME, ['7'] = HC_NAME,
	['8'] = HC_NAME, ['9'] = HC_NAME, [':'] = HC_NAME, ['-'] = HC_NAME,
	['_'] = HC_NAME, ['.'] = HC_NAME,
#define L(c) [(c)] = (HC_LETTER | HC_NAME)
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
	L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
	L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
	L('A'), L('B'), L('C'), L('D'), L('E'), L('F'), L('G'), L('H'), L('I'),
	L('J'), L('K'), L('L'), L('M'), L('N'), L('O'), L('P'), L('Q'), L('R'),
	L('S'), L('T'), L('U'), L('V'), L('W'), L('X'), L('Y'), L('Z'),
#undef L
};

static inline bool
is_html_blank(char c)
{
	return html_class[(unsigned char) c] & HC_BLANK;
}

static inline bool
is_ascii_letter(char c)
{
	return html_class[(unsigned char) c] & HC_LETTER;
}

static inline bool
is_name_char(char c)
{
	return html_class[(unsigned char) c] & HC_NAME;
}

/* Elements whose content some parser versions read as text. */
static bool
is_raw_text_element(const char *name, size_t n)
{
	static const char *const raw[] = {
		"script", "style", "title", "textarea", "xmp", "iframe", "noembed",
		"noframes", "noscript", "plaintext", NULL
	};

	if (n < 3 || n > 9)
		return false;			/* p, td, tr …: at once */
	for (int i = 0; raw[i]; i++)
		if ((name[0] | 0x20) == raw[i][0] && strlen(raw[i]) == n &&
			strncasecmp(name, raw[i], n) == 0)
			return true;
	return false;
}

static const char *
find_bytes(const char *p, const char *end, const char *needle)
{
	size_t		n = strlen(needle);

	if ((size_t) (end - p) < n)
		return NULL;
	return memmem(p, (size_t) (end - p), needle, n);
}

/* Where "</name" starts (any case), or NULL. */
static const char *
find_end_tag(const char *p, const char *end, const char *name, size_t n)
{
	while ((p = memchr(p, '<', (size_t) (end - p))) != NULL)
	{
		if ((size_t) (end - p) >= n + 2 && p[1] == '/' &&
			strncasecmp(p + 2, name, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Read the start tag at p ('<' + letter).  Returns the byte after its '>'
 * and sets the name's length and whether it ends with "/>"; NULL when its
 * extent is not certain.
 */
const char *
giar_html_scan_start_tag(const char *p, const char *end, size_t *name_len, bool *self_closing)
{
	const char *q = p + 1;

	while (q < end && is_name_char(*q))
		q++;
	*name_len = (size_t) (q - p - 1);
	if (*name_len > MAX_HTML_NAME || q >= end ||
		!(is_html_blank(*q) || *q == '>' || *q == '/'))
		return NULL;
	for (;;)
	{
		const char *a;

		while (q < end && is_html_blank(*q))
			q++;
		if (q >= end)
			return NULL;
		if (*q == '>')
		{
			*self_closing = false;
			return q + 1;
		}
		if (*q == '/')
		{
			if (q + 1 < end && q[1] == '>')
			{
				*self_closing = true;
				return q + 2;
			}
			return NULL;		/* a lone '/': read differently by versions */
		}
		/* an attribute name of the forms every version reads alike */
		if (!is_ascii_letter(*q))
			return NULL;
		a = q;
		while (q < end && is_name_char(*q))
			q++;
		if (q - a > MAX_HTML_NAME || q >= end)
			return NULL;
		if (!(is_html_blank(*q) || *q == '>' || *q == '/' || *q == '='))
			return NULL;
		while (q < end && is_html_blank(*q))
			q++;
		if (q >= end)
			return NULL;
		if (*q != '=')
			continue;			/* an attribute without a value */
		q++;
		while (q < end && is_html_blank(*q))
			q++;
		if (q >= end)
			return NULL;
		if (*q == '"' || *q == '\'')
		{
			const char *close = memchr(q + 1, *q, (size_t) (end - q - 1));

			if (close == NULL)
				return NULL;
			q = close + 1;
			if (q < end && !(is_html_blank(*q) || *q == '>' || *q == '/'))
				return NULL;	/* value="a"b: read differently by versions */
		}
		else
		{
			const char *v = q;

			while (q < end && !is_html_blank(*q) && *q != '>')
			{
				if (*q == '"' || *q == '\'' || *q == '<')
					return NULL;
				q++;
			}
			if (q == v)
				return NULL;
		}
	}
}

/*
 * The page with start tags stripped of their attributes, or false when
 * the page is left to libxml2 as it is.  *longest: the bytes of the
 * longest comment, declaration or tag written, each of which libxml2
 * reads without a callback (text and raw-text content it hands over a
 * kilobyte at a time).
 */
static bool
strip_attributes(GiarContext *cx, const char *text, size_t len,
				 char **out, size_t *out_len, size_t *longest)
{
	const char *p = text;
	const char *end = text + len;
	char	   *buf;
	char	   *w;

	*longest = 0;

	if (memchr(text, '\0', len) != NULL)
		return false;
	buf = giar_alloc_uninit(cx, len + 1);
	w = buf;
	while (p < end)
	{
		const char *lt = memchr(p, '<', (size_t) (end - p));
		const char *stop;

		if (lt == NULL)
			lt = end;
		giar_tick_n(cx, (size_t) (lt - p) + 16);
		memcpy(w, p, (size_t) (lt - p));
		w += lt - p;
		p = lt;
		if (p >= end)
			break;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
		{
			const char *close = find_bytes(p + 4, end, "-->");

			/*
			 * "<!-->", "<!--->" and "--!>" end a comment in newer parsers
			 * only
			 */
			if (close == NULL || close < p + 5 ||
				find_bytes(p + 4, close + 3, "--!>") != NULL)
				return false;
			stop = close + 3;
		}
		else if (end - p >= 9 && strncasecmp(p, "<!DOCTYPE", 9) == 0)
		{
			/* quoted identifiers; '>' in them ends it in newer parsers only */
			char		quote = 0;
			const char *c;

			for (c = p + 9; c < end && (quote || *c != '>'); c++)
			{
				if (((c - p) & 65535) == 0)
					giar_tick_n(cx, 65536);
				if (*c == '<' || (quote && *c == '>'))
					return false;
				if (*c == '"' || *c == '\'')
					quote = quote == 0 ? *c : (quote == *c ? 0 : quote);
			}
			if (c >= end)
				return false;
			stop = c + 1;
		}
		else if (end - p >= 2 && (p[1] == '!' || p[1] == '?' || p[1] == '/'))
		{
			/* declarations, processing instructions, end tags: as they are */
			const char *gt = memchr(p + 1, '>', (size_t) (end - p - 1));

			if (gt == NULL)
				return false;
			giar_tick_n(cx, (size_t) (gt - p));
			for (const char *c = p + 1; c < gt; c++)
				if (*c == '<' || *c == '"' || *c == '\'')
					return false;
			stop = gt + 1;
		}
		else if (end - p >= 2 && is_ascii_letter(p[1]))
		{
			size_t		name_len;
			bool		self_closing;
			const char *after = giar_html_scan_start_tag(p, end, &name_len, &self_closing);
			char	   *tag = w;

			if (after == NULL)
				return false;
			giar_tick_n(cx, (size_t) (after - p));
			*w++ = '<';
			memcpy(w, p + 1, name_len);
			w += name_len;
			/* keep the tag's line breaks: libxml2 numbers lines */
			for (const char *c = p + 1 + name_len; c < after; c++)
				if (*c == '\n')
					*w++ = '\n';
			if (self_closing)
				*w++ = '/';
			*w++ = '>';
			if ((size_t) (w - tag) > *longest)
				*longest = (size_t) (w - tag);
			p = after;
			if (is_raw_text_element(lt + 1, name_len))
			{
				const char *close;

				if (self_closing)
					return false;	/* "<script/>": read differently by versions */
				close = find_end_tag(p, end, lt + 1, name_len);
				stop = close ? close : end;
				giar_tick_n(cx, (size_t) (stop - p));
				memcpy(w, p, (size_t) (stop - p));
				w += stop - p;
				p = stop;
			}
			continue;
		}
		else if (end - p >= 2 && (p[1] == '_' || p[1] == ':' || p[1] == '.'))
			return false;		/* element names some versions accept */
		else
			stop = p + 1;		/* a '<' in text */
		giar_tick_n(cx, (size_t) (stop - p));
		if ((size_t) (stop - p) > *longest)
			*longest = (size_t) (stop - p);
		memcpy(w, p, (size_t) (stop - p));
		w += stop - p;
		p = stop;
	}
	*w = '\0';
	*out = buf;
	*out_len = (size_t) (w - buf);
	return true;
}

bool
giar_html_strip_attributes(GiarContext *cx, const char *text, size_t len,
						   char **out, size_t *out_len)
{
	size_t		longest;

	return strip_attributes(cx, text, len, out, out_len, &longest);
}

static void
free_doc(void *arg)
{
	xmlFreeDoc((xmlDocPtr) arg);
}

/*
 * libxml2's document as the renderer's tree: elements, text and CDATA, in
 * document order, from the root element and the top-level nodes after it
 * (broken pages put elements there).
 */
static void
convert_document(GiarContext *cx, xmlDocPtr doc, HtmlTree *tree)
{
	KindCache	cache;
	xmlNode    *node = xmlDocGetRootElement(doc);
	int32_t		parent = HN_NONE;
	int32_t    *last_child;		/* per node: its last child so far */
	int			last_cap = 0;

	memset(&cache, 0, sizeof(cache));
	memset(tree, 0, sizeof(*tree));
	tree->root = HN_NONE;
	tree->last_top = HN_NONE;
	last_child = NULL;
	while (node)
	{
		bool		descend = false;

		giar_tick(cx);
		if (node->type == XML_ELEMENT_NODE || node->type == XML_TEXT_NODE ||
			node->type == XML_CDATA_SECTION_NODE)
		{
			HtmlNode   *nd;
			int32_t		i;

			tree->nodes = giar_grow(cx, tree->nodes, sizeof(HtmlNode),
									&tree->cap, tree->n);
			last_child = giar_grow(cx, last_child, sizeof(int32_t), &last_cap,
								   tree->n);
			i = tree->n++;
			nd = &tree->nodes[i];
			memset(nd, 0, sizeof(*nd));
			nd->parent = parent;
			nd->first_child = HN_NONE;
			nd->next = HN_NONE;
			last_child[i] = HN_NONE;
			if (node->type == XML_ELEMENT_NODE)
			{
				nd->type = HN_ELEMENT;
				nd->kind = (uint8_t) cached_kind(&cache, node);
				nd->line = (int32_t) xmlGetLineNo(node);
				descend = node->children != NULL;
			}
			else
			{
				nd->type = node->type == XML_TEXT_NODE ? HN_TEXT : HN_CDATA;
				nd->text = (const char *) node->content;
				nd->text_len = node->content ?
					(uint32_t) strlen((const char *) node->content) : 0;
				nd->line = (int32_t) xmlGetLineNo(node);
			}
			/* link as the last child of parent, or as the last top node */
			if (parent == HN_NONE)
			{
				if (tree->last_top == HN_NONE)
					tree->root = i;
				else
					tree->nodes[tree->last_top].next = i;
				tree->last_top = i;
			}
			else
			{
				if (last_child[parent] == HN_NONE)
					tree->nodes[parent].first_child = i;
				else
					tree->nodes[last_child[parent]].next = i;
				last_child[parent] = i;
			}
			if (descend)
			{
				parent = i;
				node = node->children;
				continue;
			}
		}
		/* the next node: a sibling, or the sibling of an ancestor */
		while (node && node->next == NULL)
		{
			node = node->parent;
			if (node == NULL || node == (xmlNode *) doc)
			{
				node = NULL;
				break;
			}
			/* climbing out of a converted element: its parent's turn */
			if (parent != HN_NONE)
				parent = tree->nodes[parent].parent;
		}
		if (node)
			node = node->next;
	}
}

/*
 * libxml2's parse of a page, watched from its callbacks: each element and
 * each piece of text (libxml2 hands text over a kilobyte at a time)
 * counts towards the interrupt checks, and the parser is stopped past
 * GIAR_MAX_HTML_NODES of them, the page read so far.  The callbacks build
 * the document with libxml2's own handlers.
 */
typedef struct LibxmlParse
{
	GiarContext *cx;
	xmlSAXHandler sax;			/* libxml2's handlers */
	int			nodes;
	/* the error handler libxml2 had (errors are counted as work too) */
	xmlStructuredErrorFunc saved_handler;
	void	   *saved_context;
} LibxmlParse;

/* libxml2's own handlers, in a callback of ours */
#define LIBXML_SAX(ctx) (((LibxmlParse *) ((xmlParserCtxtPtr) (ctx))->_private)->sax)

/* Count a callback's work; false once the parser has been stopped. */
static bool
libxml_step(void *ctx, size_t units, bool node)
{
	xmlParserCtxtPtr ctxt = ctx;
	LibxmlParse *lp = ctxt->_private;

	giar_tick_n(lp->cx, units);
	if (node && ++lp->nodes > GIAR_MAX_HTML_NODES)
	{
		xmlStopParser(ctxt);
		return false;
	}
	return true;
}

static void
libxml_start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	if (libxml_step(ctx, 16, true))
		LIBXML_SAX(ctx).startElement(ctx, name, atts);
}

static void
libxml_end_element(void *ctx, const xmlChar *name)
{
	if (libxml_step(ctx, 16, false))
		LIBXML_SAX(ctx).endElement(ctx, name);
}

static void
libxml_characters(void *ctx, const xmlChar *ch, int len)
{
	if (libxml_step(ctx, (size_t) len + 16, true))
		LIBXML_SAX(ctx).characters(ctx, ch, len);
}

static void
libxml_ignorable_whitespace(void *ctx, const xmlChar *ch, int len)
{
	if (libxml_step(ctx, (size_t) len + 16, false))
		LIBXML_SAX(ctx).ignorableWhitespace(ctx, ch, len);
}

static void
libxml_cdata_block(void *ctx, const xmlChar *value, int len)
{
	if (libxml_step(ctx, (size_t) len + 16, true))
		LIBXML_SAX(ctx).cdataBlock(ctx, value, len);
}

static void
libxml_comment(void *ctx, const xmlChar *value)
{
	if (libxml_step(ctx, strlen((const char *) value) + 16, true))
		LIBXML_SAX(ctx).comment(ctx, value);
}

static void
libxml_processing_instruction(void *ctx, const xmlChar *target,
							  const xmlChar *data)
{
	if (libxml_step(ctx, 16, true))
		LIBXML_SAX(ctx).processingInstruction(ctx, target, data);
}

/* Errors (libxml2 reports them only to this handler): work between checks. */
static void
#if LIBXML_VERSION >= 21200
libxml_error(void *ctx, const xmlError *error)
#else
libxml_error(void *ctx, xmlErrorPtr error)
#endif
{
	giar_tick(((LibxmlParse *) ctx)->cx);
}

static void
restore_error_handler(void *arg)
{
	LibxmlParse *lp = arg;

	xmlSetStructuredErrorFunc(lp->saved_context, lp->saved_handler);
}

/* A parser context, with the document it was building (an interrupt). */
static void
free_parser(void *arg)
{
	xmlParserCtxtPtr ctxt = arg;

	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	ctxt->myDoc = NULL;
	htmlFreeParserCtxt(ctxt);
}

/* Parse the page with libxml2 as given; false if it makes no document. */
static bool
libxml_tree(GiarContext *cx, const char *text, size_t len, HtmlTree *tree,
			xmlDocPtr *docp)
{
	xmlDocPtr	doc;
	htmlParserCtxtPtr ctxt;
	LibxmlParse *lp;
	int			options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS |
		HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

	if (len > (size_t) 0x7FFFFFFF)
		return false;
	xmlInitParser();
	/* as htmlReadMemory reads it, with the handlers it sets, wrapped */
	ctxt = htmlNewParserCtxt();
	if (ctxt == NULL)
		return false;
	giar_on_cleanup(cx, free_parser, ctxt);
	lp = giar_alloc(cx, sizeof(LibxmlParse));
	lp->cx = cx;
	lp->sax = *ctxt->sax;
	ctxt->_private = lp;
	if (lp->sax.startElement)
		ctxt->sax->startElement = libxml_start_element;
	if (lp->sax.endElement)
		ctxt->sax->endElement = libxml_end_element;
	if (lp->sax.characters)
		ctxt->sax->characters = libxml_characters;
	if (lp->sax.ignorableWhitespace)
		ctxt->sax->ignorableWhitespace = libxml_ignorable_whitespace;
	if (lp->sax.cdataBlock)
		ctxt->sax->cdataBlock = libxml_cdata_block;
	if (lp->sax.comment)
		ctxt->sax->comment = libxml_comment;
	if (lp->sax.processingInstruction)
		ctxt->sax->processingInstruction = libxml_processing_instruction;
	lp->saved_handler = xmlStructuredError;
	lp->saved_context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(lp, libxml_error);
	giar_on_cleanup(cx, restore_error_handler, lp);
	doc = htmlCtxtReadMemory(ctxt, text, (int) len, NULL, "UTF-8", options);
	giar_cleanup_now(cx, restore_error_handler, lp);
	giar_cleanup_now(cx, free_parser, ctxt);
	if (doc == NULL)
		return false;
	/* freed by the caller, or by the cleanup if an interrupt unwinds */
	giar_on_cleanup(cx, free_doc, doc);
	convert_document(cx, doc, tree);
	*docp = doc;
	return true;
}

/* Render a tree to lines; truncated: the crawler cut the page off. */
static void
render_tree(GiarContext *cx, HtmlTree *tree, size_t page_len, bool truncated,
			GiarRawText *out)
{
	Renderer	r;
	const HtmlNode *nodes = tree->nodes;
	int32_t		i;

	measure(cx, tree);
	memset(&r, 0, sizeof(r));
	r.cx = cx;
	r.nodes = nodes;
	/* a page's text is a fraction of its markup; grown if need be */
	r.cap = page_len / 4 + 256;
	r.buf = giar_alloc_uninit(cx, r.cap);
	i = tree->root;
	while (i != HN_NONE)
	{
		giar_tick_n(cx, (size_t) nodes[i].text_len + 16);
		if (enter(&r, &nodes[i]) && nodes[i].first_child != HN_NONE)
		{
			i = nodes[i].first_child;
			continue;
		}
		leave(&r, &nodes[i]);
		while (i != HN_NONE && nodes[i].next == HN_NONE)
		{
			i = nodes[i].parent;
			if (i != HN_NONE)
				leave(&r, &nodes[i]);
		}
		if (i != HN_NONE)
			i = nodes[i].next;
	}
	if (r.full)
		r.len = r.line_start;	/* the page past the last line */
	end_line(&r, row(&r)->in_row ? GIAR_LINE_TABLE_ROW : 0);

	/*
	 * A page cut off by the crawler ends inside a tag or a cell: the last
	 * table row may hold a number cut in two ("48362" of "48362.75"), so it
	 * is dropped.
	 */
	if (truncated && r.nlines > 0 &&
		(r.meta[r.nlines - 1].flags & GIAR_LINE_TABLE_ROW))
	{
		size_t		start;

		r.nlines--;
		/* back to the start of that line: after the previous '\n' */
		start = r.len > 0 ? r.len - 1 : 0;
		while (start > 0 && r.buf[start - 1] != '\n')
			start--;
		r.len = start;
		r.line_start = r.len;
	}
	put(&r, "", 0);
	if (r.len > 0 && r.buf[r.len - 1] == '\n')
		r.len--;				/* the last line needs no terminator */
	r.buf[r.len] = '\0';

	out->buf = r.buf;
	out->len = r.len;
	/* the text ends with the last line's '\n' removed: nlines lines */
	out->nlines = r.nlines > 0 ? r.nlines : 1;
	out->srclines = giar_alloc(cx, sizeof(int) * (size_t) out->nlines);
	out->flags = giar_alloc(cx, sizeof(unsigned) * (size_t) out->nlines);
	for (int l = 0; l < r.nlines; l++)
	{
		out->srclines[l] = r.meta[l].srcline;
		out->flags[l] = r.meta[l].flags;
	}
	if (r.nlines == 0)
		out->srclines[0] = 1;
}

/*
 * Render the page: its tree built here where that is certain
 * (giar_html_build_tree), else by libxml2.
 */
bool
giar_html_render(GiarContext *cx, const char *text, size_t len, GiarRawText *out)
{
	if (giar_html_render_direct(cx, text, len, out))
		return true;
	return giar_html_render_libxml(cx, text, len, out);
}

/* The page's tree built without libxml2; false where that is not certain. */
bool
giar_html_render_direct(GiarContext *cx, const char *text, size_t len,
						GiarRawText *out)
{
	HtmlTree	tree;

	if (!giar_html_build_tree(cx, text, len, &tree))
		return false;
	render_tree(cx, &tree, len, html_truncated(text, len), out);
	return true;
}

/*
 * Bytes of a page libxml2 reads at most: it reads the whole page before
 * its first callback (at about 1.5 ms a megabyte), and as it is (its
 * attributes not stripped) it reads each comment, tag or declaration
 * without a callback, which may be the rest of the page.  Report pages
 * are a few hundred kilobytes at most, a small part of it once stripped.
 */
#define LIBXML_MAX_BYTES (4 << 20)
#define LIBXML_AS_IS_BYTES (2 << 20)

/*
 * The page through libxml2: its attributes stripped where that is certain
 * (see giar_html_strip_attributes), as it is otherwise.  Not a page whose
 * comment, tag or declaration libxml2 would read for longer than a line
 * (GIAR_MAX_LINE_BYTES), nor a longer page than it may read (above): read
 * as text instead.
 */
bool
giar_html_render_libxml(GiarContext *cx, const char *text, size_t len,
						GiarRawText *out)
{
	char	   *stripped;
	size_t		stripped_len;
	size_t		longest;

	if (len <= (size_t) 0x7FFFFFFF &&
		strip_attributes(cx, text, len, &stripped, &stripped_len, &longest))
		return longest <= GIAR_MAX_LINE_BYTES && stripped_len <= LIBXML_MAX_BYTES &&
			giar_html_render_as_is(cx, stripped, stripped_len,
								   html_truncated(text, len), out);
	return len <= LIBXML_AS_IS_BYTES &&
		giar_html_render_as_is(cx, text, len, html_truncated(text, len), out);
}

/* Render the page exactly as given with libxml2; truncated: cut off. */
bool
giar_html_render_as_is(GiarContext *cx, const char *text, size_t len,
					   bool truncated, GiarRawText *out)
{
	HtmlTree	tree;
	xmlDocPtr	doc;

	if (!libxml_tree(cx, text, len, &tree, &doc))
		return false;
	render_tree(cx, &tree, len, truncated, out);
	/* the document is no longer needed */
	giar_cleanup_now(cx, free_doc, doc);
	return true;
}

/* Are two renderings the same lines, input line numbers and flags? */
bool
giar_raw_text_equal(const GiarRawText *a, const GiarRawText *b)
{
	if (a->len != b->len || a->nlines != b->nlines ||
		memcmp(a->buf, b->buf, a->len) != 0)
		return false;
	for (int i = 0; i < a->nlines; i++)
		if (a->srclines[i] != b->srclines[i] || a->flags[i] != b->flags[i])
			return false;
	return true;
}

/* Initialise libxml2 now rather than on the first page (giar_prepare). */
void
giar_html_prepare(void)
{
	xmlInitParser();
	giar_html_tree_prepare();
}

/*
 * HTML when the text has several tags of the kinds report pages are made
 * of.  Plain text with a stray "<br>" stays plain: rendering it as HTML
 * would collapse its line structure.
 */
bool
giar_looks_like_html(const char *text, size_t len)
{
	static const char *const tags[] = {
		"html", "body", "table", "tr", "td", "th", "p", "div", "br", "span",
		"head", "meta", "title", "script", "style", "li", "img", "tbody", "font",
		NULL
	};
	const char *p = text;
	const char *end = text + len;
	int			hits = 0;
	bool		structural = false;

	while ((p = memchr(p, '<', (size_t) (end - p))) != NULL)
	{
		const char *t = p + 1;

		p++;
		if (t < end && *t == '/')
			t++;
		for (int i = 0; tags[i]; i++)
		{
			size_t		n = strlen(tags[i]);

			if ((size_t) (end - t) > n && strncasecmp(t, tags[i], n) == 0 &&
				(t[n] == '>' || t[n] == ' ' || t[n] == '/' || t[n] == '\t' ||
				 t[n] == '\n' || t[n] == '\r'))
			{
				hits++;
				if (i < 6)
					structural = true;
				break;
			}
		}
		if (hits >= 6 || (structural && hits >= 3))
			return true;
	}
	return false;
}

const char *
giar_libxml_version(void)
{
	return LIBXML_DOTTED_VERSION;
}
