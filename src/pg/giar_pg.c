/*
 * giar_pg.c
 *		SQL functions of the giar extension: a thin layer over the core.
 *
 * Each parse allocates from an arena that the call site keeps (under
 * fn_mcxt) and reuses for every call, sized by the largest parse it has
 * served (up to ARENA_MAX), so parse memory is neither returned to malloc
 * nor faulted in again row after row; what does not fit is palloc'd in a
 * scratch memory context, also the call site's, reset after every call.
 * Foreign resources (the libxml2 document of an HTML page)
 * are released by a reset callback on it, so an interrupt
 * (statement_timeout, cancel) that unwinds from inside the parse leaks
 * nothing: the next call's reset, or the end of the call site's memory
 * context (for a query, its end), releases them.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/lsyscache.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

#include "check.h"
#include "encoding.h"
#include "giar.h"
#include "report_datum.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Loaded through shared_preload_libraries, the library builds ICU's
 * transforms and the parser's tables in the postmaster, and every backend
 * and parallel worker forked from it inherits them instead of paying about
 * 25 ms on its first parse.  Loaded on first use, it builds each when first
 * needed.  (A failure to open a transform in the postmaster is inherited
 * too: the parse then goes without it, as it would in any backend.)
 */
void
_PG_init(void)
{
	if (process_shared_preload_libraries_in_progress)
		giar_prepare();
}

PG_FUNCTION_INFO_V1(giar_parse_report);
PG_FUNCTION_INFO_V1(giar_cells);
PG_FUNCTION_INFO_V1(giar_dictionary_entries);
PG_FUNCTION_INFO_V1(giar_diagnostic_codes);
PG_FUNCTION_INFO_V1(giar_normalize_text);
PG_FUNCTION_INFO_V1(giar_version);
PG_FUNCTION_INFO_V1(giar_check_report);
PG_FUNCTION_INFO_V1(giar_findings);
PG_FUNCTION_INFO_V1(giar_is_valid);
PG_FUNCTION_INFO_V1(giar_check_sequence);
PG_FUNCTION_INFO_V1(giar_rule_entries);
PG_FUNCTION_INFO_V1(giar_parse_status);
PG_FUNCTION_INFO_V1(giar_is_stale);

/* What a call site keeps between calls (flinfo->fn_extra). */
typedef struct FnCache
{
	ReportShape *shape;
	Oid			report_typid;	/* giar.parse_report's result type, once
								 * looked up */
	Oid			finding_typid;	/* giar.finding */
	TupleDesc	finding_desc;
	MemoryContext scratch;		/* one parse or check at a time */
	char	   *arena;			/* reused by every parse of the call site */
	Size		arena_size;
	Size		arena_used;
	Size		arena_spilled;	/* bytes of this parse that went to scratch */
	/* the rules' ids and descriptions and the severities as text, made once */
	Datum	   *rule_ids;
	Datum	   *rule_descriptions;	/* (Datum) 0: none */
	Datum		severity_names[GIAR_SEVERITY_ERROR + 1];
} FnCache;

static FnCache *
fn_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(FnCache));
	return (FnCache *) fcinfo->flinfo->fn_extra;
}

static ReportShape *
shape_for(FunctionCallInfo fcinfo, Oid typid)
{
	return report_shape_get(fcinfo->flinfo->fn_mcxt, &fn_cache(fcinfo)->shape, typid);
}

/* ------------------------------------------------------------------ */
/* Running the core inside a backend                                   */
/* ------------------------------------------------------------------ */

typedef struct PgParse
{
	MemoryContext mcxt;
	FnCache    *cache;
	GiarEnv		env;
	GiarContext cx;
	MemoryContextCallback callback;
} PgParse;

/*
 * The arena grows to the largest parse a call site has served, up to this:
 * an HTML page of 150 KB takes about 650 KB.  A larger parse spills into
 * the scratch context.
 */
#define ARENA_FIRST (512 * 1024)
#define ARENA_MAX	(8 * 1024 * 1024)

static void *
pg_alloc_uninit(void *ctx, size_t size)
{
	PgParse    *pp = (PgParse *) ctx;
	FnCache    *cache = pp->cache;
	Size		aligned = MAXALIGN(size);

	if (aligned <= cache->arena_size - cache->arena_used)
	{
		void	   *p = cache->arena + cache->arena_used;

		cache->arena_used += aligned;
		return p;
	}
	cache->arena_spilled += aligned;
	return MemoryContextAllocExtended(pp->mcxt, size, MCXT_ALLOC_HUGE);
}

