/*
 * report_datum.c
 *		Build giar.report values from GiarReport and read them back.
 *
 * The composite type mirrors the data dictionary: each leaf attribute's
 * path ("t3.new_requests.total", "narrative.review_total") is a dictionary
 * entry's field, so the mapping from attributes to cells is computed from
 * the catalog once per call site instead of being written out by hand.
 * Attributes the dictionary does not know (a later version's) are NULL.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

#include "encoding.h"
#include "report_datum.h"

typedef enum FieldKind
{
	FIELD_NONE,					/* unknown or dropped attribute: NULL */
	FIELD_CELL,
	FIELD_COMPOSITE,
	FIELD_FORMAT,
	FIELD_YEAR,
	FIELD_TITLE_YEAR,
	FIELD_PERIOD_YEAR,
	FIELD_AGENCY,
	FIELD_PUBLISHED,
	FIELD_INDEX_NUMBER,
	FIELD_PARTS_PRESENT,
	FIELD_T2_STATUS,
	FIELD_T3_STATUS,
	FIELD_T4_STATUS,
	FIELD_T2_FORMAT,
	FIELD_T3_FORMAT,
	FIELD_DIAGNOSTICS,
	FIELD_PARSER_VERSION,
	FIELD_LIBRARIES,			/* ICU and libxml2 versions of the parse */
	FIELD_FINGERPRINT,
	FIELD_UNREADABLE,			/* keys of cells printed but unreadable */
	FIELD_PROSE_OUTCOME,		/* narrative.disclosed … narrative.other_handling */
	FIELD_SHARES				/* narrative.shares */
} FieldKind;

/* Fields of the narrative composite that are not dictionary cells. */
static const char *const prose_outcome_fields[GIAR_PROSE_NOUTCOMES] = {
	"narrative.disclosed", "narrative.partially_disclosed", "narrative.withheld",
	"narrative.unavailable", "narrative.not_processed", "narrative.other_handling"
};

/* Names of the outcomes in giar.share.outcome. */
const char *const report_outcome_names[GIAR_PROSE_NOUTCOMES] = {
	"disclosed", "partially_disclosed", "withheld", "unavailable",
	"not_processed", "other_handling"
};

static const struct
{
	const char *name;
	FieldKind	kind;
}			top_fields[] = {
	{"format", FIELD_FORMAT},
	{"year", FIELD_YEAR},
	{"title_year", FIELD_TITLE_YEAR},
	{"period_year", FIELD_PERIOD_YEAR},
	{"agency", FIELD_AGENCY},
	{"published", FIELD_PUBLISHED},
	{"index_number", FIELD_INDEX_NUMBER},
	{"parts_present", FIELD_PARTS_PRESENT},
	{"t2_status", FIELD_T2_STATUS},
	{"t3_status", FIELD_T3_STATUS},
	{"t4_status", FIELD_T4_STATUS},
	{"t2_format", FIELD_T2_FORMAT},
	{"t3_format", FIELD_T3_FORMAT},
	{"diagnostics", FIELD_DIAGNOSTICS},
	{"parser_version", FIELD_PARSER_VERSION},
	{"libraries", FIELD_LIBRARIES},
	{"fingerprint", FIELD_FINGERPRINT},
	{"unreadable", FIELD_UNREADABLE},
};

typedef struct CompositeShape CompositeShape;

typedef struct AttrShape
{
	FieldKind	kind;
	Oid			typid;
	int			cell;			/* FIELD_CELL: index in GiarReport.cells;
								 * FIELD_PROSE_OUTCOME: the outcome */
	CompositeShape *sub;		/* FIELD_COMPOSITE */
} AttrShape;

struct CompositeShape
{
	TupleDesc	desc;
	AttrShape  *atts;
	bool		stated_only;	/* only what the report states (cells, prose
								 * figures and shares), unused fields and
								 * such parts */
	bool		has_outcomes;	/* prose figures in it or a part inside */
	bool		has_shares;		/* shares in it or a part inside */
	Datum		all_null;		/* stated_only: the value when the report
								 * states nothing of it, made once (0: not
								 * yet) */
	int		   *cells;			/* the cells of this composite and of those
								 * inside it */
	int			ncells;
	bool		bigint_cells;	/* every attribute a bigint cell, none
								 * dropped (read_bigint_cells) */
};

/* An array's element type, looked up once. */
typedef struct ElementType
{
	Oid			typid;
	int16		typlen;
	bool		typbyval;
	char		typalign;
} ElementType;

/*
 * The values a report takes from short fixed lists (format, table status,
 * severity and code of a diagnostic, outcome of a share, parser version),
 * made once as text in the database encoding: a report is one tuple of
 * many such fields, and short texts are little else.
 */
