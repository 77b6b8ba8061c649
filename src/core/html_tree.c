/*
 * html_tree.c
 *		Build the tree of a report page as libxml2 2.9's HTML parser does,
 *		without libxml2.
 *
 * libxml2 reads a page a character at a time and allocates a node, a name
 * and a copy of each text; on report pages, attributes already stripped,
 * it alone runs at about 13x the scan floor (make bench-core: "libxml2's
 * HTML parser alone"), over four times what the whole parse may cost.  So
 * the renderer's tree is built here, reading tags and text with byte
 * scans, by libxml2 2.9's own rules: its start-tag auto-close table, the
 * implied html, head, body and p elements, end-tag priorities, ignorable
 * whitespace (areBlanks), text coalescing and line numbers (HTMLparser.c
 * and SAX2.c of libxml2 2.9.14, the version Debian 12 ships).
 *
 * What it is not certain to read exactly as libxml2 does makes it decline
 * (returns false) and the page goes to libxml2: another libxml2 series,
 * invalid UTF-8 or control characters, a byte order mark, a processing
 * instruction, doctype or comment of unusual form, misplaced html,
 * head or body tags, element names
 * libxml2 reads differently, attribute syntax the tag scanner is unsure
 * of (giar_html_scan_start_tag), entities outside plain ASCII names,
 * nesting deeper than libxml2 allows.  The core tests and the fuzz target
 * render pages both ways and require the same lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlversion.h>

#include "html.h"
#include "text.h"

/* libxml2 stops at this depth without XML_PARSE_HUGE; stay well below */
#define MAX_DEPTH		200
#define MAX_NAME		60
#define MAX_LINES		65000	/* libxml2 keeps line numbers in 16 bits */
#define TEXT_CHUNK		1000	/* HTML_PARSER_BIG_BUFFER_SIZE */

/* ------------------------------------------------------------------ */
/* Element names and libxml2's rules about them                        */
/* ------------------------------------------------------------------ */

#define NI_EMPTY		0x01	/* no content, no end tag (br, img …) */
#define NI_PCDATA		0x02	/* full name in libxml2's allowPCData */
#define NI_PCDATA_LOCAL	0x04	/* local name in allowPCData */
#define NI_RAW			0x08	/* script, style: content read raw */
#define NI_NO_CONTENT	0x10	/* html, head: text implies a p */
#define NI_HEADISH		0x20	/* script style meta link title base */
#define NI_NO_BODY		0x40	/* noframes frame frameset: imply no body */

typedef struct NameInfo
{
	const char *name;			/* lowercase full name, as on libxml2's stack */
	uint8_t		len;
	uint8_t		kind;			/* EL_* of the local name */
	uint8_t		flags;			/* NI_* */
	uint8_t		priority;		/* end-tag priority (htmlEndPriority) */
	int16_t		id;				/* index in known[], -1 for other names */
} NameInfo;

/*
 * The names libxml2 2.9 has rules for: its element table
 * (html40ElementTable) and the names of its start-close table.  Empty
 * elements as in that table (checked against htmlTagLookup by the core
 * tests).
 */
static const struct
{
	const char *name;
	bool		empty;
}			known_names[] = {
	{"a", 0}, {"abbr", 0}, {"acronym", 0}, {"address", 0}, {"applet", 0},
	{"area", 1}, {"b", 0}, {"base", 1}, {"basefont", 1}, {"bdo", 0},
	{"big", 0}, {"blockquote", 0}, {"body", 0}, {"br", 1}, {"button", 0},
	{"caption", 0}, {"center", 0}, {"cite", 0}, {"code", 0}, {"col", 1},
	{"colgroup", 0}, {"dd", 0}, {"del", 0}, {"dfn", 0}, {"dir", 0},
	{"div", 0}, {"dl", 0}, {"dt", 0}, {"em", 0}, {"embed", 0},
	{"fieldset", 0}, {"font", 0}, {"form", 0}, {"frame", 1}, {"frameset", 0},
	{"h1", 0}, {"h2", 0}, {"h3", 0}, {"h4", 0}, {"h5", 0}, {"h6", 0},
	{"head", 0}, {"hr", 1}, {"html", 0}, {"i", 0}, {"iframe", 0},
	{"img", 1}, {"input", 1}, {"ins", 0}, {"isindex", 1}, {"kbd", 0},
	{"label", 0}, {"legend", 0}, {"li", 0}, {"link", 1}, {"listing", 0},
	{"map", 0}, {"menu", 0}, {"meta", 1}, {"noframes", 0}, {"noscript", 0},
	{"object", 0}, {"ol", 0}, {"optgroup", 0}, {"option", 0}, {"p", 0},
	{"param", 1}, {"pre", 0}, {"q", 0}, {"s", 0}, {"samp", 0},
	{"script", 0}, {"select", 0}, {"small", 0}, {"span", 0}, {"strike", 0},
	{"strong", 0}, {"style", 0}, {"sub", 0}, {"sup", 0}, {"table", 0},
	{"tbody", 0}, {"td", 0}, {"textarea", 0}, {"tfoot", 0}, {"th", 0},
	{"thead", 0}, {"title", 0}, {"tr", 0}, {"tt", 0}, {"u", 0},
	{"ul", 0}, {"var", 0}, {"xmp", 0},
};

#define NKNOWN ((int) (sizeof(known_names) / sizeof(known_names[0])))

/* libxml2's allowPCData: whitespace after these is kept */
static const char *const allow_pcdata[] = {
	"a", "abbr", "acronym", "address", "applet", "b", "bdo", "big",
	"blockquote", "body", "button", "caption", "center", "cite", "code",
	"dd", "del", "dfn", "div", "dt", "em", "font", "form", "h1", "h2",
	"h3", "h4", "h5", "h6", "i", "iframe", "ins", "kbd", "label", "legend",
	"li", "noframes", "noscript", "object", "p", "pre", "q", "s", "samp",
	"small", "span", "strike", "strong", "td", "th", "tt", "u", "var", NULL
};

/* libxml2's htmlEndPriority; every other name has 100 */
static const struct
{
	const char *name;
	uint8_t		priority;
}			end_priority[] = {
	{"div", 150}, {"td", 160}, {"th", 160}, {"tr", 170}, {"thead", 180},
	{"tbody", 180}, {"tfoot", 180}, {"table", 190}, {"head", 200},
	{"body", 200}, {"html", 220}, {NULL, 100}
};

