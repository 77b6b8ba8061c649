/*
 * reads.c
 *		The read side BI tools use, in C: giar.tidy, giar.table2, table3,
 *		table4 and giar.summary.  Each reads a stored report once (one
 *		detoast, one pass over its attributes) and takes labels and keys
 *		from the dictionary compiled into the parser, never from a table,
 *		so they are IMMUTABLE and cost a few per cent of parsing the text.
 *
 * table2/3/4 fill their result columns by name: a column is the
 * dictionary entry whose row and column keys it names (table 2:
 * row_column, table 3: a row key for each applicant column, table 4: an
 * outcome for each group), so the SQL declaration is the one list of
 * columns.  summary counts errors and warnings from the findings it is
 * given (the stored column of giar.documents), or checks the report when
 * called with the report alone.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"

#include "check.h"
#include "encoding.h"
#include "report_datum.h"

PG_FUNCTION_INFO_V1(giar_tidy);
PG_FUNCTION_INFO_V1(giar_table2);
PG_FUNCTION_INFO_V1(giar_table3);
PG_FUNCTION_INFO_V1(giar_table4);
PG_FUNCTION_INFO_V1(giar_summary_findings);

/* Whole numbers below this are made once per call site (most cells are small). */
#define SMALL_NUMERICS 1024

/* The texts of a dictionary entry, as tidy returns them. */
typedef struct EntryTexts
{
	Datum		key;
	Datum		table_name;
	Datum		row_key;
	Datum		column_key;		/* (Datum) 0: NULL */
	Datum		row_label;
	Datum		column_label;	/* (Datum) 0: NULL */
	Datum		label;
	Datum		unit;			/* (Datum) 0: NULL */
} EntryTexts;

/* What a call site keeps between calls (flinfo->fn_extra). */
typedef struct ReadCache
{
	ReportShape *shape;
	Datum		small[SMALL_NUMERICS];	/* numeric k, made when first needed */
	EntryTexts *texts;			/* tidy: by dictionary index */
	HeapTuple  *templates;		/* tidy: each entry's row with value 0, or NULL */
	/* table2/3/4: the dictionary index of each (row, attribute); -1: none */
	TupleDesc	desc;
	int			nrows;
	int		   *entry;			/* [nrows * natts] */
	Datum	   *row_key;		/* table 3/4: the first two columns */
	Datum	   *row_label;
} ReadCache;

static ReadCache *
read_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(ReadCache));
	return (ReadCache *) fcinfo->flinfo->fn_extra;
}

/* The report argument read into *report. */
static void
read_report(FunctionCallInfo fcinfo, ReadCache *cache, GiarReport *report)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(0);

	report_from_datum(report_shape_get(fcinfo->flinfo->fn_mcxt, &cache->shape,
									   HeapTupleHeaderGetTypeId(th)),
					  th, report);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