static void *
pg_alloc(void *ctx, size_t size)
{
	void	   *p = pg_alloc_uninit(ctx, size);

	memset(p, 0, size);
	return p;
}

static void
pg_check_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

static void
pg_release_foreign(void *arg)
{
	PgParse    *pp = (PgParse *) arg;

	giar_run_cleanups(&pp->cx);
}

/* Everything of one parse lives in the call site's arena and scratch context. */
static PgParse *
pg_parse_begin(FunctionCallInfo fcinfo, GiarReport *report)
{
	FnCache    *cache = fn_cache(fcinfo);
	MemoryContext mcxt;
	PgParse    *pp;

	if (cache->scratch == NULL)
		cache->scratch = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
											   "giar parse",
											   ALLOCSET_DEFAULT_SIZES);
	if (cache->arena == NULL)
	{
		/* a parse of a typical report (8-12 KB of text) takes about 220 KB */
		cache->arena = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, ARENA_FIRST);
		cache->arena_size = ARENA_FIRST;
	}
	mcxt = cache->scratch;
	/* left over only if an error unwound the previous call */
	MemoryContextReset(mcxt);
	cache->arena_used = 0;
	cache->arena_spilled = 0;
	pp = MemoryContextAllocZero(mcxt, sizeof(PgParse));

	pp->mcxt = mcxt;
	pp->cache = cache;
	pp->env.alloc = pg_alloc;
	pp->env.alloc_ctx = pp;
	pp->env.alloc_uninit = pg_alloc_uninit;
	pp->env.check_interrupts = pg_check_interrupts;
	giar_context_init(&pp->cx, &pp->env, report);
	pp->callback.func = pg_release_foreign;
	pp->callback.arg = pp;
	MemoryContextRegisterResetCallback(mcxt, &pp->callback);
	return pp;
}

static void
pg_parse_end(PgParse *pp)
{
	FnCache    *cache = pp->cache;
	MemoryContext arena_cxt = GetMemoryChunkContext(cache->arena);

	/* runs the cleanups (libxml2's document) while the arena is intact */
	MemoryContextReset(pp->mcxt);
	/* a parse spilled: the next parses get an arena as large as it needed */
	if (cache->arena_spilled > 0 && cache->arena_size < ARENA_MAX)
	{
		Size		want = cache->arena_used + cache->arena_spilled;
		Size		size = Min(ARENA_MAX, TYPEALIGN(64 * 1024, want + want / 4));

		pfree(cache->arena);
		cache->arena = MemoryContextAlloc(arena_cxt, size);
		cache->arena_size = size;
	}
	cache->arena_used = 0;
	cache->arena_spilled = 0;
}

/* The report text as UTF-8 (converted when the database encoding is not). */
static const char *
text_as_utf8(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);

	/*
	 * SQL_ASCII declares no encoding: the bytes go to the core as they are,
	 * which reads ill-formed UTF-8 (GBK, say) as U+FFFD and says so
	 * (INVALID_UTF8) instead of refusing the text.  Other encodings are
	 * converted; the conversion's result is NUL-terminated, the datum is not.
	 */
	if (GetDatabaseEncoding() != PG_UTF8 && GetDatabaseEncoding() != PG_SQL_ASCII)
	{
		const char *converted = pg_server_to_any(s, n, PG_UTF8);

		if (converted != s)
		{
			s = converted;
			n = strlen(converted);
		}
	}
	*len = (size_t) n;
	return s;
}

static void
raise_if_unparsable(const GiarReport *report)
{
	StringInfoData detail;
	const GiarDiagnostic *first = NULL;

	if (giar_report_error_count(report) == 0)
		return;
	initStringInfo(&detail);
	for (int i = 0; i < report->ndiagnostics; i++)
	{
		const GiarDiagnostic *d = &report->diagnostics[i];

		if (d->severity != GIAR_SEVERITY_ERROR)
			continue;
		if (first == NULL)
			first = d;
		if (detail.len > 0)
			appendStringInfoChar(&detail, '\n');
		if (d->line > 0)
			appendStringInfo(&detail, "%s (line %d): %s", d->code, d->line,
							 giar_utf8_to_server(d->message, strlen(d->message)));
		else
			appendStringInfo(&detail, "%s: %s", d->code,
							 giar_utf8_to_server(d->message, strlen(d->message)));
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("report text could not be parsed completely: %s",
					giar_utf8_to_server(first->message, strlen(first->message))),
			 errdetail("%s", detail.data),
			 errhint("Call giar.parse_report(body) without strict to keep the report with its diagnostics.")));
}