/*
 * libxml2's htmlStartClose: {old, new} = a start tag <new> closes an open
 * <old>.  Copied from libxml2 2.9.14 (MIT licence), HTMLparser.c.
 */
static const char *const start_close[][2] = {
	{"a", "a"}, {"a", "fieldset"}, {"a", "table"}, {"a", "td"}, {"a", "th"},
	{"address", "dd"}, {"address", "dl"}, {"address", "dt"},
	{"address", "form"}, {"address", "li"}, {"address", "ul"},
	{"b", "center"}, {"b", "p"}, {"b", "td"}, {"b", "th"}, {"big", "p"},
	{"caption", "col"}, {"caption", "colgroup"}, {"caption", "tbody"},
	{"caption", "tfoot"}, {"caption", "thead"}, {"caption", "tr"},
	{"col", "col"}, {"col", "colgroup"}, {"col", "tbody"}, {"col", "tfoot"},
	{"col", "thead"}, {"col", "tr"}, {"colgroup", "colgroup"},
	{"colgroup", "tbody"}, {"colgroup", "tfoot"}, {"colgroup", "thead"},
	{"colgroup", "tr"}, {"dd", "dt"}, {"dir", "dd"}, {"dir", "dl"},
	{"dir", "dt"}, {"dir", "form"}, {"dir", "ul"}, {"dl", "form"},
	{"dl", "li"}, {"dt", "dd"}, {"dt", "dl"}, {"font", "center"},
	{"font", "td"}, {"font", "th"}, {"form", "form"}, {"h1", "fieldset"},
	{"h1", "form"}, {"h1", "li"}, {"h1", "p"}, {"h1", "table"},
	{"h2", "fieldset"}, {"h2", "form"}, {"h2", "li"}, {"h2", "p"},
	{"h2", "table"}, {"h3", "fieldset"}, {"h3", "form"}, {"h3", "li"},
	{"h3", "p"}, {"h3", "table"}, {"h4", "fieldset"}, {"h4", "form"},
	{"h4", "li"}, {"h4", "p"}, {"h4", "table"}, {"h5", "fieldset"},
	{"h5", "form"}, {"h5", "li"}, {"h5", "p"}, {"h5", "table"},
	{"h6", "fieldset"}, {"h6", "form"}, {"h6", "li"}, {"h6", "p"},
	{"h6", "table"}, {"head", "a"}, {"head", "abbr"}, {"head", "acronym"},
	{"head", "address"}, {"head", "b"}, {"head", "bdo"}, {"head", "big"},
	{"head", "blockquote"}, {"head", "body"}, {"head", "br"},
	{"head", "center"}, {"head", "cite"}, {"head", "code"}, {"head", "dd"},
	{"head", "dfn"}, {"head", "dir"}, {"head", "div"}, {"head", "dl"},
	{"head", "dt"}, {"head", "em"}, {"head", "fieldset"}, {"head", "font"},
	{"head", "form"}, {"head", "frameset"}, {"head", "h1"}, {"head", "h2"},
	{"head", "h3"}, {"head", "h4"}, {"head", "h5"}, {"head", "h6"},
	{"head", "hr"}, {"head", "i"}, {"head", "iframe"}, {"head", "img"},
	{"head", "kbd"}, {"head", "li"}, {"head", "listing"}, {"head", "map"},
	{"head", "menu"}, {"head", "ol"}, {"head", "p"}, {"head", "pre"},
	{"head", "q"}, {"head", "s"}, {"head", "samp"}, {"head", "small"},
	{"head", "span"}, {"head", "strike"}, {"head", "strong"},
	{"head", "sub"}, {"head", "sup"}, {"head", "table"}, {"head", "tt"},
	{"head", "u"}, {"head", "ul"}, {"head", "var"}, {"head", "xmp"},
	{"hr", "form"}, {"i", "center"}, {"i", "p"}, {"i", "td"}, {"i", "th"},
	{"legend", "fieldset"}, {"li", "li"}, {"link", "body"},
	{"link", "frameset"}, {"listing", "dd"}, {"listing", "dl"},
	{"listing", "dt"}, {"listing", "fieldset"}, {"listing", "form"},
	{"listing", "li"}, {"listing", "table"}, {"listing", "ul"},
	{"menu", "dd"}, {"menu", "dl"}, {"menu", "dt"}, {"menu", "form"},
	{"menu", "ul"}, {"ol", "form"}, {"ol", "ul"}, {"option", "optgroup"},
	{"option", "option"}, {"p", "address"}, {"p", "blockquote"},
	{"p", "body"}, {"p", "caption"}, {"p", "center"}, {"p", "col"},
	{"p", "colgroup"}, {"p", "dd"}, {"p", "dir"}, {"p", "div"}, {"p", "dl"},
	{"p", "dt"}, {"p", "fieldset"}, {"p", "form"}, {"p", "frameset"},
	{"p", "h1"}, {"p", "h2"}, {"p", "h3"}, {"p", "h4"}, {"p", "h5"},
	{"p", "h6"}, {"p", "head"}, {"p", "hr"}, {"p", "li"}, {"p", "listing"},
	{"p", "menu"}, {"p", "ol"}, {"p", "p"}, {"p", "pre"}, {"p", "table"},
	{"p", "tbody"}, {"p", "td"}, {"p", "tfoot"}, {"p", "th"}, {"p", "title"},
	{"p", "tr"}, {"p", "ul"}, {"p", "xmp"}, {"pre", "dd"}, {"pre", "dl"},
	{"pre", "dt"}, {"pre", "fieldset"}, {"pre", "form"}, {"pre", "li"},
	{"pre", "table"}, {"pre", "ul"}, {"s", "p"}, {"script", "noscript"},
	{"small", "p"}, {"span", "td"}, {"span", "th"}, {"strike", "p"},
	{"style", "body"}, {"style", "frameset"}, {"tbody", "tbody"},
	{"tbody", "tfoot"}, {"td", "tbody"}, {"td", "td"}, {"td", "tfoot"},
	{"td", "th"}, {"td", "tr"}, {"tfoot", "tbody"}, {"th", "tbody"},
	{"th", "td"}, {"th", "tfoot"}, {"th", "th"}, {"th", "tr"},
	{"thead", "tbody"}, {"thead", "tfoot"}, {"title", "body"},
	{"title", "frameset"}, {"tr", "tbody"}, {"tr", "tfoot"}, {"tr", "tr"},
	{"tt", "p"}, {"u", "p"}, {"u", "td"}, {"u", "th"}, {"ul", "address"},
	{"ul", "form"}, {"ul", "menu"}, {"ul", "ol"}, {"ul", "pre"},
	{"xmp", "dd"}, {"xmp", "dl"}, {"xmp", "dt"}, {"xmp", "fieldset"},
	{"xmp", "form"}, {"xmp", "li"}, {"xmp", "table"}, {"xmp", "ul"},
};