static Datum
numeric_of(ReadCache *cache, MemoryContext mcxt, GiarNumber n)
{
	char		buf[64];

	if (n.scale == 0 && n.digits >= 0 && n.digits < SMALL_NUMERICS)
	{
		if (cache->small[n.digits] == (Datum) 0)
		{
			MemoryContext old = MemoryContextSwitchTo(mcxt);

			cache->small[n.digits] = NumericGetDatum(int64_to_numeric(n.digits));
			MemoryContextSwitchTo(old);
		}
		return cache->small[n.digits];
	}
	if (n.scale == 0)
		return NumericGetDatum(int64_to_numeric(n.digits));
	giar_number_format(n, buf, sizeof(buf));
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* A count as bigint: decimals (a misprint CELL_INTEGER reports) rounded */
static int64
whole_of(GiarNumber n)
{
	int64		unit = 1;
	int64		half;

	for (int k = 0; k < n.scale && k < 18; k++)
		unit *= 10;
	if (unit == 1)
		return n.digits;
	half = unit / 2;
	return n.digits >= 0 ? (n.digits + half) / unit : -((-n.digits + half) / unit);
}

typedef struct CellValues
{
	GiarNumber	v[512];			/* by dictionary index */
} CellValues;

StaticAssertDecl(512 >= 270, "room for every dictionary entry");

static bool
note_cell(void *arg, const GiarDictEntry *entry, GiarNumber value)
{
	CellValues *cv = arg;

	cv->v[entry - giar_dictionary] = value;
	return true;
}

/* Every stated cell of the report, derived subtotals included. */
static void
cell_values(const GiarReport *report, CellValues *cv)
{
	if (giar_dictionary_size > (int) lengthof(cv->v))
		elog(ERROR, "giar: %d dictionary entries, room for %d",
			 giar_dictionary_size, (int) lengthof(cv->v));
	memset(cv->v, 0, sizeof(GiarNumber) * giar_dictionary_size);
	giar_report_cells(report, note_cell, cv);
}

/* The value of entry e for an attribute of type typid. */
static Datum
attribute_value(ReadCache *cache, MemoryContext mcxt, Oid typid, GiarNumber n)
{
	if (typid == INT8OID)
		return Int64GetDatum(whole_of(n));
	if (typid == INT4OID)
		return Int32GetDatum((int32) whole_of(n));
	return numeric_of(cache, mcxt, n);
}

static Datum
entry_text(const char *s)
{
	return s ? PointerGetDatum(giar_utf8_to_text(s, (int) strlen(s))) : (Datum) 0;
}

/* ------------------------------------------------------------------ */
/* giar.tidy(report)                                                   */
/* ------------------------------------------------------------------ */

static void
make_entry_texts(ReadCache *cache, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);

	cache->texts = palloc0(sizeof(EntryTexts) * giar_dictionary_size);
	for (int i = 0; i < giar_dictionary_size; i++)
	{
		const GiarDictEntry *e = &giar_dictionary[i];
		EntryTexts *t = &cache->texts[i];
		char	   *label = e->column_label ?
			psprintf("%s／%s", e->row_label, e->column_label) : pstrdup(e->row_label);

		t->key = entry_text(e->key);
		t->table_name = entry_text(e->table_name);
		t->row_key = entry_text(e->row_key);
		t->column_key = entry_text(e->column_key);
		t->row_label = entry_text(e->row_label);
		t->column_label = entry_text(e->column_label);
		t->label = entry_text(label);
		t->unit = entry_text(e->unit);
	}
	MemoryContextSwitchTo(old);
}

/* A tidy row's values for entry i with value v (nulls set too). */
static void
tidy_values(ReadCache *cache, MemoryContext mcxt, int i, GiarNumber v,
			Datum *values, bool *nulls)
{
	const GiarDictEntry *e = &giar_dictionary[i];
	const EntryTexts *t = &cache->texts[i];

	memset(nulls, 0, sizeof(bool) * 10);
	values[0] = t->key;
	values[1] = t->table_name;
	values[2] = t->row_key;
	values[3] = t->column_key;
	nulls[3] = t->column_key == (Datum) 0;
	values[4] = t->row_label;
	values[5] = t->column_label;
	nulls[5] = t->column_label == (Datum) 0;
	values[6] = t->label;
	values[7] = t->unit;
	nulls[7] = t->unit == (Datum) 0;
	values[8] = BoolGetDatum(e->derived_first >= 0);	/* as giar.dictionary */
	values[9] = numeric_of(cache, mcxt, v);
}

/*
 * Each entry's row with the value 0, formed once per call site: a row of
 * tidy is nine fixed columns and the value last, and forming the fixed
 * ones again for every cell was half of tidy's time.  A row with another
 * value is the template with its last bytes, the value's, replaced: the
 * value is a short varlena (a numeric of a report's 18 digits is), stored
 * unaligned at the end of the tuple, so nothing before it moves.  An entry
 * whose template does not end so has none, and its rows are formed whole.
 */
