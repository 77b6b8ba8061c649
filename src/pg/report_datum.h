/*
 * report_datum.h
 *		Conversion between the core's GiarReport and the composite type
 *		giar.report.
 */
#ifndef GIAR_REPORT_DATUM_H
#define GIAR_REPORT_DATUM_H

#include "postgres.h"

#include "fmgr.h"

#include "giar.h"

typedef struct ReportShape ReportShape;

/*
 * The shape of giar.report (its attributes, nested composites, and which
 * dictionary cell each leaf holds), built once per call site: *slot caches
 * it in mcxt (the function's fn_mcxt).
 */
extern ReportShape *report_shape_get(MemoryContext mcxt, ReportShape **slot,
									 Oid typid);

extern Datum report_to_datum(ReportShape *shape, const GiarReport *report);
extern uint64 report_shape_identity(const ReportShape *shape);

/*
 * The same with parser_version and libraries given (NULL: the field is
 * NULL) instead of this server's: a report read from JSON keeps the
 * versions that made it.
 */
extern Datum report_to_datum_version(ReportShape *shape,
									 const GiarReport *report,
									 text *parser_version,
									 text *libraries);

/* Names of the prose outcomes (giar.share.outcome), by GiarProseOutcome. */
extern const char *const report_outcome_names[GIAR_PROSE_NOUTCOMES];

/*
 * Read a giar.report value back into a GiarReport (cells, metadata and
 * table status; diagnostics are not read).  Raises an error for values
 * that no parse can have produced (an unknown format name, say).
 */
extern void report_from_datum(ReportShape *shape, HeapTupleHeader tuple,
							  GiarReport *report);

#endif							/* GIAR_REPORT_DATUM_H */