typedef struct FixedTexts
{
	Datum		format[GIAR_FORMAT_LEGACY + 1];
	Datum		status[GIAR_TABLE_PARSED + 1];
	Datum		severity[GIAR_SEVERITY_ERROR + 1];
	Datum		outcome[GIAR_PROSE_NOUTCOMES];
	Datum		parser_version;
	Datum		libraries;		/* giar_library_versions() */
	Datum	   *diag_code;		/* by index in giar_diag_codes */
	Datum		no_keys;		/* '{}'::text[] */
	Datum		no_parts;		/* '{}'::integer[] */
} FixedTexts;

struct ReportShape
{
	MemoryContext mcxt;			/* where the shape and its values live */
	Oid			typid;
	uint64		tupdesc_identifier;	/* of typid's row type when built: it
									 * changes with ALTER TYPE */
	CompositeShape *root;
	ElementType diag_elem;		/* element type of diagnostics[] */
	TupleDesc	diag_desc;
	ElementType share_elem;		/* element type of narrative.shares[] */
	TupleDesc	share_desc;
	FixedTexts	texts;
};

static void
element_type(ElementType *et, Oid array_typid, const char *what)
{
	et->typid = get_element_type(array_typid);
	if (!OidIsValid(et->typid))
		elog(ERROR, "%s is not an array", what);
	get_typlenbyvalalign(et->typid, &et->typlen, &et->typbyval, &et->typalign);
}

static CompositeShape *
build_shape(Oid typid, const char *prefix, int depth, ReportShape *rs)
{
	CompositeShape *cs = palloc0(sizeof(CompositeShape));
	TupleDesc	desc = lookup_rowtype_tupdesc_copy(typid, -1);

	if (depth > 4)
		elog(ERROR, "giar.report nests composite types too deeply");
	cs->desc = BlessTupleDesc(desc);
	cs->atts = palloc0(sizeof(AttrShape) * desc->natts);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);
		AttrShape  *as = &cs->atts[i];
		const char *name = NameStr(attr->attname);
		char	   *path;

		as->typid = attr->atttypid;
		as->kind = FIELD_NONE;
		if (attr->attisdropped)
			continue;
		path = prefix ? psprintf("%s.%s", prefix, name) : pstrdup(name);
		if (get_typtype(attr->atttypid) == TYPTYPE_COMPOSITE)
		{
			as->kind = FIELD_COMPOSITE;
			as->sub = build_shape(attr->atttypid, path, depth + 1, rs);
			continue;
		}
		if (depth == 0)
		{
			for (int f = 0; f < lengthof(top_fields); f++)
				if (strcmp(top_fields[f].name, name) == 0)
					as->kind = top_fields[f].kind;
			if (as->kind == FIELD_DIAGNOSTICS)
			{
				element_type(&rs->diag_elem, attr->atttypid,
							 "giar.report.diagnostics");
				rs->diag_desc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(rs->diag_elem.typid, -1));
			}
			if (as->kind != FIELD_NONE)
				continue;
		}
		{
			const GiarDictEntry *e = giar_dict_by_field(path);

			if (e && e->cell >= 0)
			{
				as->kind = FIELD_CELL;
				as->cell = e->cell;
				continue;
			}
		}
		for (int k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
			if (strcmp(path, prose_outcome_fields[k]) == 0)
			{
				as->kind = FIELD_PROSE_OUTCOME;
				as->cell = k;
			}
		if (strcmp(path, "narrative.shares") == 0)
		{
			as->kind = FIELD_SHARES;
			element_type(&rs->share_elem, attr->atttypid,
						 "giar.narrative.shares");
			rs->share_desc = BlessTupleDesc(lookup_rowtype_tupdesc_copy(rs->share_elem.typid, -1));
		}
	}
	cs->stated_only = true;
	for (int i = 0; i < desc->natts; i++)
	{
		AttrShape  *as = &cs->atts[i];

		if (!(as->kind == FIELD_NONE || as->kind == FIELD_CELL ||
			  as->kind == FIELD_PROSE_OUTCOME || as->kind == FIELD_SHARES ||
			  (as->kind == FIELD_COMPOSITE && as->sub->stated_only)))
			cs->stated_only = false;
		if (as->kind == FIELD_PROSE_OUTCOME ||
			(as->kind == FIELD_COMPOSITE && as->sub->has_outcomes))
			cs->has_outcomes = true;
		if (as->kind == FIELD_SHARES ||
			(as->kind == FIELD_COMPOSITE && as->sub->has_shares))
			cs->has_shares = true;
		if (as->kind == FIELD_CELL)
			cs->ncells++;
		else if (as->kind == FIELD_COMPOSITE)
			cs->ncells += as->sub->ncells;
	}
	cs->bigint_cells = desc->natts > 0;
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(desc, i);

		if (cs->atts[i].kind != FIELD_CELL || attr->atttypid != INT8OID ||
			attr->attlen != sizeof(int64) || !attr->attbyval)
			cs->bigint_cells = false;
	}
	cs->cells = palloc(sizeof(int) * Max(cs->ncells, 1));
	cs->ncells = 0;
	for (int i = 0; i < desc->natts; i++)
	{
		AttrShape  *as = &cs->atts[i];

		if (as->kind == FIELD_CELL)
			cs->cells[cs->ncells++] = as->cell;
		else if (as->kind == FIELD_COMPOSITE)
		{
			memcpy(cs->cells + cs->ncells, as->sub->cells,
				   sizeof(int) * as->sub->ncells);
			cs->ncells += as->sub->ncells;
		}
	}
	return cs;
}