/*
 * giar.parse_report(body text, strict boolean DEFAULT false) RETURNS giar.report
 *
 * Never fails on report text unless strict is true: what cannot be read is
 * absent and the report's diagnostics say why.
 */
/*
 * The last report parsed in this backend, with the text it came from.
 *
 * A table with STORED generated columns for both the report and its
 * findings evaluates giar.parse_report(body) once per column, each in its
 * own expression state, so fn_extra cannot carry the result across.  The
 * function is IMMUTABLE, so the same text gives the same report: keeping
 * the last one (compared byte for byte, which costs far less than a parse)
 * makes the second evaluation a copy.  Texts over LAST_PARSE_MAX_BYTES are
 * not kept, to bound the memory held between statements.
 */
#define LAST_PARSE_MAX_BYTES (4 * 1024 * 1024)

static MemoryContext last_parse_cxt = NULL;
static char *last_parse_text = NULL;
static Size last_parse_len = 0;
static uint64 last_parse_shape = 0;	/* report_shape_identity of its type */
static Datum last_parse_report = (Datum) 0;

static bool
last_parse_lookup(text *body, uint64 shape_identity, Datum *report)
{
	Size		len = VARSIZE_ANY_EXHDR(body);

	if (last_parse_text == NULL || shape_identity != last_parse_shape ||
		len != last_parse_len || memcmp(VARDATA_ANY(body), last_parse_text, len) != 0)
		return false;
	*report = datumCopy(last_parse_report, false, -1);
	return true;
}

static void
last_parse_store(text *body, uint64 shape_identity, Datum report)
{
	Size		len = VARSIZE_ANY_EXHDR(body);
	MemoryContext old;

	if (len > LAST_PARSE_MAX_BYTES)
		return;
	/*
	 * An 8 kB first block, kept across resets: a short text's report and
	 * text fit in it, with no malloc and free for every row.
	 */
	if (last_parse_cxt == NULL)
		last_parse_cxt = AllocSetContextCreate(TopMemoryContext, "giar last parse",
											   ALLOCSET_DEFAULT_SIZES);
	/* forget the old entry first: an error below leaves no half entry */
	last_parse_text = NULL;
	MemoryContextReset(last_parse_cxt);
	old = MemoryContextSwitchTo(last_parse_cxt);
	last_parse_report = datumCopy(report, false, -1);
	last_parse_text = palloc(len + 1);
	memcpy(last_parse_text, VARDATA_ANY(body), len);
	MemoryContextSwitchTo(old);
	last_parse_len = len;
	last_parse_shape = shape_identity;
}

Datum
giar_parse_report(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	bool		strict = PG_GETARG_BOOL(1);
	FnCache    *cache = fn_cache(fcinfo);
	Oid			typid;
	TupleDesc	desc;
	ReportShape *shape;
	GiarReport	report;
	PgParse    *pp;
	const char *utf8;
	size_t		len;
	Datum		result;

	/*
	 * The result type is the declared giar.report, the same for every call
	 * of this call site: looked up once (the lookup copies its tuple
	 * descriptor, as costly as building a short text's report).
	 */
	if (!OidIsValid(cache->report_typid))
	{
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("giar.parse_report must return a composite type")));
		cache->report_typid = desc->tdtypeid;
	}
	typid = cache->report_typid;
	shape = shape_for(fcinfo, typid);

	if (!strict && last_parse_lookup(body, report_shape_identity(shape), &result))
		PG_RETURN_DATUM(result);

	utf8 = text_as_utf8(body, &len);
	pp = pg_parse_begin(fcinfo, &report);
	giar_parse(&pp->cx, utf8, len, &report);
	if (strict)
		raise_if_unparsable(&report);
	result = report_to_datum(shape, &report);
	pg_parse_end(pp);
	if (!strict)
		last_parse_store(body, report_shape_identity(shape), result);
	PG_RETURN_DATUM(result);
}

