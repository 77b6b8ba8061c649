/*
 * giar.h
 *		Public interface of the giar core: a parser for Chinese government
 *		information disclosure annual reports (政府信息公开工作年度报告).
 *
 * The core has no PostgreSQL dependency.  It reads report text (plain text
 * or HTML, UTF-8), normalises it (ICU), finds the report's parts and tables,
 * fits them to the national formats and returns a GiarReport: metadata, one
 * value per data-dictionary cell, table status and diagnostics.
 *
 * Memory comes from a caller-supplied allocator (see GiarEnv) so that the
 * PostgreSQL adapter can use palloc in a short-lived memory context.
 */
#ifndef GIAR_H
#define GIAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dictionary.h"

#define GIAR_PARSER_VERSION "1.2.5"

/* Largest input parse_report reads; longer text is refused with a diagnostic. */
#define GIAR_MAX_INPUT_BYTES (16 * 1024 * 1024)

typedef enum GiarFormat
{
	GIAR_FORMAT_UNKNOWN = 0,
	GIAR_FORMAT_2021,
	GIAR_FORMAT_2019,
	GIAR_FORMAT_LEGACY
} GiarFormat;

typedef enum GiarTableStatus
{
	GIAR_TABLE_MISSING = 0,		/* no heading and no table text */
	GIAR_TABLE_NOT_MACHINE_READABLE,	/* heading stands, no numbers */
	GIAR_TABLE_PARTIAL,			/* table found, some cells absent */
	GIAR_TABLE_PARSED			/* every cell of the table stated */
} GiarTableStatus;

typedef enum GiarSeverity
{
	GIAR_SEVERITY_INFO = 0,
	GIAR_SEVERITY_WARNING,
	GIAR_SEVERITY_ERROR
} GiarSeverity;

/* A number as printed: value = digits / 10^scale. */
typedef struct GiarNumber
{
	int64_t		digits;
	uint8_t		scale;
	bool		present;
} GiarNumber;

typedef struct GiarDate
{
	int			year;			/* 0 when absent */
	int			month;
	int			day;
} GiarDate;

typedef struct GiarDiagnostic
{
	const char *code;			/* stable identifier, e.g. "ROW_CELL_COUNT" */
	int			catalogue_index;	/* the code's entry in giar_diag_codes;
									 * -1 if it has none */
	GiarSeverity severity;
	char	   *message;		/* English, UTF-8 */
	int			line;			/* 1-based line of the input; 0 if none */
	/*
	 * 1-based character of that line where the diagnostic points, when the
	 * line is long (its parts were cut apart); 0 otherwise.  The message
	 * says it too.
	 */
	int			column;
} GiarDiagnostic;

/*
 * Outcomes of requests quoted in the prose ("予以公开32件"): not cells of
 * the data dictionary, kept so that checks can compare them with table 3.
 */
typedef enum GiarProseOutcome
{
	GIAR_PROSE_DISCLOSED = 0,	/* 予以公开 */
	GIAR_PROSE_PARTIALLY_DISCLOSED,	/* 部分公开 */
	GIAR_PROSE_WITHHELD,		/* 不予公开 */
	GIAR_PROSE_UNAVAILABLE,		/* 无法提供 */
	GIAR_PROSE_NOT_PROCESSED,	/* 不予处理 */
	GIAR_PROSE_OTHER_HANDLING,	/* 其他处理 */
	GIAR_PROSE_NOUTCOMES
} GiarProseOutcome;

/* "予以公开3件，占5.1%": a share the prose gives of an outcome. */
typedef struct GiarShare
{
	GiarProseOutcome outcome;
	int64_t		count;
	GiarNumber	percent;		/* as printed: 5.1 is digits 51, scale 1 */
	int			line;
} GiarShare;

/* Signature of the prose for year-on-year similarity (one-permutation MinHash). */
#define GIAR_FINGERPRINT_SIZE 64
#define GIAR_NPARTS 6			/* parts 一 to 六 of the format */

/* Tables whose status and format a report records. */
#define GIAR_TABLE_2 0
#define GIAR_TABLE_3 1
#define GIAR_TABLE_4 2
#define GIAR_NTABLES 3