static void
make_tidy_templates(ReadCache *cache, MemoryContext mcxt, TupleDesc desc)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	GiarNumber	zero = {0, 0, true};
	Datum		zero_numeric = numeric_of(cache, mcxt, zero);
	Size		zero_bytes = VARSIZE_ANY_EXHDR(DatumGetPointer(zero_numeric)) + VARHDRSZ_SHORT;

	cache->templates = palloc0(sizeof(HeapTuple) * giar_dictionary_size);
	for (int i = 0; i < giar_dictionary_size; i++)
	{
		Datum		values[10];
		bool		nulls[10];
		HeapTuple	tuple;
		char	   *last;

		tidy_values(cache, mcxt, i, zero, values, nulls);
		tuple = heap_form_tuple(desc, values, nulls);
		last = (char *) tuple->t_data + tuple->t_len - zero_bytes;
		if (TupleDescAttr(desc, 9)->attlen == -1 && VARATT_IS_SHORT(last) &&
			VARSIZE_SHORT(last) == zero_bytes &&
			memcmp(VARDATA_SHORT(last), VARDATA_ANY(DatumGetPointer(zero_numeric)),
				   zero_bytes - VARHDRSZ_SHORT) == 0)
			cache->templates[i] = tuple;
	}
	MemoryContextSwitchTo(old);
}

