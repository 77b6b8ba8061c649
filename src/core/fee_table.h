/*
 * fee_table.h
 *		Part 六's fee table (信息处理费收取情况), where a report prints one.
 */
#ifndef GIAR_FEE_TABLE_H
#define GIAR_FEE_TABLE_H

#include "structure.h"
#include "tokens.h"

/*
 * Read the fee table's three cells (GIAR_CELL_T6) from part 六, or from
 * the whole text when part 六 has no heading.
 */
extern void giar_read_fee_table(GiarContext *cx, const GiarDoc *doc,
								const GiarParts *parts, GiarReport *report);

#endif							/* GIAR_FEE_TABLE_H */