static Datum
fixed_text(const char *s)
{
	return PointerGetDatum(giar_utf8_to_text(s, strlen(s)));
}

/* In the shape's context. */
static void
make_fixed_texts(FixedTexts *ft)
{
	for (int f = 0; f <= GIAR_FORMAT_LEGACY; f++)
		ft->format[f] = fixed_text(giar_format_name((GiarFormat) f));
	for (int t = 0; t <= GIAR_TABLE_PARSED; t++)
		ft->status[t] = fixed_text(giar_table_status_name((GiarTableStatus) t));
	for (int v = 0; v <= GIAR_SEVERITY_ERROR; v++)
		ft->severity[v] = fixed_text(giar_severity_name((GiarSeverity) v));
	for (int o = 0; o < GIAR_PROSE_NOUTCOMES; o++)
		ft->outcome[o] = fixed_text(report_outcome_names[o]);
	ft->parser_version = fixed_text(GIAR_PARSER_VERSION);
	{
		char		libraries[160];

		giar_library_versions(libraries, sizeof(libraries));
		ft->libraries = fixed_text(libraries);
	}
	ft->diag_code = palloc(sizeof(Datum) * giar_ndiag_codes);
	for (int c = 0; c < giar_ndiag_codes; c++)
		ft->diag_code[c] = fixed_text(giar_diag_codes[c].code);
	ft->no_keys = PointerGetDatum(construct_empty_array(TEXTOID));
	ft->no_parts = PointerGetDatum(construct_empty_array(INT4OID));
}

ReportShape *
report_shape_get(MemoryContext mcxt, ReportShape **slot, Oid typid)
{
	MemoryContext old;

	if (*slot != NULL && (*slot)->typid == typid)
		return *slot;
	old = MemoryContextSwitchTo(mcxt);
	*slot = palloc0(sizeof(ReportShape));
	(*slot)->mcxt = mcxt;
	(*slot)->typid = typid;
	(*slot)->tupdesc_identifier =
		lookup_type_cache(typid, TYPECACHE_TUPDESC)->tupDesc_identifier;
	(*slot)->root = build_shape(typid, NULL, 0, *slot);
	make_fixed_texts(&(*slot)->texts);
	MemoryContextSwitchTo(old);
	return *slot;
}

/*
 * Which row type, as it stood, a shape builds: reports made with equal
 * identities have the same attributes (a report kept from an earlier call
 * may be reused for a call whose shape has the same identity).
 */
uint64
report_shape_identity(const ReportShape *shape)
{
	return shape->tupdesc_identifier;
}

/* ------------------------------------------------------------------ */
/* GiarReport -> Datum                                                 */
/* ------------------------------------------------------------------ */

static Datum
utf8_text(const char *s)
{
	return PointerGetDatum(giar_utf8_to_text(s, strlen(s)));
}

static Datum
diag_code_text(ReportShape *rs, const GiarDiagnostic *d)
{
	if (d->catalogue_index >= 0 && d->catalogue_index < giar_ndiag_codes)
		return rs->texts.diag_code[d->catalogue_index];
	return utf8_text(d->code);
}

static Datum
number_datum(GiarNumber n, Oid typid, bool *isnull)
{
	*isnull = false;
	switch (typid)
	{
		case INT8OID:
			if (n.scale == 0)
				return Int64GetDatum(n.digits);
			break;
		case INT4OID:
			if (n.scale == 0 && n.digits >= PG_INT32_MIN && n.digits <= PG_INT32_MAX)
				return Int32GetDatum((int32) n.digits);
			break;
		case NUMERICOID:
			if (n.scale == 0)
				return NumericGetDatum(int64_to_numeric(n.digits));
			else
			{
				char		buf[64];

				giar_number_format(n, buf, sizeof(buf));
				return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
										   ObjectIdGetDatum(InvalidOid),
										   Int32GetDatum(-1));
			}
		default:
			break;
	}
	*isnull = true;
	return (Datum) 0;
}

static Datum
year_datum(int year, bool *isnull)
{
	*isnull = year <= 0;
	return Int32GetDatum(year);
}

static Datum
diagnostics_datum(ReportShape *rs, const GiarReport *report)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(report->ndiagnostics, 1));
	const ElementType *et = &rs->diag_elem;

	for (int i = 0; i < report->ndiagnostics; i++)
	{
		const GiarDiagnostic *d = &report->diagnostics[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = diag_code_text(rs, d);
		values[1] = rs->texts.severity[d->severity];
		values[2] = utf8_text(d->message);
		values[3] = Int32GetDatum(d->line);
		nulls[3] = d->line <= 0;
		elems[i] = HeapTupleGetDatum(heap_form_tuple(rs->diag_desc, values, nulls));
	}
	return PointerGetDatum(construct_array(elems, report->ndiagnostics,
										   et->typid, et->typlen, et->typbyval,
										   et->typalign));
}