#define KNOWN_HASH 256			/* open addressing, power of two */

static NameInfo known_info[NKNOWN];
static int16_t known_slot[KNOWN_HASH];	/* index + 1, 0 = empty */
static uint8_t closes[NKNOWN][(NKNOWN + 7) / 8];	/* [new][old] */
static bool tree_ready;
static bool tree_usable;		/* the runtime libxml2 is the series emulated */
static const NameInfo *name_html,
		   *name_head,
		   *name_body,
		   *name_p;

static uint32_t
hash_name(const char *s, size_t n)
{
	uint32_t	h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char) s[i]) * 16777619u;
	return h;
}

static bool
in_list(const char *const *list, const char *name, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], name, n) == 0)
			return true;
	return false;
}

static const NameInfo *
known_lookup(const char *name, size_t n)
{
	uint32_t	slot = hash_name(name, n) & (KNOWN_HASH - 1);

	while (known_slot[slot])
	{
		const NameInfo *ni = &known_info[known_slot[slot] - 1];

		if (ni->len == n && memcmp(ni->name, name, n) == 0)
			return ni;
		slot = (slot + 1) & (KNOWN_HASH - 1);
	}
	return NULL;
}

static int
known_index(const char *name)
{
	const NameInfo *ni = known_lookup(name, strlen(name));

	return ni ? ni->id : -1;
}

/* Fill in what depends on the name: flags, priority, renderer kind. */
static void
describe_name(NameInfo *ni, const char *name, size_t n, const char *local,
			  size_t local_len)
{
	static const char *const headish[] = {
		"script", "style", "meta", "link", "title", "base", NULL
	};
	static const char *const no_body[] = {"noframes", "frame", "frameset", NULL};
	static const char *const raw[] = {"script", "style", NULL};
	static const char *const no_content[] = {"html", "head", NULL};

	ni->flags = 0;
	if (in_list(allow_pcdata, name, n))
		ni->flags |= NI_PCDATA;
	if (in_list(allow_pcdata, local, local_len))
		ni->flags |= NI_PCDATA_LOCAL;
	if (in_list(raw, name, n))
		ni->flags |= NI_RAW;
	if (in_list(no_content, name, n))
		ni->flags |= NI_NO_CONTENT;
	if (in_list(headish, name, n))
		ni->flags |= NI_HEADISH;
	if (in_list(no_body, name, n))
		ni->flags |= NI_NO_BODY;
	ni->priority = 100;
	for (int i = 0; end_priority[i].name; i++)
		if (strlen(end_priority[i].name) == n &&
			memcmp(end_priority[i].name, name, n) == 0)
			ni->priority = end_priority[i].priority;
	ni->kind = (uint8_t) giar_html_element_kind(local, local_len);
}

void
giar_html_tree_prepare(void)
{
	unsigned long version;

	if (tree_ready)
		return;
	/* the rules here are libxml2 2.9's; other series go to libxml2 */
	version = strtoul(xmlParserVersion, NULL, 10);
	tree_usable = version >= 20900 && version < 21000;
	for (int i = 0; i < NKNOWN; i++)
	{
		NameInfo   *ni = &known_info[i];
		size_t		n = strlen(known_names[i].name);
		uint32_t	slot = hash_name(known_names[i].name, n) & (KNOWN_HASH - 1);

		ni->name = known_names[i].name;
		ni->len = (uint8_t) n;
		ni->id = (int16_t) i;
		describe_name(ni, ni->name, n, ni->name, n);
		if (known_names[i].empty)
			ni->flags |= NI_EMPTY;
		while (known_slot[slot])
			slot = (slot + 1) & (KNOWN_HASH - 1);
		known_slot[slot] = (int16_t) (i + 1);
	}
	for (size_t i = 0; i < sizeof(start_close) / sizeof(start_close[0]); i++)
	{
		int			old = known_index(start_close[i][0]);
		int			new = known_index(start_close[i][1]);

		if (old >= 0 && new >= 0)
			closes[new][old / 8] |= (uint8_t) (1 << (old % 8));
	}
	name_html = known_lookup("html", 4);
	name_head = known_lookup("head", 4);
	name_body = known_lookup("body", 4);
	name_p = known_lookup("p", 1);
	tree_ready = true;
}

/*
 * The tables above against the libxml2 in use, through its public
 * interface: every element it describes is known here with the same
 * emptiness, and for two different names the start-close relation is its
 * own (htmlAutoCloseTag on a childless node answers htmlCheckAutoClose).
 * Returns the number of disagreements; the core tests require none.
 */
static inline bool start_closes(const NameInfo *new, const NameInfo *old);

int
giar_html_tree_check_tables(void)
{
	int			disagree = 0;

	giar_html_tree_prepare();
	for (int i = 0; i < NKNOWN; i++)
	{
		const htmlElemDesc *desc = htmlTagLookup((const xmlChar *) known_names[i].name);

		if (desc != NULL && (desc->empty != 0) != known_names[i].empty)
			disagree++;
		for (int j = 0; j < NKNOWN; j++)
		{
			xmlNode		node;

			if (i == j)
				continue;
			memset(&node, 0, sizeof(node));
			node.type = XML_ELEMENT_NODE;
			node.name = (const xmlChar *) known_names[i].name;
			if ((htmlAutoCloseTag(NULL, (const xmlChar *) known_names[j].name,
								  &node) == 1) !=
				start_closes(&known_info[i], &known_info[j]))
				disagree++;
		}
	}
	return disagree;
}

/* Does a start tag <new> close an open <old> (htmlCheckAutoClose)? */
static inline bool
start_closes(const NameInfo *new, const NameInfo *old)
{
	return new->id >= 0 && old->id >= 0 &&
		(closes[new->id][old->id / 8] & (1 << (old->id % 8))) != 0;
}