typedef struct GiarReport
{
	GiarFormat	format;
	int			year;			/* statistics year; 0 when unknown */
	int			title_year;		/* year named in the title; 0 if none */
	int			period_year;	/* year of the stated 统计期限; 0 if none */
	char	   *agency;			/* NULL when unknown */
	GiarDate	published;
	char	   *index_number;	/* 索引号, NULL when not stated */
	unsigned	parts_present;	/* bit k set: part k (1..GIAR_NPARTS) heading
								 * found */

	GiarTableStatus table_status[GIAR_NTABLES];
	GiarFormat	table_format[GIAR_NTABLES];

	GiarNumber	cells[GIAR_NCELLS];
	/* printed but unreadable (digits run together, rows that do not line up) */
	bool		unreadable[GIAR_NCELLS];

	GiarNumber	prose_outcomes[GIAR_PROSE_NOUTCOMES];
	GiarShare  *shares;
	int			nshares;
	int			shares_cap;
	uint32_t	fingerprint[GIAR_FINGERPRINT_SIZE];
	bool		has_fingerprint;

	GiarDiagnostic *diagnostics;
	int			ndiagnostics;
	int			diagnostics_cap;
} GiarReport;

/*
 * Services the caller provides.  alloc must return zeroed memory aligned
 * for any type or not return at all (raise/abort); alloc_uninit, if given,
 * the same without the zeroing.  check_interrupts may not
 * return either (PostgreSQL's CHECK_FOR_INTERRUPTS); anything registered
 * with giar_on_cleanup then has to be released by the caller through
 * giar_run_cleanups, which the PostgreSQL adapter does from a memory context
 * reset callback.
 */
typedef struct GiarEnv
{
	void	   *(*alloc) (void *ctx, size_t size);	/* zeroed memory */
	void	   *alloc_ctx;
	void		(*check_interrupts) (void);
	/* memory the caller fills before reading it; NULL: alloc */
	void	   *(*alloc_uninit) (void *ctx, size_t size);
} GiarEnv;

typedef struct GiarCleanup
{
	void		(*fn) (void *arg);
	void	   *arg;
	struct GiarCleanup *next;
} GiarCleanup;

/* Per-parse state shared by the core's modules. */
typedef struct GiarContext
{
	const GiarEnv *env;
	GiarCleanup *cleanups;
	int64_t		ticks_left;		/* work until the next interrupt check */
	GiarReport *report;
	/*
	 * The characters counted last in a long line, for diagnostics' columns:
	 * the next count on the same line starts there, not at the line's start.
	 */
	const char *column_line;
	int			column_bytes;
	int			column_chars;
} GiarContext;

/* At most this many diagnostics per report; a last one says more were cut. */
#define GIAR_MAX_DIAGNOSTICS 200

/* Parse report text; never fails: problems end up as diagnostics. */
extern void giar_parse(GiarContext *cx, const char *text, size_t len,
					   GiarReport *report);

/* Normalised text as the parser reads it (for inspection). */
extern char *giar_normalize_for_display(GiarContext *cx, const char *text,
										size_t len, size_t *out_len);

extern void giar_context_init(GiarContext *cx, const GiarEnv *env,
							  GiarReport *report);
extern void giar_run_cleanups(GiarContext *cx);
extern void giar_on_cleanup(GiarContext *cx, void (*fn) (void *), void *arg);
extern void giar_cleanup_now(GiarContext *cx, void (*fn) (void *), void *arg);

/* Allocation helpers: memory from env->alloc, zeroed. */
extern void *giar_alloc(GiarContext *cx, size_t size);
/*
 * Not zeroed (env->alloc_uninit): for buffers whose bytes are each written
 * before they are read; giar_strndup's copies are such.
 */
extern void *giar_alloc_uninit(GiarContext *cx, size_t size);
extern char *giar_strndup(GiarContext *cx, const char *s, size_t len);

/*
 * Room for element used of an array of *cap elements: the array itself, or
 * a copy twice as large (at least 16).  giar_grow zeroes the elements past
 * used, giar_grow_uninit (for callers that write each element as they take
 * it) does not.  Inline: nearly every call finds room.
 */
extern void *giar_grow_array(GiarContext *cx, void *ptr, size_t elem, int *cap,
							 int used, bool zero_tail);

static inline void *
giar_grow(GiarContext *cx, void *ptr, size_t elem, int *cap, int used)
{
	return used < *cap ? ptr : giar_grow_array(cx, ptr, elem, cap, used, true);
}

static inline void *
giar_grow_uninit(GiarContext *cx, void *ptr, size_t elem, int *cap, int used)
{
	return used < *cap ? ptr : giar_grow_array(cx, ptr, elem, cap, used, false);
}