static Datum
shares_datum(ReportShape *rs, const GiarReport *report)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(report->nshares, 1));
	const ElementType *et = &rs->share_elem;

	for (int i = 0; i < report->nshares; i++)
	{
		const GiarShare *sh = &report->shares[i];
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = rs->texts.outcome[sh->outcome];
		values[1] = Int64GetDatum(sh->count);
		values[2] = number_datum(sh->percent, NUMERICOID, &nulls[2]);
		values[3] = Int32GetDatum(sh->line);
		nulls[3] = sh->line <= 0;
		elems[i] = HeapTupleGetDatum(heap_form_tuple(rs->share_desc, values, nulls));
	}
	return PointerGetDatum(construct_array(elems, report->nshares, et->typid,
										   et->typlen, et->typbyval,
										   et->typalign));
}

/*
 * A one-dimensional int4[] without NULLs, laid out as construct_array lays
 * it out (the same bytes) but written directly: construct_array's generic
 * per-element loop was a tenth of building a short text's report.
 */
static Datum
int4_array_datum(const int32 *values, int n)
{
	ArrayType  *result;
	Size		nbytes;

	if (n == 0)
		return PointerGetDatum(construct_empty_array(INT4OID));
	nbytes = ARR_OVERHEAD_NONULLS(1) + sizeof(int32) * (Size) n;
	result = (ArrayType *) palloc0(nbytes);
	SET_VARSIZE(result, nbytes);
	result->ndim = 1;
	result->dataoffset = 0;
	result->elemtype = INT4OID;
	ARR_DIMS(result)[0] = n;
	ARR_LBOUND(result)[0] = 1;
	memcpy(ARR_DATA_PTR(result), values, sizeof(int32) * (Size) n);
	return PointerGetDatum(result);
}

/*
 * The elements of an int4[], NULLs read as null_value: the array's own
 * data when it is one-dimensional without NULLs (as the parser writes
 * them), else a palloc'd copy.
 */
static const int32 *
int4_array_values(Datum d, int *n, int32 null_value)
{
	ArrayType  *arr = DatumGetArrayTypeP(d);
	Datum	   *elems;
	bool	   *enulls;
	int32	   *values;

	if (ARR_NDIM(arr) == 1 && !ARR_HASNULL(arr) && ARR_ELEMTYPE(arr) == INT4OID)
	{
		*n = ARR_DIMS(arr)[0];
		return (const int32 *) ARR_DATA_PTR(arr);
	}
	deconstruct_array(arr, INT4OID, 4, true, TYPALIGN_INT, &elems, &enulls, n);
	values = palloc(sizeof(int32) * Max(*n, 1));
	for (int k = 0; k < *n; k++)
		values[k] = enulls[k] ? null_value : DatumGetInt32(elems[k]);
	return values;
}

static Datum
fingerprint_datum(const GiarReport *report)
{
	int32		elems[GIAR_FINGERPRINT_SIZE];

	for (int i = 0; i < GIAR_FINGERPRINT_SIZE; i++)
		elems[i] = (int32) report->fingerprint[i];
	return int4_array_datum(elems, GIAR_FINGERPRINT_SIZE);
}

static Datum
parts_datum(const GiarReport *report)
{
	int32		elems[GIAR_NPARTS];
	int			n = 0;

	for (int k = 1; k <= GIAR_NPARTS; k++)
		if (report->parts_present & (1u << k))
			elems[n++] = k;
	return int4_array_datum(elems, n);
}