/* ------------------------------------------------------------------ */
/* The builder                                                         */
/* ------------------------------------------------------------------ */

/* The last child of an open element, as areBlanks and xmlSAX2Text see it. */
#define LAST_NONE		0
#define LAST_TEXT		1
#define LAST_ELEMENT	2		/* not allowing PCDATA by its local name */
#define LAST_PCDATA		3		/* an element whose local name allows it */
#define LAST_COMMENT	4

typedef struct OpenElement
{
	const NameInfo *info;
	int32_t		node;
	int32_t		last_child;		/* rendered children only */
	uint8_t		last;			/* LAST_* of the last child, comments too */
	uint8_t		last_noncomment;	/* LAST_* skipping comments */
} OpenElement;

#define UNKNOWN_HASH 128		/* names outside known[] met in one page */
#define NAME_CACHE 64

typedef struct Builder
{
	GiarContext *cx;
	const char *text;
	const char *end;
	HtmlTree   *tree;
	OpenElement stack[MAX_DEPTH + 1];
	int			depth;
	int			html_state;		/* libxml2's ctxt->html: 3 head seen, 10 body */
	bool		root_closed;
	OpenElement closed_root;	/* the first root element, once closed */
	bool		doc_first_is_root;	/* no doctype or comment before the root */
	bool		strict_dtd;		/* HTML 4.01 strict: blanks in body dropped */
	char	   *tbuf;			/* text of all text nodes, in order */
	size_t		tlen;
	int32_t    *newlines;		/* offsets of the page's '\n' bytes */
	int			nnewlines;
	int			newlines_cap;
	int			newlines_before;	/* of them, before the last position asked */
	NameInfo   *unknown[UNKNOWN_HASH];
	int			nunknown;
	/* names of up to 8 bytes, packed, to their NameInfo: most lookups */
	uint64_t	cache_key[NAME_CACHE];
	const NameInfo *cache_name[NAME_CACHE];
} Builder;

static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * libxml2's input line at pos: 1 + the newlines before it.  Positions are
 * asked in order, so the newline index only moves forward.
 */
static int
line_at(Builder *b, const char *pos)
{
	int32_t		offset = (int32_t) (pos - b->text);

	while (b->newlines_before < b->nnewlines &&
		   b->newlines[b->newlines_before] < offset)
		b->newlines_before++;
	return 1 + b->newlines_before;
}

static void
note_newline(Builder *b, const char *at)
{
	b->newlines = giar_grow_uninit(b->cx, b->newlines, sizeof(int32_t),
								   &b->newlines_cap, b->nnewlines);
	b->newlines[b->nnewlines++] = (int32_t) (at - b->text);
}

static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/*
 * The NameInfo of a lowercase name; names outside known[] are described
 * on first sight (by the local part for kind and allowPCData, as libxml2
 * names the node after xmlSplitQName).  NULL if the page has too many.
 */
static const NameInfo *intern_name_slow(Builder *b, const char *name, size_t n);

static const NameInfo *
intern_name(Builder *b, const char *name, size_t n)
{
	uint64_t	key = 0;
	unsigned	slot;
	const NameInfo *ni;

	if (n > 8)
		return intern_name_slow(b, name, n);
	memcpy(&key, name, n);		/* names hold no NUL: the key is unique */
	slot = (unsigned) ((key * UINT64_C(0x9E3779B97F4A7C15)) >> 58);
	if (b->cache_key[slot] == key && b->cache_name[slot] != NULL)
		return b->cache_name[slot];
	ni = intern_name_slow(b, name, n);
	if (ni != NULL)
	{
		b->cache_key[slot] = key;
		b->cache_name[slot] = ni;
	}
	return ni;
}

static const NameInfo *
intern_name_slow(Builder *b, const char *name, size_t n)
{
	const NameInfo *known = known_lookup(name, n);
	uint32_t	slot;
	NameInfo   *ni;
	const char *colon;
	const char *local = name;
	size_t		local_len = n;

	if (known)
		return known;
	slot = hash_name(name, n) & (UNKNOWN_HASH - 1);
	while (b->unknown[slot])
	{
		ni = b->unknown[slot];
		if (ni->len == n && memcmp(ni->name, name, n) == 0)
			return ni;
		slot = (slot + 1) & (UNKNOWN_HASH - 1);
	}
	if (b->nunknown >= UNKNOWN_HASH / 2)
		return NULL;
	colon = memchr(name, ':', n);
	if (colon)
	{
		/* xmlSplitQName: "o:p" is element p with prefix o */
		local = colon + 1;
		local_len = n - (size_t) (local - name);
		if (local_len == 0)
		{
			local = name;
			local_len = n;
		}
		else if (!is_letter(*local))
			return NULL;		/* not namespace compliant: left to libxml2 */
	}
	ni = giar_alloc(b->cx, sizeof(NameInfo));
	ni->name = giar_strndup(b->cx, name, n);
	ni->len = (uint8_t) n;
	ni->id = -1;
	describe_name(ni, name, n, local, local_len);
	b->unknown[slot] = ni;
	b->nunknown++;
	return ni;
}

static int32_t
new_node(Builder *b, uint8_t type)
{
	HtmlTree   *t = b->tree;
	HtmlNode   *nd;

	if (t->n == t->cap)
	{
		int			cap = t->cap < 64 ? 64 : t->cap * 2;
		HtmlNode   *bigger;

		/* the page is read up to the limit, and a tag's nodes past it */
		if (cap > GIAR_MAX_HTML_NODES + 64 && t->n < GIAR_MAX_HTML_NODES + 64)
			cap = GIAR_MAX_HTML_NODES + 64;
		bigger = giar_alloc_uninit(b->cx, sizeof(HtmlNode) * (size_t) cap);
		if (t->n > 0)
			memcpy(bigger, t->nodes, sizeof(HtmlNode) * (size_t) t->n);
		t->nodes = bigger;
		t->cap = cap;
	}
	nd = &t->nodes[t->n];
	nd->parent = HN_NONE;
	nd->first_child = HN_NONE;
	nd->next = HN_NONE;
	nd->line = 0;
	nd->text = NULL;
	nd->text_len = 0;
	nd->type = type;
	nd->kind = 0;
	nd->measure = 0;
	return t->n++;
}