/*
 * Interrupts are asked for (env->check_interrupts) after every
 * GIAR_TICKS_PER_CHECK units of work, a unit being about what a tight loop
 * does with a byte of text: a check comes after well under a millisecond
 * whatever the input's shape (one long line, millions of short ones).
 */
#define GIAR_TICKS_PER_CHECK 65536

extern void giar_check_interrupts(GiarContext *cx);

/* Count units of work done: loops over bytes count the bytes they read. */
static inline void
giar_tick_n(GiarContext *cx, size_t units)
{
	cx->ticks_left -= (int64_t) units;
	if (cx->ticks_left < 0)
		giar_check_interrupts(cx);
}

/* A step of a loop over lines, tokens or nodes: as much as 16 bytes' work. */
static inline void
giar_tick(GiarContext *cx)
{
	giar_tick_n(cx, 16);
}

typedef struct GiarDiagCode
{
	const char *code;
	GiarSeverity severity;
	const char *description;
	bool		from_fitting;	/* said while fitting a table to the format */
} GiarDiagCode;

/* The catalogue of diagnostic codes. */
extern const GiarDiagCode giar_diag_codes[];
extern const int giar_ndiag_codes;

extern void giar_diag(GiarContext *cx, const char *code, int line,
					  const char *fmt,...)
			__attribute__((format(printf, 4, 5)));
/* giar_diag pointing at a character of a long line (column 1-based; 0: none) */
extern void giar_diag_at(GiarContext *cx, const char *code, int line, int column,
						 const char *fmt,...)
			__attribute__((format(printf, 5, 6)));

/*
 * Byte length of the longest prefix of the UTF-8 text s[0, len) that is at
 * most max bytes long and ends between two characters: a quotation cut by
 * bytes ("%.*s") must not end inside a character.
 */
extern int	giar_utf8_prefix_len(const char *s, int len, int max);

/*
 * Fit the UTF-8 string s, len bytes long, into max bytes (max >= 3): if it
 * is longer, cut it between two characters and end it with "…" (within
 * the max bytes).  Reads s only below max, so that it also mends what
 * vsnprintf cut at max (pass the length it reports).  Returns the new
 * length; s is NUL-terminated at it, which needs max + 1 bytes.
 */
extern size_t giar_utf8_truncate(char *s, size_t len, size_t max);

/*
 * A message formatted into buf (size bytes) by vsnprintf, which returned n,
 * made fit to store: cut between characters with "…" if vsnprintf cut it,
 * control characters made spaces.  Returns its length.
 */
extern size_t giar_message_finish(char *buf, size_t size, int n);
extern int	giar_report_error_count(const GiarReport *report);

extern const char *giar_format_name(GiarFormat format);
extern bool giar_format_from_name(const char *name, GiarFormat *format);
extern const char *giar_table_status_name(GiarTableStatus status);
extern bool giar_table_status_from_name(const char *name,
										GiarTableStatus *status);
extern const char *giar_severity_name(GiarSeverity severity);

/* Number formatting: writes digits/10^scale into buf (>= 32 bytes). */
extern void giar_number_format(GiarNumber n, char *buf, size_t size);
/* a and b brought to the larger of their scales; false beyond int64 */
extern bool giar_number_align(GiarNumber *a, GiarNumber *b);
/* a against b whatever their decimals: *order -1, 0 or 1; false beyond int64 */
extern bool giar_number_compare(GiarNumber a, GiarNumber b, int *order);

/*
 * Cells a report states, in dictionary order, including meta.year and the
 * derived table-3 subtotals (emitted only when every part is present).
 * The callback returns false to stop.
 */
typedef bool (*GiarCellCallback) (void *arg, const GiarDictEntry *entry,
								  GiarNumber value);
extern void giar_report_cells(const GiarReport *report, GiarCellCallback cb,
							  void *arg);

/*
 * Build now what every parse needs and is otherwise made on first use:
 * ICU's transforms and the tables derived from them (about 25 ms), the
 * cue, keyword and dictionary indexes, the checks' identities.  A server
 * that calls this before forking (shared_preload_libraries) spares each
 * backend and parallel worker that cost.
 */
extern void giar_prepare(void);

/* Library versions the parse depends on, e.g. "ICU 72.1, Unicode 15.0". */
extern void giar_library_versions(char *buf, size_t size);

#endif							/* GIAR_H */