/* Does the report state anything of this part (a stated_only composite)? */
static bool
states_anything(const CompositeShape *cs, const GiarReport *report)
{
	for (int i = 0; i < cs->ncells; i++)
		if (report->cells[cs->cells[i]].present)
			return true;
	if (cs->has_outcomes)
		for (int k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
			if (report->prose_outcomes[k].present)
				return true;
	return cs->has_shares && report->nshares > 0;
}

static Datum composite_datum(ReportShape *rs, CompositeShape *cs,
							 const GiarReport *report);

/*
 * A table, row or narrative the report states nothing of is the same value
 * every time (a composite of NULLs, and no shares): made once in the
 * shape's context and handed out as it is, since the enclosing tuple
 * copies it.  Most reports lack some rows, and short texts all tables and
 * the prose figures.
 */
static Datum
all_null_datum(ReportShape *rs, CompositeShape *cs, const GiarReport *report)
{
	if (cs->all_null == (Datum) 0)
	{
		MemoryContext old = MemoryContextSwitchTo(rs->mcxt);
		Datum		d;

		cs->stated_only = false;	/* build it the long way, once */
		d = composite_datum(rs, cs, report);
		cs->stated_only = true;
		cs->all_null = d;
		MemoryContextSwitchTo(old);
	}
	return cs->all_null;
}

/* Attributes whose values composite_datum keeps on the stack. */
#define COMPOSITE_ATTS_HERE 48

static Datum
composite_datum(ReportShape *rs, CompositeShape *cs, const GiarReport *report)
{
	int			natts = cs->desc->natts;
	Datum		values_here[COMPOSITE_ATTS_HERE];
	bool		nulls_here[COMPOSITE_ATTS_HERE];
	Datum	   *values = values_here;
	bool	   *nulls = nulls_here;

	if (cs->stated_only && !states_anything(cs, report))
		return all_null_datum(rs, cs, report);
	/* on the stack: some forty composites a report, two allocations each */
	if (natts > COMPOSITE_ATTS_HERE)
	{
		values = palloc(sizeof(Datum) * natts);
		nulls = palloc(sizeof(bool) * natts);
	}
	memset(values, 0, sizeof(Datum) * natts);
	memset(nulls, 0, sizeof(bool) * natts);

	for (int i = 0; i < natts; i++)
	{
		AttrShape  *as = &cs->atts[i];

		switch (as->kind)
		{
			case FIELD_NONE:
				nulls[i] = true;
				break;
			case FIELD_CELL:
				if (report->cells[as->cell].present)
					values[i] = number_datum(report->cells[as->cell], as->typid,
											 &nulls[i]);
				else
					nulls[i] = true;
				break;
			case FIELD_COMPOSITE:
				values[i] = composite_datum(rs, as->sub, report);
				break;
			case FIELD_FORMAT:
				values[i] = rs->texts.format[report->format];
				break;
			case FIELD_YEAR:
				values[i] = year_datum(report->year, &nulls[i]);
				break;
			case FIELD_TITLE_YEAR:
				values[i] = year_datum(report->title_year, &nulls[i]);
				break;
			case FIELD_PERIOD_YEAR:
				values[i] = year_datum(report->period_year, &nulls[i]);
				break;
			case FIELD_AGENCY:
				nulls[i] = report->agency == NULL;
				if (report->agency)
					values[i] = utf8_text(report->agency);
				break;
			case FIELD_PUBLISHED:
				nulls[i] = report->published.year == 0;
				if (!nulls[i])
					values[i] = DateADTGetDatum(date2j(report->published.year,
													   report->published.month,
													   report->published.day) -
												POSTGRES_EPOCH_JDATE);
				break;
			case FIELD_INDEX_NUMBER:
				nulls[i] = report->index_number == NULL;
				if (report->index_number)
					values[i] = utf8_text(report->index_number);
				break;
			case FIELD_PARTS_PRESENT:
				values[i] = report->parts_present ? parts_datum(report) :
					rs->texts.no_parts;
				break;
			case FIELD_T2_STATUS:
			case FIELD_T3_STATUS:
			case FIELD_T4_STATUS:
				values[i] = rs->texts.status[report->table_status[as->kind - FIELD_T2_STATUS]];
				break;
			case FIELD_T2_FORMAT:
			case FIELD_T3_FORMAT:
				{
					GiarFormat	f = report->table_format[as->kind - FIELD_T2_FORMAT];

					nulls[i] = f == GIAR_FORMAT_UNKNOWN;
					if (!nulls[i])
						values[i] = rs->texts.format[f];
				}
				break;
			case FIELD_DIAGNOSTICS:
				values[i] = diagnostics_datum(rs, report);
				break;
			case FIELD_PARSER_VERSION:
				values[i] = rs->texts.parser_version;
				break;
			case FIELD_LIBRARIES:
				values[i] = rs->texts.libraries;
				break;
			case FIELD_FINGERPRINT:
				nulls[i] = !report->has_fingerprint;
				if (!nulls[i])
					values[i] = fingerprint_datum(report);
				break;
			case FIELD_UNREADABLE:
				/* a bool that is true is the byte 1 */
				if (memchr(report->unreadable, 1, sizeof(report->unreadable)) == NULL)
					values[i] = rs->texts.no_keys;
				else
				{
					Datum	   *keys = palloc(sizeof(Datum) * GIAR_NCELLS);
					int			n = 0;

					for (int c = 0; c < GIAR_NCELLS; c++)
						if (report->unreadable[c])
							keys[n++] = CStringGetTextDatum(giar_dict_by_cell(c)->key);
					values[i] = PointerGetDatum(construct_array(keys, n, TEXTOID, -1,
																false, TYPALIGN_INT));
				}
				break;
			case FIELD_PROSE_OUTCOME:
				if (report->prose_outcomes[as->cell].present)
					values[i] = number_datum(report->prose_outcomes[as->cell],
											 as->typid, &nulls[i]);
				else
					nulls[i] = true;
				break;
			case FIELD_SHARES:
				values[i] = shares_datum(rs, report);
				break;
		}
	}
	return HeapTupleGetDatum(heap_form_tuple(cs->desc, values, nulls));
}

Datum
report_to_datum(ReportShape *shape, const GiarReport *report)
{
	return composite_datum(shape, shape->root, report);
}

Datum
report_to_datum_version(ReportShape *shape, const GiarReport *report,
						text *parser_version, text *libraries)
{
	CompositeShape *cs = shape->root;
	Datum		result = composite_datum(shape, cs, report);
	int			attnums[2];
	Datum		values[2];
	bool		nulls[2];
	int			n = 0;
	HeapTupleHeader th;
	HeapTupleData tuple;

	/* the fields a GiarReport does not hold, set in the built tuple */
	for (int i = 0; i < cs->desc->natts; i++)
	{
		text	   *given;

		if (cs->atts[i].kind == FIELD_PARSER_VERSION)
			given = parser_version;
		else if (cs->atts[i].kind == FIELD_LIBRARIES)
			given = libraries;
		else
			continue;
		attnums[n] = i + 1;
		values[n] = PointerGetDatum(given);
		nulls[n] = given == NULL;
		n++;
	}
	if (n == 0)
		return result;
	th = DatumGetHeapTupleHeader(result);
	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	return HeapTupleGetDatum(heap_modify_tuple_by_cols(&tuple, cs->desc, n,
													   attnums, values, nulls));
}

/* ------------------------------------------------------------------ */
/* Datum -> GiarReport                                                 */
/* ------------------------------------------------------------------ */

static GiarNumber
number_from_datum(Datum d, Oid typid)
{
	GiarNumber	n = {0, 0, true};

	switch (typid)
	{
		case INT8OID:
			n.digits = DatumGetInt64(d);
			return n;
		case INT4OID:
			n.digits = DatumGetInt32(d);
			return n;
		case NUMERICOID:
			{
				char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out, d));
				const char *p = s;
				bool		negative = false;
				bool		point = false;
				int			digits = 0;

				if (*p == '-')
				{
					negative = true;
					p++;
				}
				for (; *p; p++)
				{
					if (*p == '.' && !point)
					{
						point = true;
						continue;
					}
					if (*p < '0' || *p > '9' || ++digits > 18)
						ereport(ERROR,
								(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
								 errmsg("report cell value \"%s\" is out of range", s),
								 errdetail("Cells hold at most 18 significant digits."),
								 errhint("Use values produced by giar.parse_report().")));
					n.digits = n.digits * 10 + (*p - '0');
					if (point)
						n.scale++;
				}
				/* drop trailing zeros of the fraction: 12.50 is 12.5 */
				while (n.scale > 0 && n.digits % 10 == 0)
				{
					n.digits /= 10;
					n.scale--;
				}
				if (negative)
					n.digits = -n.digits;
				return n;
			}
		default:
			n.present = false;
			return n;
	}
}