/* ------------------------------------------------------------------ */
/* giar.cells(report) RETURNS TABLE(key text, value numeric)           */
/* ------------------------------------------------------------------ */

typedef struct CellsState
{
	Tuplestorestate *store;
	TupleDesc	desc;
} CellsState;

static bool
put_cell(void *arg, const GiarDictEntry *entry, GiarNumber value)
{
	CellsState *st = arg;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	char		buf[64];

	values[0] = CStringGetTextDatum(entry->key);
	if (value.scale == 0)
		values[1] = NumericGetDatum(int64_to_numeric(value.digits));
	else
	{
		giar_number_format(value, buf, sizeof(buf));
		values[1] = DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
										ObjectIdGetDatum(InvalidOid),
										Int32GetDatum(-1));
	}
	tuplestore_putvalues(st->store, st->desc, values, nulls);
	return true;
}

Datum
giar_cells(PG_FUNCTION_ARGS)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ReportShape *shape;
	GiarReport	report;
	CellsState	st;

	InitMaterializedSRF(fcinfo, 0);
	shape = shape_for(fcinfo, HeapTupleHeaderGetTypeId(th));
	report_from_datum(shape, th, &report);
	st.store = rsinfo->setResult;
	st.desc = rsinfo->setDesc;
	giar_report_cells(&report, put_cell, &st);
	return (Datum) 0;
}

/* ------------------------------------------------------------------ */
/* giar.dictionary_entries(): the data dictionary, from the core       */
/* ------------------------------------------------------------------ */

static const char *
kind_name(GiarValueKind kind)
{
	switch (kind)
	{
		case GIAR_KIND_COUNT:
			return "count";
		case GIAR_KIND_SIGNED:
			return "signed count";
		case GIAR_KIND_AMOUNT:
			return "amount";
		case GIAR_KIND_YEAR:
			return "year";
		case GIAR_KIND_TEXT:
			return "text";
		case GIAR_KIND_DATE:
			return "date";
	}
	return "unknown";
}

static Datum
nullable_text(const char *s, bool *isnull)
{
	*isnull = s == NULL;
	return s ? PointerGetDatum(cstring_to_text(giar_utf8_to_server(s, strlen(s)))) : (Datum) 0;
}

Datum
giar_dictionary_entries(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < giar_dictionary_size; i++)
	{
		const GiarDictEntry *e = &giar_dictionary[i];
		Datum		values[12];
		bool		nulls[12] = {0};
		Datum		formats[2];
		int			nformats = 0;
		char	   *label;

		if (e->formats & GIAR_IN_2021)
			formats[nformats++] = CStringGetTextDatum("2021");
		if (e->formats & GIAR_IN_2019)
			formats[nformats++] = CStringGetTextDatum("2019");
		label = e->column_label ?
			psprintf("%s／%s", e->row_label, e->column_label) : pstrdup(e->row_label);

		values[0] = CStringGetTextDatum(e->key);
		values[1] = CStringGetTextDatum(e->table_name);
		values[2] = CStringGetTextDatum(e->row_key);
		values[3] = nullable_text(e->column_key, &nulls[3]);
		values[4] = nullable_text(e->row_label, &nulls[4]);
		values[5] = nullable_text(e->column_label, &nulls[5]);
		values[6] = nullable_text(label, &nulls[6]);
		values[7] = nullable_text(e->unit, &nulls[7]);
		values[8] = CStringGetTextDatum(kind_name(e->kind));
		values[9] = PointerGetDatum(construct_array(formats, nformats, TEXTOID,
													-1, false, TYPALIGN_INT));
		values[10] = BoolGetDatum(e->derived_first >= 0);
		values[11] = Int32GetDatum(i + 1);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* giar.diagnostic_codes(): the catalogue of diagnostic codes */
Datum
giar_diagnostic_codes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < giar_ndiag_codes; i++)
	{
		const GiarDiagCode *c = &giar_diag_codes[i];
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = CStringGetTextDatum(c->code);
		values[1] = CStringGetTextDatum(giar_severity_name(c->severity));
		values[2] = nullable_text(c->description, &nulls[2]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */
/* ------------------------------------------------------------------ */

/* The finding type, from the element type of the function's result. */
static void
finding_type(FunctionCallInfo fcinfo, FnCache *cache, bool set_returning)
{
	Oid			typid;

	if (OidIsValid(cache->finding_typid))
		return;
	typid = get_fn_expr_rettype(fcinfo->flinfo);
	if (!set_returning)
		typid = get_element_type(typid);
	if (!OidIsValid(typid) || get_typtype(typid) != TYPTYPE_COMPOSITE)
		elog(ERROR, "giar: the result is not giar.finding");
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		cache->finding_desc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(typid, -1));
		MemoryContextSwitchTo(old);
	}
	cache->finding_typid = typid;
}