/* Link a new node as the last child of the open element. */
static void
append_child(Builder *b, OpenElement *parent, int32_t child)
{
	HtmlNode   *nodes = b->tree->nodes;

	nodes[child].parent = parent->node;
	if (parent->last_child == HN_NONE)
		nodes[parent->node].first_child = child;
	else
		nodes[parent->last_child].next = child;
	parent->last_child = child;
}

/* htmlnamePush + xmlSAX2StartElement */
static bool
push_element(Builder *b, const NameInfo *ni, int line)
{
	int32_t		node;
	OpenElement *top;

	if (b->depth >= MAX_DEPTH)
		return false;
	if (ni == name_head && b->html_state < 3)
		b->html_state = 3;
	if (ni == name_body && b->html_state < 10)
		b->html_state = 10;
	node = new_node(b, HN_ELEMENT);
	b->tree->nodes[node].kind = ni->kind;
	b->tree->nodes[node].line = line;
	if (b->depth == 0 && b->tree->root == HN_NONE)
	{
		b->tree->root = node;
		b->tree->last_top = node;
	}
	else if (b->depth == 0)
	{
		/*
		 * Content after the root element closed: xmlSAX2StartElement puts
		 * the new element under the document's first child, so it is a
		 * child of the first root when that is the document's first node,
		 * else (after a doctype or comment) a node of the document's own.
		 */
		if (b->doc_first_is_root)
			append_child(b, &b->closed_root, node);
		else
		{
			b->tree->nodes[b->tree->last_top].next = node;
			b->tree->last_top = node;
		}
	}
	else
	{
		OpenElement *parent = &b->stack[b->depth - 1];

		append_child(b, parent, node);
		parent->last = (ni->flags & NI_PCDATA_LOCAL) ? LAST_PCDATA : LAST_ELEMENT;
		parent->last_noncomment = parent->last;
	}
	top = &b->stack[b->depth++];
	top->info = ni;
	top->node = node;
	top->last_child = HN_NONE;
	top->last = LAST_NONE;
	top->last_noncomment = LAST_NONE;
	return true;
}

/* xmlSAX2EndElement + htmlnamePop */
static void
pop_element(Builder *b)
{
	if (b->depth > 0 && --b->depth == 0 && !b->root_closed)
	{
		b->root_closed = true;
		b->closed_root = b->stack[0];
	}
}

static inline const NameInfo *
top_name(const Builder *b)
{
	return b->depth > 0 ? b->stack[b->depth - 1].info : NULL;
}

/* htmlAutoClose */
static void
auto_close(Builder *b, const NameInfo *new)
{
	while (b->depth > 0 && start_closes(new, top_name(b)))
		pop_element(b);
}

/* htmlCheckImplied */
static bool
check_implied(Builder *b, const NameInfo *new, int line)
{
	if (new == name_html)
		return true;
	if (b->depth == 0 && !push_element(b, name_html, line))
		return false;
	if (new == name_body || new == name_head)
		return true;
	if (b->depth <= 1 && (new->flags & NI_HEADISH))
	{
		if (b->html_state >= 3)
			return true;
		return push_element(b, name_head, line);
	}
	if (new->flags & NI_NO_BODY)
		return true;
	if (b->html_state >= 10)
		return true;
	for (int i = 0; i < b->depth; i++)
		if (b->stack[i].info == name_body || b->stack[i].info == name_head)
			return true;
	return push_element(b, name_body, line);
}

/* htmlCheckParagraph */
static bool
check_paragraph(Builder *b, int line)
{
	const NameInfo *top = top_name(b);

	if (top != NULL && !(top->flags & NI_NO_CONTENT))
		return true;
	if (top != NULL)
		auto_close(b, name_p);
	return check_implied(b, name_p, line) && push_element(b, name_p, line);
}

/* xmlSAX2Characters: coalesced with a text node that is the last child. */
static void
characters(Builder *b, const char *s, size_t n, int line)
{
	OpenElement *top;

	if (b->depth == 0 || n == 0)
		return;					/* no current node: libxml2 drops it */
	top = &b->stack[b->depth - 1];
	if (top->last == LAST_TEXT)
		b->tree->nodes[top->last_child].text_len += (uint32_t) n;
	else
	{
		int32_t		node = new_node(b, HN_TEXT);

		b->tree->nodes[node].text = b->tbuf + b->tlen;
		b->tree->nodes[node].text_len = (uint32_t) n;
		b->tree->nodes[node].line = line;
		append_child(b, top, node);
		top->last = LAST_TEXT;
		top->last_noncomment = LAST_TEXT;
	}
	/* the text node is the last one made: its bytes end the buffer */
	memcpy(b->tbuf + b->tlen, s, n);
	b->tlen += n;
}

/* areBlanks: is this whitespace-only chunk ignorable?  next: the byte after */
static bool
are_blanks(const Builder *b, const char *s, size_t n, char next)
{
	const OpenElement *top;

	for (size_t i = 0; i < n; i++)
		if (!is_blank(s[i]))
			return false;
	if (next == '\0')
		return true;
	if (next != '<')
		return false;
	if (b->depth == 0)
		return true;
	top = &b->stack[b->depth - 1];
	if (top->info->flags & NI_NO_CONTENT)
		return true;
	if (top->info == name_body && b->strict_dtd)
		return true;
	switch (top->last_noncomment)
	{
		case LAST_NONE:
			return !(top->info->flags & NI_PCDATA);
		case LAST_TEXT:
		case LAST_PCDATA:
			return false;
		default:
			return true;
	}
}

/* Deliver text with libxml2's paragraph check (text, entities). */
static bool
text_with_paragraph(Builder *b, const char *s, size_t n, const char *pos)
{
	int			line = line_at(b, pos);

	if (!check_paragraph(b, line))
		return false;
	characters(b, s, n, line);
	return true;
}

/*
 * htmlParseCharData over [p, q): chunks of TEXT_CHUNK bytes, each either
 * ignorable whitespace or text; the node's line is where the first chunk
 * is delivered.
 */