static char *
text_datum_utf8(Datum d)
{
	text	   *t = DatumGetTextPP(d);

	return pg_server_to_any(text_to_cstring(t), VARSIZE_ANY_EXHDR(t), PG_UTF8);
}

/*
 * Which of the fixed texts (n of them) d is, by its bytes: a stored
 * report's format and table statuses are the texts composite_datum wrote,
 * read without a copy and a lookup by name.  -1: none of them, byte for
 * byte (compressed, or written otherwise); the caller reads it by name.
 */
static int
fixed_text_index(Datum d, const Datum *texts, int n)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	Size		size;

	if (VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v))
		return -1;
	size = VARSIZE_ANY_EXHDR(v);
	for (int k = 0; k < n; k++)
	{
		struct varlena *t = (struct varlena *) DatumGetPointer(texts[k]);

		if (VARSIZE_ANY_EXHDR(t) == size &&
			memcmp(VARDATA_ANY(t), VARDATA_ANY(v), size) == 0)
			return k;
	}
	return -1;
}

static void
invalid_field(const char *field, const char *value, const char *allowed)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid giar.report: %s \"%s\"", field, value),
			 errdetail("Allowed values: %s.", allowed),
			 errhint("Build reports with giar.parse_report().")));
}

/* A format field (the report's, a table's): by its bytes, else by name. */
static void
read_format_field(ReportShape *rs, Datum d, GiarFormat *dest, const char *field,
				  const char *allowed)
{
	int			f = fixed_text_index(d, rs->texts.format, lengthof(rs->texts.format));
	char	   *s;

	if (f >= 0)
	{
		*dest = (GiarFormat) f;
		return;
	}
	s = text_datum_utf8(d);
	if (!giar_format_from_name(s, dest))
		invalid_field(field, s, allowed);
}

/* A table status field: by its bytes, else by name. */
static void
read_status_field(ReportShape *rs, Datum d, GiarTableStatus *dest)
{
	int			t = fixed_text_index(d, rs->texts.status, lengthof(rs->texts.status));
	char	   *s;

	if (t >= 0)
	{
		*dest = (GiarTableStatus) t;
		return;
	}
	s = text_datum_utf8(d);
	if (!giar_table_status_from_name(s, dest))
		invalid_field("table status", s,
					  "parsed, partial, not_machine_readable, missing");
}