static Datum
number_or_null(GiarNumber n, bool *isnull)
{
	char		buf[64];

	*isnull = !n.present;
	if (!n.present)
		return (Datum) 0;
	if (n.scale == 0)
		return NumericGetDatum(int64_to_numeric(n.digits));
	giar_number_format(n, buf, sizeof(buf));
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * The texts every finding of a rule repeats, made once in the function's
 * context (the finding's tuple copies them): a check of a report gives a
 * dozen findings, each with the rule's description.
 */
static void
prepare_rule_texts(FunctionCallInfo fcinfo, FnCache *cache)
{
	MemoryContext old;

	if (cache->rule_ids != NULL)
		return;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cache->rule_descriptions = palloc(sizeof(Datum) * giar_nrules);
	for (int i = 0; i < giar_nrules; i++)
	{
		bool		isnull;

		cache->rule_descriptions[i] = nullable_text(giar_rules[i].description_zh,
													&isnull);
	}
	for (int v = GIAR_SEVERITY_INFO; v <= GIAR_SEVERITY_ERROR; v++)
		cache->severity_names[v] = CStringGetTextDatum(giar_severity_name((GiarSeverity) v));
	/* last: a NULL rule_ids says the texts are not made */
	{
		Datum	   *ids = palloc(sizeof(Datum) * giar_nrules);

		for (int i = 0; i < giar_nrules; i++)
			ids[i] = CStringGetTextDatum(giar_rules[i].id);
		cache->rule_ids = ids;
	}
	MemoryContextSwitchTo(old);
}

static Datum
finding_datum(TupleDesc desc, const FnCache *cache, const GiarFinding *f)
{
	Datum		values[8];
	bool		nulls[8] = {0};
	Datum	   *cells = palloc(sizeof(Datum) * Max(f->ncells, 1));
	ptrdiff_t	rule = f->rule - giar_rules;

	for (int i = 0; i < f->ncells; i++)
		cells[i] = CStringGetTextDatum(f->cells[i]);
	if (rule >= 0 && rule < giar_nrules &&
		f->severity >= GIAR_SEVERITY_INFO && f->severity <= GIAR_SEVERITY_ERROR)
	{
		values[0] = cache->rule_ids[rule];
		values[1] = cache->severity_names[f->severity];
		values[3] = cache->rule_descriptions[rule];
		nulls[3] = values[3] == (Datum) 0;
	}
	else
	{
		values[0] = CStringGetTextDatum(f->rule->id);
		values[1] = CStringGetTextDatum(giar_severity_name(f->severity));
		values[3] = nullable_text(f->rule->description_zh, &nulls[3]);
	}
	values[2] = nullable_text(f->message, &nulls[2]);
	values[4] = PointerGetDatum(construct_array(cells, f->ncells, TEXTOID, -1,
												false, TYPALIGN_INT));
	values[5] = number_or_null(f->expected, &nulls[5]);
	values[6] = number_or_null(f->actual, &nulls[6]);
	values[7] = BoolGetDatum(f->assessable);
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
}

static Datum
findings_array(FnCache *cache, const GiarFindings *fs)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(fs->n, 1));
	int16		typlen;
	bool		typbyval;
	char		typalign;

	for (int i = 0; i < fs->n; i++)
		elems[i] = finding_datum(cache->finding_desc, cache, &fs->items[i]);
	get_typlenbyvalalign(cache->finding_typid, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_array(elems, fs->n, cache->finding_typid,
										   typlen, typbyval, typalign));
}

