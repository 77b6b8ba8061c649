/*
 * context.c
 *		Allocation, cleanup registration and diagnostics of one parse.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "giar.h"

void
giar_context_init(GiarContext *cx, const GiarEnv *env, GiarReport *report)
{
	memset(cx, 0, sizeof(*cx));
	cx->env = env;
	cx->report = report;
	memset(report, 0, sizeof(*report));
}

void *
giar_alloc(GiarContext *cx, size_t size)
{
	return cx->env->alloc(cx->env->alloc_ctx, size ? size : 1);
}

void *
giar_alloc_uninit(GiarContext *cx, size_t size)
{
	if (cx->env->alloc_uninit == NULL)
		return giar_alloc(cx, size);
	return cx->env->alloc_uninit(cx->env->alloc_ctx, size ? size : 1);
}

/* The check giar_tick_n asks for once enough work is counted. */
void
giar_check_interrupts(GiarContext *cx)
{
	cx->ticks_left = GIAR_TICKS_PER_CHECK;
	if (cx->env->check_interrupts)
		cx->env->check_interrupts();
}

char *
giar_strndup(GiarContext *cx, const char *s, size_t len)
{
	char	   *copy = giar_alloc_uninit(cx, len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/*
 * Grow an array to hold at least used + 1 elements (giar_grow and
 * giar_grow_uninit in giar.h call this when it is full).  Memory is never
 * freed individually (it lives as long as the parse), so doubling keeps the
 * waste bounded by the final size.
 */
void *
giar_grow_array(GiarContext *cx, void *ptr, size_t elem, int *cap, int used,
				bool zero_tail)
{
	char	   *bigger;
	int			newcap;

	if (used < *cap)
		return ptr;
	newcap = *cap < 16 ? 16 : *cap * 2;
	bigger = giar_alloc_uninit(cx, elem * (size_t) newcap);
	if (ptr && used > 0)
		memcpy(bigger, ptr, elem * (size_t) used);
	else
		used = 0;
	if (zero_tail)
		memset(bigger + elem * (size_t) used, 0, elem * (size_t) (newcap - used));
	*cap = newcap;
	return bigger;
}

void
giar_on_cleanup(GiarContext *cx, void (*fn) (void *), void *arg)
{
	GiarCleanup *c = giar_alloc(cx, sizeof(GiarCleanup));

	c->fn = fn;
	c->arg = arg;
	c->next = cx->cleanups;
	cx->cleanups = c;
}

/* Run and unregister one cleanup early (when its resource is done with). */
void
giar_cleanup_now(GiarContext *cx, void (*fn) (void *), void *arg)
{
	for (GiarCleanup **link = &cx->cleanups; *link; link = &(*link)->next)
	{
		GiarCleanup *c = *link;

		if (c->fn == fn && c->arg == arg)
		{
			*link = c->next;
			fn(arg);
			return;
		}
	}
}

void
giar_run_cleanups(GiarContext *cx)
{
	while (cx->cleanups)
	{
		GiarCleanup *c = cx->cleanups;

		/* unlink first: a cleanup must run once even if it is re-entered */
		cx->cleanups = c->next;
		c->fn(c->arg);
	}
}

/*
 * Diagnostic codes, their severities and what they mean.  The code is the
 * stable part that users filter on; the message carries the details.
 * Errors mean cells the report should state are absent; warnings mean the
 * report departs from the format; info records how the text was read.
 * Codes marked true are said while fitting a table to the format: a report
 * from before the formats keeps none of them (drop_table_diagnostics).
 */
const GiarDiagCode giar_diag_codes[] = {
	{"EMPTY_INPUT", GIAR_SEVERITY_ERROR,
	"The text is empty or too short to be a report.", false},
	{"INPUT_TOO_LARGE", GIAR_SEVERITY_ERROR,
	"The text exceeds the size limit and was not parsed.", false},
	{"NOT_A_REPORT", GIAR_SEVERITY_ERROR,
	"The text is not a government information disclosure annual report (or is a look-alike such as a 行政执法 data publication); nothing is claimed from it.", false},
	{"TABLE_MISSING", GIAR_SEVERITY_ERROR,
	"A table of the format is not in the text at all (no heading, no rows).", false},
	{"TABLE_NOT_MACHINE_READABLE", GIAR_SEVERITY_ERROR,
	"A table's heading stands but no cell can be read (published as an image or attachment, or dropped by the crawler).", false},
	{"ROW_CELL_COUNT", GIAR_SEVERITY_ERROR,
	"A table row has more or fewer cells than the format, or its label and values do not line up; the row is left absent.", true},
	{"TABLE_CELL_COUNT", GIAR_SEVERITY_ERROR,
	"Table 4 does not have the format's fifteen cells; the table is left absent.", true},
	{"TABLE_MISALIGNED", GIAR_SEVERITY_ERROR,
	"A table's columns could not be read in order; the table is left absent.", true},
	{"CELL_NOT_NUMBER", GIAR_SEVERITY_ERROR,
	"A cell holds something that is not a value of its kind (run-together digits, a decimal count, an amount in a count cell); the cell is left absent.", true},
	{"CELL_UNDETERMINABLE", GIAR_SEVERITY_ERROR,
	"The text allows more than one reading of some cells; they are left absent and the message lists the candidates.", true},
	{"CELLS_SPLIT", GIAR_SEVERITY_INFO,
	"Digits printed without cell boundaries were cut into cells; the cut is the only one the format's identities (row totals, column sums, table 4 totals) allow.", true},
	{"TEXT_INJECTED", GIAR_SEVERITY_WARNING,
	"The text holds words that never belong to a report (gambling spam injected by a hijacked mirror, mojibake such as 锟斤拷); they were ignored.", false},
	{"INVALID_UTF8", GIAR_SEVERITY_WARNING,
	"Ill-formed UTF-8 was replaced by U+FFFD.", false},
	{"PART_MISSING", GIAR_SEVERITY_WARNING,
	"One of the six parts (一 … 六) has no heading.", false},
	{"ROW_MISSING", GIAR_SEVERITY_WARNING,
	"A row of a table was not found; its cells are absent.", true},
	{"YEAR_MISSING", GIAR_SEVERITY_WARNING,
	"No statistics year could be read (no title year, no 统计期限).", false},
	{"YEAR_CONFLICT", GIAR_SEVERITY_WARNING,
	"The title year and the statistics period disagree; the message says which was taken.", false},
	{"YEAR_RANGE", GIAR_SEVERITY_WARNING,
	"The report covers more than one year (\"2023—2024年\"); no statistics year is set.", false},
	{"FORMAT_MIXED", GIAR_SEVERITY_WARNING,
	"Tables follow different formats (a 2021 table 2 with a 2019 table 3).", false},
	{"TABLE_OUTSIDE_PART", GIAR_SEVERITY_WARNING,
	"A table was found by its own labels where its part has no heading.", false},
	{"NARRATIVE_CONFLICT", GIAR_SEVERITY_WARNING,
	"The prose gives different figures for the same quantity; the figure is left absent.", false},
	{"TABLE_IMAGE", GIAR_SEVERITY_INFO,
	"An image stands where a table should be.", false},
	{"HTML_INPUT", GIAR_SEVERITY_INFO,
	"The text was read as HTML.", false},
	{"TRADITIONAL_SCRIPT", GIAR_SEVERITY_INFO,
	"Traditional characters were converted to simplified ones (and Taiwan phrasings of labels undone).", false},
	{"PINYIN_REMOVED", GIAR_SEVERITY_INFO,
	"Pinyin annotations after characters were removed.", false},
	{"TABLE_FOUND", GIAR_SEVERITY_INFO,
	"Where a table was found (its line, and character in a long line) and how its cells stood (between bars, HTML cells, spaces), with the number of cells stated.", true},
	{"T3_HEADER_MISSING", GIAR_SEVERITY_INFO,
	"Table 3 has no applicant column header; columns were read in the format's order.", true},
	{"T3_COLUMN_ORDER", GIAR_SEVERITY_INFO,
	"Table 3's header prints its applicant columns in another order (总计 first); the values were read in the header's order.", true},
	{"T4_GROUP_ORDER", GIAR_SEVERITY_INFO,
	"Table 4's header prints its groups in another order (行政诉讼 first); the values were read in the header's order.", true},
	{"T3_POSITIONAL", GIAR_SEVERITY_INFO,
	"Table 3's numbers were placed by the format's identities, not by its labels (labels unreadable, or PDF text in drawing order: bands of rows read across or down their columns); cells the possible readings disagree on are left absent.", true},
	{"T3_SINGLE_OTHER_ROW", GIAR_SEVERITY_INFO,
	"Table 3 prints （六）其他处理 as one row (2019 format).", true},
	{"VALUES_BEFORE_LABEL", GIAR_SEVERITY_INFO,
	"A table 2 row's value stood before its label, after the column header (PDF text in drawing order); it was read as the row's.", true},
	{"ROW_EXTRA", GIAR_SEVERITY_INFO,
	"A table row that is not in the format (a provincial addition, say) was skipped.", true},
	{"UNIT_CONVERTED", GIAR_SEVERITY_INFO,
	"A cell printed with a unit (元, 万元) was converted or stored as written.", true},
	{"FOOTNOTE_MARK", GIAR_SEVERITY_INFO,
	"A number was printed with a footnote mark after it (a superscript or subscript such as 1582¹, or <sup>1</sup>); the mark was left out of the number.", true},
	{"LEGACY_TABLES", GIAR_SEVERITY_INFO,
	"A report from before the national formats: its tables are not read into the formats' keys.", false},
	{"DIAGNOSTICS_TRUNCATED", GIAR_SEVERITY_INFO,
	"More diagnostics than the report keeps; the rest were dropped.", false},
};

const int	giar_ndiag_codes = sizeof(giar_diag_codes) / sizeof(giar_diag_codes[0]);

/*
 * The catalogue's entry for a code.  Codes are string constants, which the
 * linker mostly merges with the catalogue's own: compare addresses first.
 */
static const GiarDiagCode *
catalogue_entry(const char *code)
{
	for (int i = 0; i < giar_ndiag_codes; i++)
		if (giar_diag_codes[i].code == code)
			return &giar_diag_codes[i];
	for (int i = 0; i < giar_ndiag_codes; i++)
		if (strcmp(giar_diag_codes[i].code, code) == 0)
			return &giar_diag_codes[i];
	return NULL;
}


/*
 * Where a diagnostic points inside a long line (a crawler's one-line page,
 * a line that lost its breaks): " (character 1523 of line 7)" after the
 * message, and the column kept with it.
 */
static void diag_v(GiarContext *cx, const char *code, int line, int column,
				   const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void
diag_v(GiarContext *cx, const char *code, int line, int column, const char *fmt,
	   va_list ap)
{
	GiarReport *r = cx->report;
	GiarDiagnostic *d;
	const GiarDiagCode *entry;
	char		buf[1024];
	int			n;

	if (r->ndiagnostics > GIAR_MAX_DIAGNOSTICS)
		return;
	r->diagnostics = giar_grow(cx, r->diagnostics, sizeof(GiarDiagnostic),
							   &r->diagnostics_cap, r->ndiagnostics);
	d = &r->diagnostics[r->ndiagnostics++];
	d->column = 0;
	if (r->ndiagnostics > GIAR_MAX_DIAGNOSTICS)
	{
		entry = catalogue_entry("DIAGNOSTICS_TRUNCATED");
		d->code = entry->code;
		d->catalogue_index = (int) (entry - giar_diag_codes);
		d->severity = GIAR_SEVERITY_INFO;
		d->message = giar_strndup(cx, "further diagnostics omitted", 27);
		d->line = 0;
		return;
	}
	entry = catalogue_entry(code);
	d->code = code;
	/* the PostgreSQL adapter keeps the codes' texts by this index */
	d->catalogue_index = entry ? (int) (entry - giar_diag_codes) : -1;
	/* codes are compile-time constants from the catalogue */
	d->severity = entry ? entry->severity : GIAR_SEVERITY_ERROR;
	d->line = line;
	d->column = column > 0 && line > 0 ? column : 0;
	if (d->column == 0 && strchr(fmt, '%') == NULL)
	{
		/* a message without arguments: nothing to format */
		d->message = giar_strndup(cx, fmt, strlen(fmt));
		return;
	}
	if (d->column == 0 && strcmp(fmt, "%s") == 0)
	{
		/* a message written out: copied, not formatted */
		const char *message = va_arg(ap, const char *);	/* NOLINT(clang-analyzer-valist.Uninitialized): the callers va_start it */

		d->message = giar_strndup(cx, message, strlen(message));
		return;
	}
	n = vsnprintf(buf, sizeof(buf), fmt, ap);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
	if (d->column > 0 && n >= 0 && (size_t) n < sizeof(buf) - 48)
		n += snprintf(buf + n, sizeof(buf) - (size_t) n, " (character %d of line %d)",
					  d->column, line);
	d->message = giar_strndup(cx, buf, giar_message_finish(buf, sizeof(buf), n));
}

void
giar_diag(GiarContext *cx, const char *code, int line, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	diag_v(cx, code, line, 0, fmt, ap);
	va_end(ap);
}

void
giar_diag_at(GiarContext *cx, const char *code, int line, int column,
			 const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	diag_v(cx, code, line, column, fmt, ap);
	va_end(ap);
}

/* Is b a UTF-8 continuation byte (not the start of a character)? */
static inline bool
utf8_continuation(unsigned char b)
{
	return (b & 0xC0) == 0x80;
}

/*
 * The last character boundary at or before offset at of the UTF-8 text s
 * (s[at] readable): back over the continuation bytes of the character s[at]
 * is in, at most three (more is no character: cut where asked).
 */
static size_t
utf8_boundary_before(const char *s, size_t at)
{
	size_t		b = at;

	while (b > 0 && at - b < 3 && utf8_continuation((unsigned char) s[b]))
		b--;
	return utf8_continuation((unsigned char) s[b]) ? at : b;
}

int
giar_utf8_prefix_len(const char *s, int len, int max)
{
	if (len <= max)
		return len;
	if (max <= 0)
		return 0;
	return (int) utf8_boundary_before(s, (size_t) max);
}

size_t
giar_utf8_truncate(char *s, size_t len, size_t max)
{
	static const char ellipsis[] = "…";
	size_t		cut;

	if (len <= max)
		return len;
	cut = utf8_boundary_before(s, max - (sizeof(ellipsis) - 1));
	memcpy(s + cut, ellipsis, sizeof(ellipsis));
	return cut + sizeof(ellipsis) - 1;
}

size_t
giar_message_finish(char *buf, size_t size, int n)
{
	size_t		len;

	if (n < 0)
	{
		/* an encoding error of vsnprintf: no message rather than a wrong one */
		buf[0] = '\0';
		return 0;
	}
	len = giar_utf8_truncate(buf, (size_t) n, size - 1);
	/* a message is one line of text, whatever a quotation in it held */
	for (size_t i = 0; i < len; i++)
		if ((unsigned char) buf[i] < 0x20 || buf[i] == 0x7F)
			buf[i] = ' ';
	return len;
}

int
giar_report_error_count(const GiarReport *report)
{
	int			n = 0;

	for (int i = 0; i < report->ndiagnostics; i++)
		if (report->diagnostics[i].severity == GIAR_SEVERITY_ERROR)
			n++;
	return n;
}

static const char *const format_names[] = {"unknown", "2021", "2019", "legacy"};
static const char *const status_names[] = {
	"missing", "not_machine_readable", "partial", "parsed"
};
static const char *const severity_names[] = {"info", "warning", "error"};

const char *
giar_format_name(GiarFormat format)
{
	return format_names[format];
}

/* Index of name in names[n], or -1. */
static int
name_index(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

bool
giar_format_from_name(const char *name, GiarFormat *format)
{
	int			i = name_index(format_names, 4, name);

	if (i >= 0)
		*format = (GiarFormat) i;
	return i >= 0;
}

const char *
giar_table_status_name(GiarTableStatus status)
{
	return status_names[status];
}

bool
giar_table_status_from_name(const char *name, GiarTableStatus *status)
{
	int			i = name_index(status_names, 4, name);

	if (i >= 0)
		*status = (GiarTableStatus) i;
	return i >= 0;
}

const char *
giar_severity_name(GiarSeverity severity)
{
	return severity_names[severity];
}

bool
giar_number_align(GiarNumber *a, GiarNumber *b)
{
	while (a->scale < b->scale)
	{
		if (__builtin_mul_overflow(a->digits, 10, &a->digits))
			return false;
		a->scale++;
	}
	while (b->scale < a->scale)
	{
		if (__builtin_mul_overflow(b->digits, 10, &b->digits))
			return false;
		b->scale++;
	}
	return true;
}

bool
giar_number_compare(GiarNumber a, GiarNumber b, int *order)
{
	if (!giar_number_align(&a, &b))
		return false;
	*order = (a.digits > b.digits) - (a.digits < b.digits);
	return true;
}

void
giar_number_format(GiarNumber n, char *buf, size_t size)
{
	uint64_t	mag;
	uint64_t	unit = 1;
	const char *sign = "";

	if (n.digits < 0)
	{
		sign = "-";
		mag = (uint64_t) 0 - (uint64_t) n.digits;
	}
	else
		mag = (uint64_t) n.digits;
	if (n.scale == 0)
	{
		snprintf(buf, size, "%s%llu", sign, (unsigned long long) mag);
		return;
	}
	if (n.scale > 18)
		n.scale = 18;			/* beyond int64's digits: no such number */
	for (int i = 0; i < n.scale; i++)
		unit *= 10;
	snprintf(buf, size, "%s%llu.%0*llu", sign,
			 (unsigned long long) (mag / unit), (int) n.scale,
			 (unsigned long long) (mag % unit));
}