static void
read_shares(ReportShape *rs, Datum d, GiarReport *report)
{
	ArrayType  *arr = DatumGetArrayTypeP(d);
	Datum	   *elems;
	bool	   *enulls;
	int			n;
	const ElementType *et = &rs->share_elem;

	deconstruct_array(arr, et->typid, et->typlen, et->typbyval, et->typalign,
					  &elems, &enulls, &n);
	report->shares = palloc0(sizeof(GiarShare) * Max(n, 1));
	report->nshares = 0;
	for (int i = 0; i < n; i++)
	{
		HeapTupleHeader th;
		HeapTupleData tuple;
		Datum		values[4];
		bool		nulls[4];
		GiarShare  *sh;
		char	   *name;
		int			k;

		if (enulls[i])
			continue;
		th = DatumGetHeapTupleHeader(elems[i]);
		tuple.t_len = HeapTupleHeaderGetDatumLength(th);
		ItemPointerSetInvalid(&tuple.t_self);
		tuple.t_tableOid = InvalidOid;
		tuple.t_data = th;
		heap_deform_tuple(&tuple, rs->share_desc, values, nulls);
		if (nulls[0] || nulls[1] || nulls[2])
			continue;
		name = text_datum_utf8(values[0]);
		for (k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
			if (strcmp(name, report_outcome_names[k]) == 0)
				break;
		if (k == GIAR_PROSE_NOUTCOMES)
			invalid_field("share outcome", name,
						  "disclosed, partially_disclosed, withheld, unavailable, not_processed, other_handling");
		sh = &report->shares[report->nshares++];
		sh->outcome = (GiarProseOutcome) k;
		sh->count = DatumGetInt64(values[1]);
		sh->percent = number_from_datum(values[2], NUMERICOID);
		sh->line = nulls[3] ? 0 : DatumGetInt32(values[3]);
	}
}

/*
 * Is d the value a stated_only composite has when the report states none of
 * its cells (the image composite_datum makes, all_null)?  Then there is
 * nothing to read in it: parts a report does not have (a table not found,
 * the 2019 rows of a 2021 report) are stored as such values.  A value
 * that differs in any byte is read as usual.
 */
static bool
is_all_null_value(ReportShape *rs, CompositeShape *cs, Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	struct varlena *image;
	Size		size;

	if (VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v))
		return false;			/* compressed or external: read as usual */
	if (cs->all_null == (Datum) 0)
	{
		GiarReport *empty = palloc0(sizeof(GiarReport));

		(void) all_null_datum(rs, cs, empty);
		pfree(empty);
	}
	image = (struct varlena *) DatumGetPointer(cs->all_null);
	size = VARSIZE_ANY_EXHDR(v);
	return size == VARSIZE_ANY_EXHDR(image) &&
		memcmp(VARDATA_ANY(v), VARDATA_ANY(image), size) == 0;
}

/*
 * A row of bigint cells (a row of table 3, a group of table 4, most rows of
 * table 2): its fields read straight from the tuple, as heap_deform_tuple
 * reads fixed-length fields (each at its alignment, none stored for a
 * NULL), without going through the generic loop and a Datum array; the
 * checks read some thirty such rows a report.
 */
static void
read_bigint_cells(CompositeShape *cs, HeapTupleHeader th, GiarReport *report)
{
	int			natts = Min(cs->desc->natts, HeapTupleHeaderGetNatts(th));
	bool		hasnulls = (th->t_infomask & HEAP_HASNULL) != 0;
	const char *data = (const char *) th + th->t_hoff;
	uint32		off = 0;

	/* attributes beyond those stored are NULL (a type grown since) */
	for (int i = 0; i < natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(cs->desc, i);
		GiarNumber *n;

		if (hasnulls && att_isnull(i, th->t_bits))
			continue;
		off = att_align_nominal(off, attr->attalign);
		n = &report->cells[cs->atts[i].cell];
		n->digits = DatumGetInt64(fetch_att(data + off, true, sizeof(int64)));
		n->scale = 0;
		n->present = true;
		off += sizeof(int64);
	}
}