Datum
giar_tidy(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ReadCache  *cache = read_cache(fcinfo);
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	GiarReport *report = palloc(sizeof(GiarReport));
	CellValues *cv = palloc(sizeof(CellValues));
	char	   *buf = NULL;
	Size		bufsize = 0;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (rsinfo->setDesc->natts != 10)
		elog(ERROR, "giar.tidy returns 10 columns, the declaration has %d",
			 rsinfo->setDesc->natts);
	if (cache->texts == NULL)
		make_entry_texts(cache, mcxt);
	if (cache->templates == NULL)
		make_tidy_templates(cache, mcxt, rsinfo->setDesc);
	read_report(fcinfo, cache, report);
	cell_values(report, cv);
	/* the rows of a year and metadata are giar.cells'; tidy has the cells */
	for (int i = 0; i < giar_dictionary_size; i++)
	{
		HeapTuple	template = cache->templates[i];
		Datum		values[10];
		bool		nulls[10];

		if (!cv->v[i].present)
			continue;
		if (template != NULL)
		{
			Datum		num = numeric_of(cache, mcxt, cv->v[i]);
			Size		data = VARSIZE_ANY_EXHDR(DatumGetPointer(num));
			Size		zero_bytes = VARSIZE_ANY_EXHDR(DatumGetPointer(cache->small[0])) + VARHDRSZ_SHORT;
			Size		prefix = template->t_len - zero_bytes;

			if (num == cache->small[0])
			{
				/* the template is the row (the tuplestore copies it) */
				tuplestore_puttuple(rsinfo->setResult, template);
				continue;
			}
			if (data + VARHDRSZ_SHORT <= VARATT_SHORT_MAX)
			{
				HeapTupleData row;

				if (prefix + VARHDRSZ_SHORT + data > bufsize)
				{
					bufsize = prefix + VARHDRSZ_SHORT + data + 64;
					buf = buf ? repalloc(buf, bufsize) : palloc(bufsize);
				}
				memcpy(buf, template->t_data, prefix);
				SET_VARSIZE_SHORT(buf + prefix, VARHDRSZ_SHORT + data);
				memcpy(buf + prefix + VARHDRSZ_SHORT, VARDATA_ANY(DatumGetPointer(num)), data);
				row = *template;
				row.t_len = prefix + VARHDRSZ_SHORT + data;
				row.t_data = (HeapTupleHeader) buf;
				tuplestore_puttuple(rsinfo->setResult, &row);
				continue;
			}
		}
		tidy_values(cache, mcxt, i, cv->v[i], values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ------------------------------------------------------------------ */
/* giar.table2/3/4(report): the tables as BI tools lay them out        */
/* ------------------------------------------------------------------ */

/* The dictionary entry of table, row and column, or -1. */
static int
find_entry(const char *table, const char *row, int rowlen, const char *col)
{
	for (int i = 0; i < giar_dictionary_size; i++)
	{
		const GiarDictEntry *e = &giar_dictionary[i];

		if (strcmp(e->table_name, table) == 0 &&
			(int) strlen(e->row_key) == rowlen &&
			strncmp(e->row_key, row, rowlen) == 0 &&
			e->column_key && strcmp(e->column_key, col) == 0)
			return i;
	}
	return -1;
}

/*
 * The layout of a table function's result: for table 2 one row whose
 * columns are named row_column; for tables 3 and 4 a row per key of
 * row_keys (the first two columns its key and label), whose other columns
 * are named by the entry's other key.  Made once per call site.
 */
static void
make_layout(ReadCache *cache, MemoryContext mcxt, TupleDesc desc,
			const char *table, const char *const *row_keys, int nrows,
			bool rows_are_columns)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	int			first = row_keys ? 2 : 0;

	cache->desc = CreateTupleDescCopy(desc);
	cache->nrows = row_keys ? nrows : 1;
	cache->entry = palloc(sizeof(int) * cache->nrows * desc->natts);
	cache->row_key = palloc0(sizeof(Datum) * cache->nrows);
	cache->row_label = palloc0(sizeof(Datum) * cache->nrows);
	for (int r = 0; r < cache->nrows; r++)
		for (int a = 0; a < desc->natts; a++)
		{
			const char *name = NameStr(TupleDescAttr(desc, a)->attname);
			int		   *slot = &cache->entry[r * desc->natts + a];

			*slot = -1;
			if (a < first || TupleDescAttr(desc, a)->attisdropped)
				continue;
			if (row_keys == NULL)
			{
				/* row_column: the row key is the longest that fits */
				for (int i = 0; i < giar_dictionary_size && *slot < 0; i++)
				{
					const GiarDictEntry *e = &giar_dictionary[i];
					size_t		rl = strlen(e->row_key);

					if (strcmp(e->table_name, table) == 0 && e->column_key &&
						strncmp(name, e->row_key, rl) == 0 && name[rl] == '_' &&
						strcmp(name + rl + 1, e->column_key) == 0)
						*slot = i;
				}
			}
			else if (rows_are_columns)
				*slot = find_entry(table, name, (int) strlen(name), row_keys[r]);
			else
				*slot = find_entry(table, row_keys[r], (int) strlen(row_keys[r]), name);
			if (*slot < 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("column \"%s\" of giar.%s names no cell of the data dictionary",
								name, table),
						 errhint("The function's declaration and this giar build differ: run ALTER EXTENSION giar UPDATE.")));
		}
	if (row_keys)
		for (int r = 0; r < cache->nrows; r++)
		{
			/* key and label of the row: any entry of it tells */
			for (int a = first; a < desc->natts; a++)
			{
				int			i = cache->entry[r * desc->natts + a];

				if (i < 0)
					continue;
				cache->row_key[r] = entry_text(row_keys[r]);
				cache->row_label[r] = entry_text(rows_are_columns ?
												 giar_dictionary[i].column_label :
												 giar_dictionary[i].row_label);
				break;
			}
		}
	MemoryContextSwitchTo(old);
}

/*
 * Fill the rows of the layout from the report's cells; a row none of whose
 * cells is stated is left out (as GROUP BY over the stated cells did).
 */
static void
emit_layout(FunctionCallInfo fcinfo, ReadCache *cache, const CellValues *cv)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TupleDesc	desc = cache->desc;
	Datum	   *values = palloc(sizeof(Datum) * desc->natts);
	bool	   *nulls = palloc(sizeof(bool) * desc->natts);

	for (int r = 0; r < cache->nrows; r++)
	{
		bool		any = false;

		for (int a = 0; a < desc->natts; a++)
		{
			int			i = cache->entry[r * desc->natts + a];

			nulls[a] = true;
			values[a] = (Datum) 0;
			if (i < 0 || !cv->v[i].present)
				continue;
			values[a] = attribute_value(cache, fcinfo->flinfo->fn_mcxt,
										TupleDescAttr(desc, a)->atttypid, cv->v[i]);
			nulls[a] = false;
			any = true;
		}
		if (!any || cache->row_key[r] == (Datum) 0)
			continue;
		values[0] = cache->row_key[r];
		nulls[0] = false;
		values[1] = cache->row_label[r];
		nulls[1] = false;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

Datum
giar_table2(PG_FUNCTION_ARGS)
{
	ReadCache  *cache = read_cache(fcinfo);
	GiarReport *report = palloc(sizeof(GiarReport));
	CellValues *cv = palloc(sizeof(CellValues));
	TupleDesc	desc;
	Datum	   *values;
	bool	   *nulls;

	if (cache->desc == NULL)
	{
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "giar.table2 must return a record");
		make_layout(cache, fcinfo->flinfo->fn_mcxt, desc, "t2", NULL, 1, false);
		cache->desc = BlessTupleDesc(cache->desc);
	}
	read_report(fcinfo, cache, report);
	cell_values(report, cv);
	desc = cache->desc;
	values = palloc(sizeof(Datum) * desc->natts);
	nulls = palloc(sizeof(bool) * desc->natts);
	for (int a = 0; a < desc->natts; a++)
	{
		int			i = cache->entry[a];

		nulls[a] = i < 0 || !cv->v[i].present;
		values[a] = nulls[a] ? (Datum) 0 :
			attribute_value(cache, fcinfo->flinfo->fn_mcxt,
							TupleDescAttr(desc, a)->atttypid, cv->v[i]);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

static Datum
table_rows(FunctionCallInfo fcinfo, const char *table, const char *const *row_keys,
		   int nrows, bool rows_are_columns)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ReadCache  *cache = read_cache(fcinfo);
	GiarReport *report = palloc(sizeof(GiarReport));
	CellValues *cv = palloc(sizeof(CellValues));

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	if (cache->desc == NULL)
		make_layout(cache, fcinfo->flinfo->fn_mcxt, rsinfo->setDesc, table,
					row_keys, nrows, rows_are_columns);
	read_report(fcinfo, cache, report);
	cell_values(report, cv);
	emit_layout(fcinfo, cache, cv);
	return (Datum) 0;
}

/* Table 3: a row per applicant column, a column per row of the table. */
Datum
giar_table3(PG_FUNCTION_ARGS)
{
	return table_rows(fcinfo, "t3", giar_t3_column_keys, GIAR_T3_NCOLS, true);
}

/* Table 4: a row per group, a column per outcome. */
Datum
giar_table4(PG_FUNCTION_ARGS)
{
	return table_rows(fcinfo, "t4", giar_t4_group_keys, GIAR_T4_NGROUPS, false);
}

/* ------------------------------------------------------------------ */
/* giar.summary(report, findings)                                      */
/* ------------------------------------------------------------------ */

/* complete, partial, no_tables or not_a_report, as giar.parse_status */
static const char *
parse_status_of(const GiarReport *r)
{
	int			parsed = 0,
				partial = 0;

	for (int t = 0; t < GIAR_NTABLES; t++)
	{
		parsed += r->table_status[t] == GIAR_TABLE_PARSED;
		partial += r->table_status[t] == GIAR_TABLE_PARTIAL;
	}
	if (r->format == GIAR_FORMAT_UNKNOWN)
		return "not_a_report";
	if (parsed == GIAR_NTABLES)
		return "complete";
	if (parsed > 0 || partial > 0)
		return "partial";
	return "no_tables";
}

/* Assessable errors and warnings among findings (a giar.finding[]). */
static void
count_findings(ArrayType *findings, int *errors, int *warnings)
{
	Oid			elemtype = ARR_ELEMTYPE(findings);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *elem_nulls;
	int			n;

	*errors = *warnings = 0;
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(findings, elemtype, typlen, typbyval, typalign,
					  &elems, &elem_nulls, &n);
	for (int k = 0; k < n; k++)
	{
		HeapTupleHeader f;
		bool		isnull;
		Datum		severity;
		Datum		assessable;
		char	   *s;

		if (elem_nulls[k])
			continue;
		f = DatumGetHeapTupleHeader(elems[k]);
		assessable = GetAttributeByName(f, "assessable", &isnull);
		if (isnull || !DatumGetBool(assessable))
			continue;
		severity = GetAttributeByName(f, "severity", &isnull);
		if (isnull)
			continue;
		s = TextDatumGetCString(severity);
		*errors += strcmp(s, "error") == 0;
		*warnings += strcmp(s, "warning") == 0;
	}
}

static Datum
cell_bigint(const GiarReport *r, int cell, bool *isnull)
{
	*isnull = !r->cells[cell].present;
	return *isnull ? (Datum) 0 : Int64GetDatum(whole_of(r->cells[cell]));
}

/*
 * giar.summary(report, findings giar.finding[]): a report's headline
 * figures with the errors and warnings among the findings given (the
 * stored findings of giar.documents); the one-argument giar.summary passes
 * giar.check_report(report).
 */
Datum
giar_summary_findings(PG_FUNCTION_ARGS)
{
	ReadCache  *cache;
	GiarReport *r;
	TupleDesc	desc;
	Datum		values[16];
	bool		nulls[16] = {false};
	int			errors = 0,
				warnings = 0;
	int			handled = GIAR_CELL_T3(GIAR_T3_TOTAL_HANDLED, GIAR_T3_TOTAL);
	int			disclosed = GIAR_CELL_T3(GIAR_T3_DISCLOSED, GIAR_T3_TOTAL);
	int			direct = GIAR_CELL_T4(GIAR_T4_LITIGATION_DIRECT, GIAR_T4_TOTAL);
	int			after = GIAR_CELL_T4(GIAR_T4_LITIGATION_AFTER_REVIEW, GIAR_T4_TOTAL);

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	cache = read_cache(fcinfo);
	r = palloc(sizeof(GiarReport));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "giar.summary must return a record");
	if (desc->natts != 16)
		elog(ERROR, "giar.summary returns 16 columns, the declaration has %d",
			 desc->natts);
	read_report(fcinfo, cache, r);
	if (!PG_ARGISNULL(1))
		count_findings(PG_GETARG_ARRAYTYPE_P(1), &errors, &warnings);

	values[0] = Int32GetDatum(r->year);
	nulls[0] = r->year <= 0;
	values[1] = r->agency ? PointerGetDatum(giar_utf8_to_text(r->agency, (int) strlen(r->agency))) : (Datum) 0;
	nulls[1] = r->agency == NULL;
	values[2] = CStringGetTextDatum(giar_format_name(r->format));
	nulls[3] = r->published.year == 0;
	values[3] = nulls[3] ? (Datum) 0 :
		DateADTGetDatum(date2j(r->published.year, r->published.month, r->published.day) -
						POSTGRES_EPOCH_JDATE);
	values[4] = CStringGetTextDatum(parse_status_of(r));
	values[5] = cell_bigint(r, GIAR_CELL_T3(GIAR_T3_NEW_REQUESTS, GIAR_T3_TOTAL), &nulls[5]);
	values[6] = cell_bigint(r, GIAR_CELL_T3(GIAR_T3_CARRIED_OVER, GIAR_T3_TOTAL), &nulls[6]);
	values[7] = cell_bigint(r, handled, &nulls[7]);
	values[8] = cell_bigint(r, disclosed, &nulls[8]);
	/* disclosed / handled, rounded to 4 places; NULL without a total */
	nulls[9] = nulls[7] || nulls[8] || whole_of(r->cells[handled]) == 0;
	if (!nulls[9])
	{
		Datum		q = DirectFunctionCall2(numeric_div,
											NumericGetDatum(int64_to_numeric(whole_of(r->cells[disclosed]))),
											NumericGetDatum(int64_to_numeric(whole_of(r->cells[handled]))));

		values[9] = DirectFunctionCall2(numeric_round, q, Int32GetDatum(4));
	}
	values[10] = cell_bigint(r, GIAR_CELL_T3(GIAR_T3_CARRIED_FORWARD, GIAR_T3_TOTAL), &nulls[10]);
	values[11] = cell_bigint(r, GIAR_CELL_T4(GIAR_T4_REVIEW, GIAR_T4_TOTAL), &nulls[11]);
	nulls[12] = !r->cells[direct].present || !r->cells[after].present;
	values[12] = nulls[12] ? (Datum) 0 :
		Int64GetDatum(whole_of(r->cells[direct]) + whole_of(r->cells[after]));
	values[13] = Int32GetDatum(errors);
	values[14] = Int32GetDatum(warnings);
	values[15] = BoolGetDatum(errors == 0);
	if (PG_ARGISNULL(1))
		nulls[13] = nulls[14] = nulls[15] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