static bool
char_data(Builder *b, const char *p, const char *q)
{
	while (p < q)
	{
		const char *chunk_end;
		const char *at;			/* libxml2's position when it delivers */
		char		next;

		if (q - p > TEXT_CHUNK - 1)
		{
			/* the character holding byte TEXT_CHUNK - 1 completes the chunk */
			const char *c = p + TEXT_CHUNK - 1;

			while ((*c & 0xC0) == 0x80)
				c--;
			chunk_end = c + ((*c & 0x80) == 0 ? 1 : (*c & 0xE0) == 0xC0 ? 2 :
							 (*c & 0xF0) == 0xE0 ? 3 : 4);
			if (chunk_end > q)
				return false;
			at = c;
			next = *c;
		}
		else
		{
			chunk_end = q;
			at = q;
			next = q < b->end ? *q : '\0';
		}
		if (q - p > 65536)
			giar_tick_n(b->cx, (size_t) (chunk_end - p));	/* a long text */
		if (!are_blanks(b, p, (size_t) (chunk_end - p), next) &&
			!text_with_paragraph(b, p, (size_t) (chunk_end - p), at))
			return false;
		p = chunk_end;
	}
	return true;
}

static inline bool
is_xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
		(c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* htmlParseReference at p ('&'); returns where reading goes on, NULL: decline */
static const char *
reference(Builder *b, const char *p)
{
	const char *end = b->end;
	char		out[8];

	if (p + 1 < end && p[1] == '#')
	{
		/* htmlParseCharRef */
		uint32_t	val = 0;
		bool		hex = p + 2 < end && (p[2] == 'x' || p[2] == 'X');
		const char *c = p + (hex ? 3 : 2);

		for (; c < end && *c != ';'; c++)
		{
			int			d;

			if (is_digit(*c))
				d = *c - '0';
			else if (hex && *c >= 'a' && *c <= 'f')
				d = *c - 'a' + 10;
			else if (hex && *c >= 'A' && *c <= 'F')
				d = *c - 'A' + 10;
			else
				break;
			if (val < 0x110000)
				val = val * (hex ? 16 : 10) + (uint32_t) d;
		}
		if (c >= end)
			return NULL;		/* runs to the end of the page */
		if (*c == ';')
			c++;
		if (is_xml_char(val) &&
			!text_with_paragraph(b, out, giar_utf8_encode(val, out), c))
			return NULL;
		return c;
	}
	if (p + 1 < end && (is_letter(p[1]) || p[1] == '_' || p[1] == ':'))
	{
		/* htmlParseEntityRef with htmlParseName's ASCII path */
		const char *name = p + 1;
		const char *c = name + 1;
		const htmlEntityDesc *ent = NULL;
		char		buf[MAX_NAME + 1];
		size_t		n;
		int			line;

		while (c < end && (is_letter(*c) || is_digit(*c) || *c == '_' ||
						   *c == '-' || *c == ':' || *c == '.'))
			c++;
		n = (size_t) (c - name);
		if (c >= end || (unsigned char) *c >= 0x80 || n > MAX_NAME)
			return NULL;
		memcpy(buf, name, n);
		buf[n] = '\0';
		if (*c == ';')
		{
			ent = htmlEntityLookup((const xmlChar *) buf);
			if (ent != NULL)
				c++;
		}
		line = line_at(b, c);
		if (!check_paragraph(b, line))
			return NULL;
		if (ent != NULL && ent->value > 0)
			characters(b, out, giar_utf8_encode((uint32_t) ent->value, out), line);
		else
		{
			characters(b, "&", 1, line);
			characters(b, name, n, line);
		}
		return c;
	}
	if (p + 1 < end && (unsigned char) p[1] >= 0x80)
		return NULL;			/* a name of non-ASCII letters, maybe */
	/* no name: a lone '&' */
	if (!text_with_paragraph(b, "&", 1, p + 1))
		return NULL;
	return p + 1;
}

/* The characters of element names, lowercased (htmlParseHTMLName); 0: none */
static const char name_lower[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	[':'] = ':', ['-'] = '-', ['_'] = '_',
#define L(c) [(c)] = (c), [(c) - 32] = (c)
	L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'),
	L('j'), L('k'), L('l'), L('m'), L('n'), L('o'), L('p'), L('q'), L('r'),
	L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
};

/* A lowercase element name at p: [A-Za-z][A-Za-z0-9:_-]*; 0 if unusual. */
static size_t
read_name(const char *p, const char *end, char *out)
{
	size_t		n = 0;
	char		c;

	if (p >= end || !is_letter(*p))
		return 0;
	while (p < end && (c = name_lower[(unsigned char) *p]) != 0)
	{
		if (n == MAX_NAME)
			return 0;
		out[n++] = c;
		p++;
	}
	/* '.' is a name character to libxml2's reader but not its look-ahead */
	if (p < end && *p == '.')
		return 0;
	return n;
}

/* "<!-- … -->" at p; the byte after it, or NULL (the stripping rules) */
static const char *
comment_end(const char *p, const char *end)
{
	const char *close = giar_find(p + 4, (size_t) (end - p - 4), "-->", 3);

	if (close == NULL || close < p + 5 ||
		giar_find(p + 4, (size_t) (close + 3 - (p + 4)), "--!>", 4) != NULL)
		return NULL;
	return close + 3;
}

/* A comment in the open element (or before the root: dropped). */
static void
comment(Builder *b)
{
	if (b->depth > 0)
		b->stack[b->depth - 1].last = LAST_COMMENT; /* text after is a new node */
	else if (b->tree->root == HN_NONE)
		b->doc_first_is_root = false;
}

/*
 * "<?target data>" at p, libxml2's htmlParsePI: the target a name, the data
 * anything up to the first '>' (Word pages hold "<?xml:namespace prefix =
 * o ns = \"urn:…\" />").  The node is not rendered; to the open element it
 * is a last child that is no text.  Returns where reading goes on, NULL to
 * decline.
 */
static const char *
processing_instruction(Builder *b, const char *p)
{
	const char *end = b->end;
	const char *target = p + 2;
	const char *c = target;
	const char *gt;

	if (c >= end || !(is_letter(*c) || *c == '_' || *c == ':'))
		return NULL;			/* no target: libxml2 reads on as text */
	for (c++; c < end && (is_letter(*c) || is_digit(*c) || *c == '_' ||
						  *c == '-' || *c == ':' || *c == '.'); c++)
		;
	if (c >= end || (unsigned char) *c >= 0x80)
		return NULL;			/* a name htmlParseName reads otherwise */
	gt = memchr(c, '>', (size_t) (end - c));
	if (gt == NULL)
		return NULL;			/* never ends */
	if (b->depth > 0)
	{
		OpenElement *top = &b->stack[b->depth - 1];

		top->last = LAST_COMMENT;	/* text after is a new node */
		top->last_noncomment = in_list(allow_pcdata, target, (size_t) (c - target)) ?
			LAST_PCDATA : LAST_ELEMENT;
	}
	else if (b->tree->root == HN_NONE)
		b->doc_first_is_root = false;
	return gt + 1;
}

static bool
is_pubid_char(char c)
{
	return is_letter(c) || is_digit(c) || c == ' ' || c == '\r' ||
		c == '\n' || strchr("-'()+,./:=?;!*#@$_%", c) != NULL;
}

static bool
ascii_case_prefix(const char *p, const char *end, const char *word)
{
	size_t		n = strlen(word);

	return (size_t) (end - p) >= n && strncasecmp(p, word, n) == 0;
}

/*
 * "<!DOCTYPE name [PUBLIC "id" ["uri"] | SYSTEM "uri"]>" at p; notes a
 * strict HTML 4 doctype (areBlanks drops blanks in its body).
 */
static const char *
doctype(Builder *b, const char *p)
{
	const char *end = b->end;
	const char *c = skip_blanks(p + 9, end);

	if (c >= end || !is_letter(*c))
		return NULL;
	while (c < end && (is_letter(*c) || is_digit(*c)))
		c++;
	c = skip_blanks(c, end);
	if (ascii_case_prefix(c, end, "PUBLIC") || ascii_case_prefix(c, end, "SYSTEM"))
	{
		bool		public = (*c | 0x20) == 'p';
		int			literals = 0;

		c = skip_blanks(c + 6, end);
		while (c < end && (*c == '"' || *c == '\'') && literals < 2)
		{
			const char *close = memchr(c + 1, *c, (size_t) (end - c - 1));
			bool		pubid_ok = true;

			if (close == NULL)
				return NULL;
			for (const char *q = c + 1; q < close; q++)
			{
				if (*q == '<' || *q == '>')
					return NULL;
				pubid_ok &= is_pubid_char(*q);
			}
			if (public && literals == 0 && pubid_ok)
			{
				size_t		n = (size_t) (close - c - 1);

				b->strict_dtd =
					(n == 25 && strncasecmp(c + 1, "-//W3C//DTD HTML 4.01//EN", n) == 0) ||
					(n == 22 && strncasecmp(c + 1, "-//W3C//DTD HTML 4//EN", n) == 0);
			}
			literals++;
			c = skip_blanks(close + 1, end);
			if (!public)
				break;
		}
		if (literals == 0)
			return NULL;
	}
	if (c >= end || *c != '>')
		return NULL;
	return c + 1;
}

/*
 * Is there at q exactly the end tag "</name>" (blanks allowed before '>')?
 * libxml2 ends raw text at any "</name…" and then reads the end tag; a
 * longer name there would not close the element.
 */
static bool
exact_end_tag(const char *q, const char *end, const char *name, size_t n)
{
	const char *c;

	if ((size_t) (end - q) < n + 3 || q[1] != '/' || strncasecmp(q + 2, name, n) != 0)
		return false;
	c = skip_blanks(q + 2 + n, end);
	return c < end && *c == '>';
}

/* A start tag at p ('<' + letter); where reading goes on, NULL: decline */
static const char *
start_tag(Builder *b, const char *p)
{
	char		name[MAX_NAME + 1];
	size_t		n = read_name(p + 1, b->end, name);
	size_t		name_len;
	bool		self_closing;
	const char *after;
	const char *gt;
	const NameInfo *ni;

	if (n == 0)
		return NULL;
	after = giar_html_scan_start_tag(p, b->end, &name_len, &self_closing);
	if (after == NULL || name_len != n)
		return NULL;
	gt = after - (self_closing ? 2 : 1);
	ni = intern_name(b, name, n);
	if (ni == NULL)
		return NULL;
	auto_close(b, ni);
	if (!check_implied(b, ni, line_at(b, p + 1 + n)))
		return NULL;
	/* misplaced html, head or body tags are dropped by libxml2 */
	if ((ni == name_html && b->depth > 0) || (ni == name_head && b->depth != 1))
		return NULL;
	if (ni == name_body)
		for (int i = 0; i < b->depth; i++)
			if (b->stack[i].info == name_body)
				return NULL;
	if (!push_element(b, ni, line_at(b, gt)))
		return NULL;
	if (self_closing || (ni->flags & NI_EMPTY))
	{
		pop_element(b);
		return after;
	}
	if (ni->flags & NI_RAW)
	{
		/* script, style: raw text up to "</name" (htmlParseScript) */
		const char *q = after;

		if (q < b->end && *q == '<' && q + 1 < b->end &&
			(is_letter(q[1]) || q[1] == '_' || q[1] == ':' || q[1] == '/'))
		{
			/* at once a tag: libxml2 reads it as one; only the end tag here */
			return exact_end_tag(q, b->end, name, n) ? q : NULL;
		}
		for (;;)
		{
			q = memchr(q, '<', (size_t) (b->end - q));
			if (q == NULL)
				return b->end;	/* to the end of the page */
			if ((size_t) (b->end - q) >= n + 2 && q[1] == '/' &&
				strncasecmp(q + 2, name, n) == 0)
				return exact_end_tag(q, b->end, name, n) ? q : NULL;
			q++;
		}
	}
	return after;
}

/* An end tag at p ("</"); where reading goes on, NULL: decline */
static const char *
end_tag(Builder *b, const char *p)
{
	char		name[MAX_NAME + 1];
	size_t		n = read_name(p + 2, b->end, name);
	const char *c;
	const NameInfo *ni;
	int			i;

	if (n == 0)
		return NULL;
	c = skip_blanks(p + 2 + n, b->end);
	if (c >= b->end || *c != '>')
		return NULL;
	ni = intern_name(b, name, n);
	if (ni == NULL)
		return NULL;
	for (i = b->depth - 1; i >= 0; i--)
		if (b->stack[i].info == ni)
			break;
	if (i < 0)
		return c + 1;			/* not open: ignored */
	/* htmlAutoCloseOnClose: a misplaced end tag closes lower priorities only */
	for (int j = b->depth - 1; j > i; j--)
		if (b->stack[j].info->priority > ni->priority)
			return c + 1;
	while (b->depth > i)
		pop_element(b);
	return c + 1;
}

/*
 * Valid UTF-8 with no control characters but tab, newline, return?  Notes
 * where the newlines are, for line numbers.
 */
static bool
plain_utf8_part(Builder *b, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *) text;
	const unsigned char *end = s + len;

	while (s < end)
	{
		unsigned char c;

		/* markup is mostly ASCII: eight bytes at a time */
		while (end - s >= 8)
		{
			uint64_t	w;

			memcpy(&w, s, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			/* some byte below 0x20: each one is looked at */
			if ((w - UINT64_C(0x2020202020202020)) & ~w & UINT64_C(0x8080808080808080))
			{
				for (int k = 0; k < 8; k++)
				{
					if (s[k] == '\n')
						note_newline(b, (const char *) s + k);
					else if (s[k] < 0x20 && s[k] != '\t' && s[k] != '\r')
						return false;
				}
			}
			s += 8;
		}
		if (s >= end)
			break;
		c = *s;
		if (c < 0x80)
		{
			if (c == '\n')
				note_newline(b, (const char *) s);
			else if (c < 0x20 && c != '\t' && c != '\r')
				return false;
			s++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
		{
			if (end - s < 2 || (s[1] & 0xC0) != 0x80)
				return false;
			s += 2;
		}
		else if (c >= 0xE0 && c <= 0xEF)
		{
			if (end - s < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
				(c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0) ||
				(c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE))
				return false;	/* overlong, surrogate, U+FFFE/FFFF */
			s += 3;
		}
		else if (c >= 0xF0 && c <= 0xF4)
		{
			if (end - s < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
				(s[3] & 0xC0) != 0x80 || (c == 0xF0 && s[1] < 0x90) ||
				(c == 0xF4 && s[1] >= 0x90))
				return false;
			s += 4;
		}
		else
			return false;
	}
	return true;
}

/*
 * plain_utf8 of the page, 64 kB at a time (cut before a character) between
 * interrupt checks; a page with more lines than libxml2 numbers is
 * declined as soon as they are seen.
 */
static bool
plain_utf8(Builder *b, const char *text, size_t len)
{
	size_t		from = 0;

	while (from < len)
	{
		size_t		to = len - from > 65536 ? from + 65536 : len;

		/* back to the character's first byte (ill-formed text: declined) */
		for (int k = 0; k < 3 && to < len && ((unsigned char) text[to] & 0xC0) == 0x80; k++)
			to--;
		if (!plain_utf8_part(b, text + from, to - from) ||
			b->nnewlines >= MAX_LINES)
			return false;
		giar_tick_n(b->cx, to - from);
		from = to;
	}
	return true;
}

bool
giar_html_build_tree(GiarContext *cx, const char *text, size_t len,
					 HtmlTree *tree)
{
	Builder    *b;
	const char *p = text;
	const char *end = text + len;

	if (!tree_ready)
		giar_html_tree_prepare();
	if (!tree_usable || len == 0 || len > (size_t) 0x7FFFFFFF)
		return false;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		return false;

	b = giar_alloc(cx, sizeof(Builder));
	b->cx = cx;
	b->text = text;
	b->end = end;
	b->tree = tree;
	b->html_state = 1;
	b->doc_first_is_root = true;
	b->newlines_cap = (int) (len / 32 + 64);
	b->newlines = giar_alloc_uninit(cx, sizeof(int32_t) * (size_t) b->newlines_cap);
	if (!plain_utf8(b, text, len) || b->nnewlines >= MAX_LINES)
		return false;
	b->tbuf = giar_alloc_uninit(cx, len + 1);
	memset(tree, 0, sizeof(*tree));
	tree->root = HN_NONE;
	tree->last_top = HN_NONE;
	/* report pages hold a node per 40-odd bytes: few regrowths */
	tree->cap = (int) (len / 24 < GIAR_MAX_HTML_NODES ? len / 24 + 64 :
					   GIAR_MAX_HTML_NODES + 64);
	tree->nodes = giar_alloc_uninit(cx, sizeof(HtmlNode) * (size_t) tree->cap);

	/* htmlParseDocument: blanks, comments, a doctype, comments */
	for (int pass = 0; pass < 2; pass++)
	{
		for (;;)
		{
			p = skip_blanks(p, end);
			if (ascii_case_prefix(p, end, "<!--"))
			{
				if ((p = comment_end(p, end)) == NULL)
					return false;
				comment(b);
				continue;
			}
			if (ascii_case_prefix(p, end, "<?"))
			{
				if ((p = processing_instruction(b, p)) == NULL)
					return false;
				continue;
			}
			break;
		}
		if (pass == 0 && ascii_case_prefix(p, end, "<!DOCTYPE"))
		{
			if ((p = doctype(b, p)) == NULL)
				return false;
			b->doc_first_is_root = false;	/* the doctype node is first */
		}
	}

	/* htmlParseContentInternal, up to the nodes a tree may have */
	while (p < end && tree->n < GIAR_MAX_HTML_NODES)
	{
		giar_tick(cx);
		if (*p == '<')
		{
			char		c = p + 1 < end ? p[1] : '\0';

			if (c == '/')
				p = end_tag(b, p);
			else if (is_letter(c))
				p = start_tag(b, p);
			else if (c == '!' && ascii_case_prefix(p, end, "<!--"))
			{
				p = comment_end(p, end);
				comment(b);
			}
			else if (c == '?')
				p = processing_instruction(b, p);
			else if (c == '_' || c == ':' || c == '\0' ||
					 ascii_case_prefix(p, end, "<!DOCTYPE"))
				return false;
			else
			{
				/*
				 * A '<' in text, or "<!" of no comment ("<![if …]>" of Word
				 * pages): characters without the paragraph check
				 */
				characters(b, "<", 1, line_at(b, p));
				p++;
			}
		}
		else if (*p == '&')
			p = reference(b, p);
		else
		{
			/* text runs to the next '<' or '&' */
			const char *lt = memchr(p, '<', (size_t) (end - p));
			const char *amp = memchr(p, '&', (size_t) ((lt ? lt : end) - p));
			const char *q = amp ? amp : lt ? lt : end;

			giar_tick_n(cx, (size_t) (q - p));
			if (!char_data(b, p, q))
				return false;
			p = q;
		}
		if (p == NULL)
			return false;
	}
	/* htmlAutoCloseOnEnd */
	b->depth = 0;
	return true;
}
