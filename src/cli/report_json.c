/*
 * report_json.c
 *		A parsed report as the flat JSON object giar.report_to_jsonb writes,
 *		without a database: the same keys and values (nulls left out), keys
 *		in jsonb's order (shorter first, then bytewise), so that a line of
 *		`giar parse --format jsonl` and the function's output are the same
 *		JSON value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_json.h"

typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
} Buf;

static void
buf_grow(Buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	while (b->len + more + 1 > b->cap)
		b->cap = b->cap ? 2 * b->cap : 1024;
	b->data = realloc(b->data, b->cap);
	if (b->data == NULL)
	{
		fprintf(stderr, "giar: out of memory\n");
		exit(2);
	}
}

static void
buf_add(Buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void
buf_str(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_printf(Buf *b, const char *fmt, long long v)
{
	char		tmp[32];

	snprintf(tmp, sizeof(tmp), fmt, v);
	buf_str(b, tmp);
}

/* A JSON string as PostgreSQL's escape_json writes it. */
static void
buf_json_string(Buf *b, const char *s)
{
	buf_add(b, "\"", 1);
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
	{
		char		esc[8];

		switch (*p)
		{
			case '"':
				buf_add(b, "\\\"", 2);
				break;
			case '\\':
				buf_add(b, "\\\\", 2);
				break;
			case '\b':
				buf_add(b, "\\b", 2);
				break;
			case '\f':
				buf_add(b, "\\f", 2);
				break;
			case '\n':
				buf_add(b, "\\n", 2);
				break;
			case '\r':
				buf_add(b, "\\r", 2);
				break;
			case '\t':
				buf_add(b, "\\t", 2);
				break;
			default:
				if (*p < 0x20)
				{
					snprintf(esc, sizeof(esc), "\\u%04x", *p);
					buf_str(b, esc);
				}
				else
					buf_add(b, (const char *) p, 1);
		}
	}
	buf_add(b, "\"", 1);
}

static void
buf_number(Buf *b, GiarNumber n)
{
	char		tmp[48];

	giar_number_format(n, tmp, sizeof(tmp));
	buf_str(b, tmp);
}

/* ------------------------------------------------------------------ */
/* Members of an object, sorted as jsonb sorts its keys                */
/* ------------------------------------------------------------------ */

typedef struct Member
{
	char	   *key;
	char	   *value;			/* JSON text */
} Member;

typedef struct Members
{
	Member	   *m;
	int			n;
	int			cap;
} Members;

static void
add_member(Members *ms, const char *key, const Buf *value)
{
	if (ms->n == ms->cap)
	{
		ms->cap = ms->cap ? 2 * ms->cap : 64;
		ms->m = realloc(ms->m, sizeof(Member) * (size_t) ms->cap);
		if (ms->m == NULL)
		{
			fprintf(stderr, "giar: out of memory\n");
			exit(2);
		}
	}
	ms->m[ms->n].key = strdup(key);
	ms->m[ms->n].value = strdup(value->data ? value->data : "null");
	ms->n++;
}

static void
add_string(Members *ms, const char *key, const char *s)
{
	Buf			v = {0};

	if (s == NULL)
		return;
	buf_json_string(&v, s);
	add_member(ms, key, &v);
	free(v.data);
}

static void
add_int(Members *ms, const char *key, long long value)
{
	Buf			v = {0};

	buf_printf(&v, "%lld", value);
	add_member(ms, key, &v);
	free(v.data);
}

static void
add_number(Members *ms, const char *key, GiarNumber n)
{
	Buf			v = {0};

	if (!n.present)
		return;
	buf_number(&v, n);
	add_member(ms, key, &v);
	free(v.data);
}

static int
compare_members(const void *a, const void *b)
{
	const Member *x = a;
	const Member *y = b;
	size_t		lx = strlen(x->key);
	size_t		ly = strlen(y->key);

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return memcmp(x->key, y->key, lx);
}

/* The object, keys sorted, as jsonb's text output writes it. */
static void
write_object(Buf *out, Members *ms)
{
	qsort(ms->m, (size_t) ms->n, sizeof(Member), compare_members);
	buf_add(out, "{", 1);
	for (int i = 0; i < ms->n; i++)
	{
		if (i > 0)
			buf_add(out, ", ", 2);
		buf_json_string(out, ms->m[i].key);
		buf_add(out, ": ", 2);
		buf_str(out, ms->m[i].value);
		free(ms->m[i].key);
		free(ms->m[i].value);
	}
	buf_add(out, "}", 1);
	free(ms->m);
	memset(ms, 0, sizeof(*ms));
}

/* ------------------------------------------------------------------ */
/* The report                                                          */
/* ------------------------------------------------------------------ */

static const char *const outcome_names[GIAR_PROSE_NOUTCOMES] = {
	"disclosed", "partially_disclosed", "withheld", "unavailable",
	"not_processed", "other_handling"
};

