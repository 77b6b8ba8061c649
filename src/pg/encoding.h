/*
 * encoding.h
 *		The core speaks UTF-8; the database may not.
 */
#ifndef GIAR_ENCODING_H
#define GIAR_ENCODING_H

#include "postgres.h"

/*
 * Convert UTF-8 text from the core to the database encoding without ever
 * failing: a character the database encoding cannot hold becomes '?'.
 * (parse_report must not raise on any report text, and a report's agency
 * or a diagnostic may quote characters outside, say, EUC_CN.)
 */
extern char *giar_utf8_to_server(const char *s, int len);

/* The same as a text value (one copy when the database speaks UTF-8). */
extern text *giar_utf8_to_text(const char *s, int len);

#endif							/* GIAR_ENCODING_H */
