/*
 * formats.h
 *		The report formats as data: the rows of tables 2 and 3 with the
 *		keywords that recognise their labels, the cells each row holds in
 *		each format, and the labels that tell the formats apart.
 */
#ifndef GIAR_FORMATS_H
#define GIAR_FORMATS_H

#include "giar.h"

/* GiarRowSpec.flags */
#define GIAR_ROW_MAY_BE_GROUP	0x01	/* a group label when no values follow */

typedef struct GiarRowSpec
{
	const char *key;			/* row key of the data dictionary */
	const char *const *keywords;	/* any of these in the compact label */
	const char *const *exact;	/* or the label is this (ordinals removed),
								 * accepted only as the next expected row */
	unsigned	flags;
	/* cells of the row in printed column order, per format; -1 ends */
	int			cells_2021[8];
	int			cells_2019[8];
} GiarRowSpec;

typedef struct GiarTableSpec
{
	const char *name;
	const GiarRowSpec *rows;
	int			nrows;
	bool		any_order;		/* rows may come in any order */
	const char *const *labels_2021;	/* header labels only the 2021 format has */
	const char *const *labels_2019;
	/*
	 * Column headers and sub-table headings, never rows: the values after
	 * one belong to the row label that follows (text in drawing order).
	 */
	const char *const *headers;
} GiarTableSpec;

extern const GiarTableSpec giar_table2_spec;
extern const GiarTableSpec giar_table3_spec;

/* Labels that open tables (anchors when a part heading is missing). */
extern const char *const giar_t2_anchor_labels[];
extern const char *const giar_t3_anchor_labels[];
extern const char *const giar_t4_anchor_labels[];
extern const char *const giar_t4_header_labels[];

/*
 * Part 六's fee table (信息处理费收取情况): one row label over three
 * columns.  Words are matched in normalised text, spaces and line breaks
 * allowed between their characters.
 */
typedef struct GiarFeeColumn
{
	int			cell;			/* GiarT6Cell */
	const char *const *headers;	/* any of these heads the column */
} GiarFeeColumn;

typedef struct GiarFeeTableSpec
{
	const char *const *row_labels;	/* longest first */
	GiarFeeColumn columns[3];
	/* printed after a header, part of it: "(元)" */
	const char *const *header_units;
	int			amount_max_scale;	/* decimals an amount in 元 has at most */
	/* words every printing of the table holds unbroken (a quick test) */
	const char *const *words_held;
} GiarFeeTableSpec;

extern const GiarFeeTableSpec giar_fee_table_spec;

/* Number of cells a row holds in a format. */
extern int	giar_row_ncells(const GiarRowSpec *row, GiarFormat format);
extern const int *giar_row_cells(const GiarRowSpec *row, GiarFormat format);

#endif							/* GIAR_FORMATS_H */
