/*
 * rollup.c
 *		giar.rollup(report): reports summed cell by cell, as an aggregate
 *		with combine, serial and deserial functions, so that parallel plans
 *		aggregate in their workers and a distributed cluster on its nodes.
 *
 * The state holds, for every table cell (tables 2, 3 and 4 and part 六's
 * fee table, the 2019 format's single （六）其他处理 row included), the sum
 * so far and whether every report added states it: a cell any report lacks
 * stays absent, so rollup(rollup(x) GROUP BY k) is rollup(x).  Year, format
 * and the tables' formats stay only where every report agrees.  Derived
 * subtotals follow from the sums when the result is read (giar.cells).
 *
 * Sums keep the largest number of decimals their terms have and at most 18
 * digits, what a report holds: a sum beyond that raises 22003 where it is
 * made, not in whatever later reads the result.
 */
#include "postgres.h"

#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "report_datum.h"

PG_FUNCTION_INFO_V1(giar_rollup_transition);
PG_FUNCTION_INFO_V1(giar_rollup_combine);
PG_FUNCTION_INFO_V1(giar_rollup_serialize);
PG_FUNCTION_INFO_V1(giar_rollup_deserialize);
PG_FUNCTION_INFO_V1(giar_rollup_final);

/* The table cells: every cell index before the narrative figures. */
#define ROLLUP_FIRST_CELL GIAR_CELL_T2_BASE
#define ROLLUP_NCELLS (GIAR_CELL_N_BASE - GIAR_CELL_T2_BASE)

/* A value (format, year) that every report added agrees on, or not. */
typedef struct Agreed
{
	bool		set;			/* some report gave one */
	bool		mixed;			/* reports gave different ones */
	int32		value;
} Agreed;

typedef struct RollupState
{
	int64		reports;
	Agreed		format;
	Agreed		year;
	Agreed		table_format[GIAR_NTABLES];
	/* present[c]: every report added states the cell; sum[c] its sum */
	bool		present[ROLLUP_NCELLS];
	GiarNumber	sum[ROLLUP_NCELLS];
} RollupState;

/* 10^18: a report's numbers have fewer digits */
#define MAX_MAGNITUDE INT64CONST(1000000000000000000)

static void
agree(Agreed *a, int32 value)
{
	if (!a->set)
	{
		a->set = true;
		a->value = value;
	}
	else if (a->value != value)
		a->mixed = true;
}

static void
agree_with(Agreed *a, const Agreed *b)
{
	if (!b->set)
		return;
	if (b->mixed)
		a->mixed = true;
	agree(a, b->value);
}

/* a + b at the larger scale; false when it leaves a report's 18 digits */
static bool
add_numbers(GiarNumber a, GiarNumber b, GiarNumber *sum)
{
	if (!giar_number_align(&a, &b))
		return false;
	if (pg_add_s64_overflow(a.digits, b.digits, &sum->digits) ||
		sum->digits >= MAX_MAGNITUDE || sum->digits <= -MAX_MAGNITUDE)
		return false;
	sum->scale = a.scale;
	sum->present = true;
	return true;
}

static void
add_cell(RollupState *st, int k, GiarNumber value)
{
	const GiarDictEntry *e;

	if (add_numbers(st->sum[k], value, &st->sum[k]))
		return;
	e = giar_dict_by_cell(ROLLUP_FIRST_CELL + k);
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("giar.rollup: the sum of %s has more than 18 digits",
					e ? e->key : "a cell"),
			 errdetail("A report holds numbers of at most 18 digits; the reports added so far sum beyond that."),
			 errhint("Roll up fewer reports at a time, or check the reports for misread values (giar.check_report).")));
}

static RollupState *
new_state(FunctionCallInfo fcinfo)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in a context other than an aggregate",
						"giar.rollup's support function"),
				 errhint("Call the aggregate giar.rollup(report).")));
	return MemoryContextAllocZero(aggcontext, sizeof(RollupState));
}

Datum
giar_rollup_transition(PG_FUNCTION_ARGS)
{
	RollupState *st = PG_ARGISNULL(0) ? NULL : (RollupState *) PG_GETARG_POINTER(0);
	HeapTupleHeader th;
	ReportShape **slot;
	GiarReport *report;

	if (st == NULL)
		st = new_state(fcinfo);
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(st);	/* a NULL report adds nothing */
	th = PG_GETARG_HEAPTUPLEHEADER(1);
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(ReportShape *));
	slot = (ReportShape **) fcinfo->flinfo->fn_extra;
	report = palloc(sizeof(GiarReport));
	report_from_datum(report_shape_get(fcinfo->flinfo->fn_mcxt, slot,
									   HeapTupleHeaderGetTypeId(th)),
					  th, report);

	agree(&st->format, (int32) report->format);
	agree(&st->year, report->year);
	for (int t = 0; t < GIAR_NTABLES; t++)
		if (report->table_format[t] != GIAR_FORMAT_UNKNOWN)
			agree(&st->table_format[t], (int32) report->table_format[t]);
	for (int k = 0; k < ROLLUP_NCELLS; k++)
	{
		const GiarNumber *v = &report->cells[ROLLUP_FIRST_CELL + k];

		if (st->reports == 0)
		{
			st->present[k] = v->present;
			if (v->present)
				st->sum[k] = *v;
		}
		else if (st->present[k] && !v->present)
			st->present[k] = false;
		else if (st->present[k])
			add_cell(st, k, *v);
	}
	st->reports++;
	pfree(report);
	PG_RETURN_POINTER(st);
}