/* "MM-DD" of the following year, as the townships' deadline. */
static void
parse_deadline(text *arg, GiarDeadlines *dl)
{
	char	   *s = text_to_cstring(arg);
	int			month,
				day;
	char		extra;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (sscanf(s, "%d-%d%c", &month, &day, &extra) != 2 ||
		month < 1 || month > 12 || day < 1 || day > mdays[month - 1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid township deadline \"%s\"", s),
				 errdetail("The deadline is a month and day of the year after the report's, written MM-DD."),
				 errhint("Provinces commonly set 03-31; for example: giar.check_report(report, '03-31').")));
	dl->township_month = month;
	dl->township_day = day;
}

/* Run the single-report checks on a giar.report argument. */
static GiarFindings *
run_checks(FunctionCallInfo fcinfo, GiarReport *report, PgParse **pp)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);
	GiarDeadlines dl = giar_default_deadlines;
	GiarFindings *fs = palloc0(sizeof(GiarFindings));

	if (PG_NARGS() > 1)
		parse_deadline(PG_GETARG_TEXT_PP(1), &dl);
	/* the context's own report (it zeroes it) only collects diagnostics */
	*pp = pg_parse_begin(fcinfo, palloc(sizeof(GiarReport)));
	report_from_datum(shape_for(fcinfo, HeapTupleHeaderGetTypeId(th)), th, report);
	giar_report_check(&(*pp)->cx, report, &dl, fs);
	return fs;
}

/* giar.check_report(report [, township_deadline]) RETURNS giar.finding[] */
Datum
giar_check_report(PG_FUNCTION_ARGS)
{
	FnCache    *cache = fn_cache(fcinfo);
	GiarReport	report;
	PgParse    *pp;
	GiarFindings *fs;
	Datum		result;

	finding_type(fcinfo, cache, false);
	prepare_rule_texts(fcinfo, cache);
	fs = run_checks(fcinfo, &report, &pp);
	result = findings_array(cache, fs);
	pg_parse_end(pp);
	PG_RETURN_DATUM(result);
}

/* giar.findings(report) RETURNS SETOF giar.finding */
Datum
giar_findings(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	GiarReport	report;
	PgParse    *pp;
	GiarFindings *fs;

	InitMaterializedSRF(fcinfo, 0);
	fs = run_checks(fcinfo, &report, &pp);
	prepare_rule_texts(fcinfo, fn_cache(fcinfo));
	for (int i = 0; i < fs->n; i++)
	{
		HeapTupleHeader th = DatumGetHeapTupleHeader(finding_datum(rsinfo->setDesc,
																   fn_cache(fcinfo),
																   &fs->items[i]));
		HeapTupleData tuple;

		tuple.t_len = HeapTupleHeaderGetDatumLength(th);
		ItemPointerSetInvalid(&tuple.t_self);
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = th;
		tuplestore_puttuple(rsinfo->setResult, &tuple);
	}
	pg_parse_end(pp);
	return (Datum) 0;
}

/* giar.is_valid(report) RETURNS boolean: no assessable error finding */
Datum
giar_is_valid(PG_FUNCTION_ARGS)
{
	GiarReport	report;
	PgParse    *pp;
	GiarFindings *fs = run_checks(fcinfo, &report, &pp);
	bool		valid = true;

	for (int i = 0; i < fs->n; i++)
		if (fs->items[i].assessable && fs->items[i].severity == GIAR_SEVERITY_ERROR)
			valid = false;
	pg_parse_end(pp);
	PG_RETURN_BOOL(valid);
}

/* giar.check_sequence(previous, current) RETURNS giar.finding[] */
Datum
giar_check_sequence(PG_FUNCTION_ARGS)
{
	FnCache    *cache = fn_cache(fcinfo);
	HeapTupleHeader prev_th = PG_GETARG_HEAPTUPLEHEADER(0);
	HeapTupleHeader cur_th = PG_GETARG_HEAPTUPLEHEADER(1);
	GiarReport	prev,
				cur;
	PgParse    *pp;
	GiarFindings fs;
	Datum		result;

	finding_type(fcinfo, cache, false);
	prepare_rule_texts(fcinfo, cache);
	pp = pg_parse_begin(fcinfo, palloc(sizeof(GiarReport)));
	report_from_datum(shape_for(fcinfo, HeapTupleHeaderGetTypeId(prev_th)), prev_th, &prev);
	report_from_datum(shape_for(fcinfo, HeapTupleHeaderGetTypeId(cur_th)), cur_th, &cur);
	giar_sequence_check(&pp->cx, &prev, &cur, &fs);
	result = findings_array(cache, &fs);
	pg_parse_end(pp);
	PG_RETURN_DATUM(result);
}