static void
read_composite(ReportShape *rs, CompositeShape *cs, HeapTupleHeader th,
			   GiarReport *report)
{
	HeapTupleData tuple;
	int			natts = cs->desc->natts;
	Datum		values_here[64];
	bool		nulls_here[64];
	/* most composites of the report are rows of a few cells: no palloc */
	Datum	   *values;
	bool	   *nulls;

	if (cs->bigint_cells)
	{
		read_bigint_cells(cs, th, report);
		return;
	}
	values = natts <= 64 ? values_here : palloc(sizeof(Datum) * natts);
	nulls = natts <= 64 ? nulls_here : palloc(sizeof(bool) * natts);
	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	heap_deform_tuple(&tuple, cs->desc, values, nulls);

	for (int i = 0; i < natts; i++)
	{
		AttrShape  *as = &cs->atts[i];

		if (nulls[i])
			continue;
		/*
		 * bigint cells, most attributes of the report, before the switch
		 * and its indirect jump
		 */
		if (as->kind == FIELD_CELL && as->typid == INT8OID)
		{
			GiarNumber *n = &report->cells[as->cell];

			n->digits = DatumGetInt64(values[i]);
			n->scale = 0;
			n->present = true;
			continue;
		}
		switch (as->kind)
		{
			case FIELD_CELL:
				report->cells[as->cell] = number_from_datum(values[i], as->typid);
				break;
			case FIELD_COMPOSITE:
				if (as->sub->stated_only && is_all_null_value(rs, as->sub, values[i]))
					break;
				if (VARATT_IS_SHORT(DatumGetPointer(values[i])))
				{
					/*
					 * A nested row under 127 bytes (a row of table 3, a
					 * group of table 4) is stored with a 1-byte header;
					 * DatumGetHeapTupleHeader would palloc a copy with the
					 * 4-byte header for each.  The same copy is made here
					 * on the stack, and read with the same tuple functions.
					 */
					union
					{
						char		bytes[VARHDRSZ + VARATT_SHORT_MAX];
						int64		align;	/* MAXALIGN for the row's fields */
					}			row;
					const char *v = DatumGetPointer(values[i]);
					Size		data_size = VARSIZE_SHORT(v) - VARHDRSZ_SHORT;

					SET_VARSIZE(row.bytes, data_size + VARHDRSZ);
					memcpy(VARDATA(row.bytes), VARDATA_SHORT(v), data_size);
					read_composite(rs, as->sub, (HeapTupleHeader) row.bytes, report);
				}
				else
					read_composite(rs, as->sub, DatumGetHeapTupleHeader(values[i]), report);
				break;
			case FIELD_FORMAT:
				read_format_field(rs, values[i], &report->format, "format",
								  "2021, 2019, legacy, unknown");
				break;
			case FIELD_T2_FORMAT:
			case FIELD_T3_FORMAT:
				read_format_field(rs, values[i],
								  &report->table_format[as->kind - FIELD_T2_FORMAT],
								  "table format", "2021, 2019");
				break;
			case FIELD_T2_STATUS:
			case FIELD_T3_STATUS:
			case FIELD_T4_STATUS:
				read_status_field(rs, values[i],
								  &report->table_status[as->kind - FIELD_T2_STATUS]);
				break;
			case FIELD_YEAR:
				report->year = DatumGetInt32(values[i]);
				break;
			case FIELD_TITLE_YEAR:
				report->title_year = DatumGetInt32(values[i]);
				break;
			case FIELD_PERIOD_YEAR:
				report->period_year = DatumGetInt32(values[i]);
				break;
			case FIELD_AGENCY:
				report->agency = text_datum_utf8(values[i]);
				break;
			case FIELD_INDEX_NUMBER:
				report->index_number = text_datum_utf8(values[i]);
				break;
			case FIELD_PUBLISHED:
				{
					DateADT		date = DatumGetDateADT(values[i]);

					if (!DATE_NOT_FINITE(date))
						j2date(date + POSTGRES_EPOCH_JDATE, &report->published.year,
							   &report->published.month, &report->published.day);
				}
				break;
			case FIELD_PARTS_PRESENT:
				{
					int			n;
					const int32 *parts = int4_array_values(values[i], &n, 0);

					for (int k = 0; k < n; k++)
						if (parts[k] >= 1 && parts[k] <= GIAR_NPARTS)
							report->parts_present |= 1u << parts[k];
				}
				break;
			case FIELD_PROSE_OUTCOME:
				report->prose_outcomes[as->cell] = number_from_datum(values[i], as->typid);
				break;
			case FIELD_FINGERPRINT:
				{
					int			n;
					const int32 *bins = int4_array_values(values[i], &n,
														 (int32) UINT32_MAX);

					if (n == GIAR_FINGERPRINT_SIZE)
					{
						for (int k = 0; k < GIAR_FINGERPRINT_SIZE; k++)
							report->fingerprint[k] = (uint32_t) bins[k];
						report->has_fingerprint = true;
					}
				}
				break;
			case FIELD_SHARES:
				read_shares(rs, values[i], report);
				break;
			case FIELD_UNREADABLE:
				{
					ArrayType  *arr = DatumGetArrayTypeP(values[i]);
					Datum	   *elems;
					bool	   *enulls;
					int			n;

					deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT,
									  &elems, &enulls, &n);
					for (int k = 0; k < n; k++)
					{
						const GiarDictEntry *e;

						if (enulls[k])
							continue;
						e = giar_dict_by_key(TextDatumGetCString(elems[k]));
						if (e && e->cell >= 0)
							report->unreadable[e->cell] = true;
					}
				}
				break;
			case FIELD_NONE:
			case FIELD_DIAGNOSTICS:
			case FIELD_PARSER_VERSION:
			case FIELD_LIBRARIES:
				break;
		}
	}
}

void
report_from_datum(ReportShape *shape, HeapTupleHeader tuple, GiarReport *report)
{
	memset(report, 0, sizeof(*report));
	read_composite(shape, shape->root, tuple, report);
}