Datum
giar_rollup_combine(PG_FUNCTION_ARGS)
{
	RollupState *a = PG_ARGISNULL(0) ? NULL : (RollupState *) PG_GETARG_POINTER(0);
	RollupState *b = PG_ARGISNULL(1) ? NULL : (RollupState *) PG_GETARG_POINTER(1);

	if (b == NULL || b->reports == 0)
	{
		if (a == NULL)
			a = new_state(fcinfo);
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		a = new_state(fcinfo);
	if (a->reports == 0)
	{
		memcpy(a, b, sizeof(RollupState));
		PG_RETURN_POINTER(a);
	}
	agree_with(&a->format, &b->format);
	agree_with(&a->year, &b->year);
	for (int t = 0; t < GIAR_NTABLES; t++)
		agree_with(&a->table_format[t], &b->table_format[t]);
	for (int k = 0; k < ROLLUP_NCELLS; k++)
	{
		if (!a->present[k])
			continue;
		if (!b->present[k])
			a->present[k] = false;
		else
			add_cell(a, k, b->sum[k]);
	}
	a->reports += b->reports;
	PG_RETURN_POINTER(a);
}

static void
send_agreed(StringInfo buf, const Agreed *a)
{
	pq_sendbyte(buf, (uint8) ((a->set ? 1 : 0) | (a->mixed ? 2 : 0)));
	pq_sendint32(buf, (uint32) a->value);
}

static void
get_agreed(StringInfo buf, Agreed *a)
{
	int			flags = pq_getmsgbyte(buf);

	a->set = (flags & 1) != 0;
	a->mixed = (flags & 2) != 0;
	a->value = (int32) pq_getmsgint(buf, 4);
}

/*
 * The state in a portable form (network byte order): workers and the nodes
 * of a cluster send it to the leader.  Absent cells are one byte.
 */
Datum
giar_rollup_serialize(PG_FUNCTION_ARGS)
{
	RollupState *st = (RollupState *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, ROLLUP_NCELLS);
	pq_sendint64(&buf, st->reports);
	send_agreed(&buf, &st->format);
	send_agreed(&buf, &st->year);
	for (int t = 0; t < GIAR_NTABLES; t++)
		send_agreed(&buf, &st->table_format[t]);
	for (int k = 0; k < ROLLUP_NCELLS; k++)
	{
		pq_sendbyte(&buf, st->present[k] ? 1 : 0);
		if (st->present[k])
		{
			pq_sendint64(&buf, st->sum[k].digits);
			pq_sendbyte(&buf, st->sum[k].scale);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
giar_rollup_deserialize(PG_FUNCTION_ARGS)
{
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	RollupState *st = new_state(fcinfo);
	int			ncells;

	/* read in place (initReadOnlyStringInfo is PostgreSQL 16's) */
	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	ncells = pq_getmsgint(&buf, 4);
	if (ncells != ROLLUP_NCELLS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("giar.rollup state of %d cells, this giar has %d", ncells,
						ROLLUP_NCELLS),
				 errdetail("The state was made by another version of giar."),
				 errhint("Install the same giar build on every node.")));
	st->reports = pq_getmsgint64(&buf);
	get_agreed(&buf, &st->format);
	get_agreed(&buf, &st->year);
	for (int t = 0; t < GIAR_NTABLES; t++)
		get_agreed(&buf, &st->table_format[t]);
	for (int k = 0; k < ROLLUP_NCELLS; k++)
	{
		st->present[k] = pq_getmsgbyte(&buf) != 0;
		if (st->present[k])
		{
			st->sum[k].digits = pq_getmsgint64(&buf);
			st->sum[k].scale = (uint8) pq_getmsgbyte(&buf);
			st->sum[k].present = true;
		}
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(st);
}

/* Which table a cell belongs to (GIAR_TABLE_*), or -1 (part 六's table). */
static int
table_of(int cell)
{
	if (cell < GIAR_CELL_T3_BASE)
		return GIAR_TABLE_2;
	if (cell < GIAR_CELL_T4_BASE)
		return GIAR_TABLE_3;
	if (cell < GIAR_CELL_T6_BASE)
		return GIAR_TABLE_4;
	return -1;
}

Datum
giar_rollup_final(PG_FUNCTION_ARGS)
{
	RollupState *st = PG_ARGISNULL(0) ? NULL : (RollupState *) PG_GETARG_POINTER(0);
	Oid			typid;
	ReportShape **slot;
	GiarReport *report;

	if (st == NULL || st->reports == 0)
		PG_RETURN_NULL();
	typid = get_fn_expr_rettype(fcinfo->flinfo);
	if (!OidIsValid(typid))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("could not determine the result type of giar.rollup")));
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(ReportShape *));
	slot = (ReportShape **) fcinfo->flinfo->fn_extra;

	report = palloc0(sizeof(GiarReport));
	report->format = st->format.mixed ? GIAR_FORMAT_UNKNOWN :
		(GiarFormat) st->format.value;
	report->year = st->year.mixed ? 0 : st->year.value;
	for (int t = 0; t < GIAR_NTABLES; t++)
		report->table_format[t] = st->table_format[t].set && !st->table_format[t].mixed ?
			(GiarFormat) st->table_format[t].value : GIAR_FORMAT_UNKNOWN;
	for (int k = 0; k < ROLLUP_NCELLS; k++)
		if (st->present[k])
		{
			int			t = table_of(ROLLUP_FIRST_CELL + k);

			report->cells[ROLLUP_FIRST_CELL + k] = st->sum[k];
			if (t >= 0)
				report->table_status[t] = GIAR_TABLE_PARSED;
		}
	PG_RETURN_DATUM(report_to_datum(report_shape_get(fcinfo->flinfo->fn_mcxt, slot, typid),
									report));
}
