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

char *
giar_strndup(GiarContext *cx, const char *s, size_t len)
{
	char	   *copy = giar_alloc(cx, len + 1);

	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/*
 * Grow an array to hold at least used + 1 elements.  Memory is never freed
 * individually (it lives as long as the parse), so doubling keeps the waste
 * bounded by the final size.
 */
void *
giar_grow(GiarContext *cx, void *ptr, size_t elem, int *cap, int used)
{
	void	   *bigger;
	int			newcap;

	if (used < *cap)
		return ptr;
	newcap = *cap < 16 ? 16 : *cap * 2;
	bigger = giar_alloc(cx, elem * (size_t) newcap);
	if (ptr && used > 0)
		memcpy(bigger, ptr, elem * (size_t) used);
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
 * Diagnostic codes and their severities.  The code is the stable part that
 * users filter on; the message carries the details.
 */
typedef struct DiagCode
{
	const char *code;
	GiarSeverity severity;
} DiagCode;

static const DiagCode diag_codes[] = {
	{"EMPTY_INPUT", GIAR_SEVERITY_ERROR},
	{"INPUT_TOO_LARGE", GIAR_SEVERITY_ERROR},
	{"NOT_A_REPORT", GIAR_SEVERITY_ERROR},
	{"LOOK_ALIKE", GIAR_SEVERITY_ERROR},
	{"TABLE_MISSING", GIAR_SEVERITY_ERROR},
	{"TABLE_NOT_MACHINE_READABLE", GIAR_SEVERITY_ERROR},
	{"ROW_CELL_COUNT", GIAR_SEVERITY_ERROR},
	{"TABLE_CELL_COUNT", GIAR_SEVERITY_ERROR},
	{"TABLE_MISALIGNED", GIAR_SEVERITY_ERROR},
	{"CELL_NOT_NUMBER", GIAR_SEVERITY_ERROR},
	{"CELL_UNDETERMINABLE", GIAR_SEVERITY_ERROR},
	{"INVALID_UTF8", GIAR_SEVERITY_WARNING},
	{"PART_MISSING", GIAR_SEVERITY_WARNING},
	{"ROW_MISSING", GIAR_SEVERITY_WARNING},
	{"YEAR_MISSING", GIAR_SEVERITY_WARNING},
	{"YEAR_CONFLICT", GIAR_SEVERITY_WARNING},
	{"FORMAT_MIXED", GIAR_SEVERITY_WARNING},
	{"TABLE_OUTSIDE_PART", GIAR_SEVERITY_WARNING},
	{"NARRATIVE_CONFLICT", GIAR_SEVERITY_WARNING},
	{"TABLE_IMAGE", GIAR_SEVERITY_INFO},
	{"HTML_INPUT", GIAR_SEVERITY_INFO},
	{"TRADITIONAL_SCRIPT", GIAR_SEVERITY_INFO},
	{"PINYIN_REMOVED", GIAR_SEVERITY_INFO},
	{"T3_HEADER_MISSING", GIAR_SEVERITY_INFO},
	{"T3_POSITIONAL", GIAR_SEVERITY_INFO},
	{"T3_SINGLE_OTHER_ROW", GIAR_SEVERITY_INFO},
	{"UNIT_CONVERTED", GIAR_SEVERITY_INFO},
	{"PAGE_FOOTER_REMOVED", GIAR_SEVERITY_INFO},
};

static GiarSeverity
severity_of(const char *code)
{
	for (size_t i = 0; i < sizeof(diag_codes) / sizeof(diag_codes[0]); i++)
		if (strcmp(diag_codes[i].code, code) == 0)
			return diag_codes[i].severity;
	return GIAR_SEVERITY_WARNING;
}

/* At most this many diagnostics per report; a last one says more were cut. */
#define MAX_DIAGNOSTICS 200

void
giar_diag(GiarContext *cx, const char *code, int line, const char *fmt,...)
{
	GiarReport *r = cx->report;
	GiarDiagnostic *d;
	char		buf[1024];
	va_list		ap;

	if (r->ndiagnostics > MAX_DIAGNOSTICS)
		return;
	r->diagnostics = giar_grow(cx, r->diagnostics, sizeof(GiarDiagnostic),
							   &r->diagnostics_cap, r->ndiagnostics);
	d = &r->diagnostics[r->ndiagnostics++];
	if (r->ndiagnostics > MAX_DIAGNOSTICS)
	{
		d->code = "DIAGNOSTICS_TRUNCATED";
		d->severity = GIAR_SEVERITY_INFO;
		d->message = giar_strndup(cx, "further diagnostics omitted", 27);
		d->line = 0;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	d->code = code;
	d->severity = severity_of(code);
	d->message = giar_strndup(cx, buf, strlen(buf));
	d->line = line;
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

bool
giar_format_from_name(const char *name, GiarFormat *format)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(format_names[i], name) == 0)
		{
			*format = (GiarFormat) i;
			return true;
		}
	return false;
}

const char *
giar_table_status_name(GiarTableStatus status)
{
	return status_names[status];
}

bool
giar_table_status_from_name(const char *name, GiarTableStatus *status)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(status_names[i], name) == 0)
		{
			*status = (GiarTableStatus) i;
			return true;
		}
	return false;
}

const char *
giar_severity_name(GiarSeverity severity)
{
	return severity_names[severity];
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
	for (int i = 0; i < n.scale; i++)
		unit *= 10;
	snprintf(buf, size, "%s%llu.%0*llu", sign,
			 (unsigned long long) (mag / unit), (int) n.scale,
			 (unsigned long long) (mag % unit));
}