static bool
add_cell(void *arg, const GiarDictEntry *entry, GiarNumber value)
{
	/* derived subtotals are left out, as report_to_jsonb leaves them */
	if (entry->derived_first < 0)
		add_number(arg, entry->key, value);
	return true;
}

char *
giar_report_json(const GiarReport *r)
{
	Members		ms = {0};
	Buf			out = {0};
	Buf			v = {0};
	char		key[96];
	char		libraries[160];

	add_string(&ms, "meta.format", giar_format_name(r->format));
	if (r->title_year > 0)
		add_int(&ms, "meta.title_year", r->title_year);
	if (r->period_year > 0)
		add_int(&ms, "meta.period_year", r->period_year);
	add_string(&ms, "meta.agency", r->agency);
	if (r->published.year > 0)
	{
		char		date[40];

		snprintf(date, sizeof(date), "%04d-%02d-%02d", r->published.year,
				 r->published.month, r->published.day);
		add_string(&ms, "meta.published", date);
	}
	add_string(&ms, "meta.index_number", r->index_number);
	buf_add(&v, "[", 1);
	for (int k = 1, first = 1; k <= GIAR_NPARTS; k++)
		if (r->parts_present & (1u << k))
		{
			buf_str(&v, first ? "" : ", ");
			buf_printf(&v, "%lld", k);
			first = 0;
		}
	buf_add(&v, "]", 1);
	add_member(&ms, "meta.parts_present", &v);
	v.len = 0;
	add_string(&ms, "meta.parser_version", GIAR_PARSER_VERSION);
	giar_library_versions(libraries, sizeof(libraries));
	add_string(&ms, "meta.libraries", libraries);
	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		snprintf(key, sizeof(key), "status.t%d", t + 2);
		add_string(&ms, key, giar_table_status_name(r->table_status[t]));
	}
	for (int t = 0; t < 2; t++)
		if (r->table_format[t] != GIAR_FORMAT_UNKNOWN)
		{
			snprintf(key, sizeof(key), "format.t%d", t + 2);
			add_string(&ms, key, giar_format_name(r->table_format[t]));
		}
	for (int k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
	{
		snprintf(key, sizeof(key), "prose.%s", outcome_names[k]);
		add_number(&ms, key, r->prose_outcomes[k]);
	}

	/* prose.shares: objects, their null members left out */
	buf_add(&v, "[", 1);
	for (int i = 0; i < r->nshares; i++)
	{
		const GiarShare *sh = &r->shares[i];
		Members		share = {0};

		buf_str(&v, i ? ", " : "");
		add_string(&share, "outcome", outcome_names[sh->outcome]);
		add_int(&share, "count", sh->count);
		add_number(&share, "percent", sh->percent);
		if (sh->line > 0)
			add_int(&share, "line", sh->line);
		write_object(&v, &share);
	}
	buf_add(&v, "]", 1);
	add_member(&ms, "prose.shares", &v);
	v.len = 0;

	if (r->has_fingerprint)
	{
		buf_add(&v, "[", 1);
		for (int i = 0; i < GIAR_FINGERPRINT_SIZE; i++)
		{
			buf_str(&v, i ? ", " : "");
			buf_printf(&v, "%lld", (long long) (int32_t) r->fingerprint[i]);
		}
		buf_add(&v, "]", 1);
		add_member(&ms, "fingerprint", &v);
		v.len = 0;
	}

	buf_add(&v, "[", 1);
	for (int c = 0, n = 0; c < GIAR_NCELLS; c++)
		if (r->unreadable[c])
		{
			buf_str(&v, n++ ? ", " : "");
			buf_json_string(&v, giar_dict_by_cell(c)->key);
		}
	buf_add(&v, "]", 1);
	add_member(&ms, "unreadable", &v);
	v.len = 0;

	buf_add(&v, "[", 1);
	for (int i = 0; i < r->ndiagnostics; i++)
	{
		const GiarDiagnostic *d = &r->diagnostics[i];
		Members		diag = {0};

		buf_str(&v, i ? ", " : "");
		add_string(&diag, "code", d->code);
		add_string(&diag, "severity", giar_severity_name(d->severity));
		add_string(&diag, "message", d->message);
		if (d->line > 0)
			add_int(&diag, "line", d->line);
		write_object(&v, &diag);
	}
	buf_add(&v, "]", 1);
	add_member(&ms, "diagnostics", &v);
	free(v.data);

	giar_report_cells(r, add_cell, &ms);
	/* the 2019 format's single （六）其他处理 row is printed, not derived */
	for (int col = 0; col < GIAR_T3_NCOLS; col++)
	{
		snprintf(key, sizeof(key), "t3.other_handling.%s", giar_t3_column_keys[col]);
		add_number(&ms, key, r->cells[GIAR_CELL_T3(GIAR_T3_OTHER_HANDLING, col)]);
	}
	write_object(&out, &ms);
	return out.data;
}