/* Is the text attribute of the report equal to value (NULL: no)? */
static bool
report_field_is(HeapTupleHeader th, const char *field, const char *value)
{
	bool		isnull;
	Datum		d = GetAttributeByName(th, field, &isnull);

	if (isnull)
		return false;
	return strcmp(TextDatumGetCString(d), value) == 0;
}

/*
 * giar.parse_status(report) RETURNS text: complete, partial, no_tables or
 * not_a_report.  In C rather than SQL because it is evaluated for every
 * row loaded into giar.documents (a generated column) and every row of its
 * summary view.
 */
Datum
giar_parse_status(PG_FUNCTION_ARGS)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);
	static const char *const tables[] = {"t2_status", "t3_status", "t4_status"};
	int			parsed = 0,
				partial = 0;
	const char *status;

	for (int t = 0; t < lengthof(tables); t++)
	{
		parsed += report_field_is(th, tables[t], "parsed");
		partial += report_field_is(th, tables[t], "partial");
	}
	if (report_field_is(th, "format", "unknown"))
		status = "not_a_report";
	else if (parsed == lengthof(tables))
		status = "complete";
	else if (parsed > 0 || partial > 0)
		status = "partial";
	else
		status = "no_tables";
	PG_RETURN_TEXT_P(cstring_to_text(status));
}

/* giar.rule_entries(): the rule catalogue */
Datum
giar_rule_entries(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < giar_nrules; i++)
	{
		const GiarRule *r = &giar_rules[i];
		Datum		values[6];
		bool		nulls[6] = {0};

		values[0] = CStringGetTextDatum(r->id);
		values[1] = CStringGetTextDatum(giar_severity_name(r->severity));
		values[2] = nullable_text(r->description_zh, &nulls[2]);
		values[3] = nullable_text(r->description_en, &nulls[3]);
		values[4] = nullable_text(r->source, &nulls[4]);
		values[5] = BoolGetDatum(r->across_years);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ------------------------------------------------------------------ */
/* Inspection                                                          */
/* ------------------------------------------------------------------ */

/* giar.normalize_text(body text) RETURNS text: the lines the parser reads */
Datum
giar_normalize_text(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	GiarReport	report;
	PgParse    *pp;
	const char *utf8;
	size_t		len,
				outlen;
	char	   *out;
	text	   *result;

	utf8 = text_as_utf8(body, &len);
	pp = pg_parse_begin(fcinfo, &report);
	out = giar_normalize_for_display(&pp->cx, utf8, len, &outlen);
	out = giar_utf8_to_server(out, (int) outlen);
	result = cstring_to_text(out);	/* allocated in the caller's context */
	pg_parse_end(pp);
	PG_RETURN_TEXT_P(result);
}

/*
 * giar.version() RETURNS text: the extension's version (the control file's,
 * given by the Makefile), the parser's and the libraries'.
 */
Datum
giar_version(PG_FUNCTION_ARGS)
{
	char		libs[160];

	giar_library_versions(libs, sizeof(libs));
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("giar %s (parser %s; %s)",
											  GIAR_EXTENSION_VERSION,
											  GIAR_PARSER_VERSION, libs)));
}

/*
 * A text attribute of a stored report, or NULL: reports stored before the
 * attribute existed have fewer attributes, which read as NULL.
 */
static char *
report_text_attribute(HeapTupleHeader report, const char *name)
{
	bool		isnull;
	Datum		d = GetAttributeByName(report, name, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/*
 * giar.is_stale(report) RETURNS boolean: whether the report was parsed by
 * another parser version or with other ICU or libxml2 versions than those
 * this server runs, so that parsing its text again may give another report
 * (and expression indexes on parse_report may hold other values).
 */
Datum
giar_is_stale(PG_FUNCTION_ARGS)
{
	HeapTupleHeader report = PG_GETARG_HEAPTUPLEHEADER(0);
	char	   *parser_version = report_text_attribute(report, "parser_version");
	char	   *libraries = report_text_attribute(report, "libraries");
	char		current[160];

	giar_library_versions(current, sizeof(current));
	PG_RETURN_BOOL(parser_version == NULL || libraries == NULL ||
				   strcmp(parser_version, GIAR_PARSER_VERSION) != 0 ||
				   strcmp(libraries, current) != 0);
}
