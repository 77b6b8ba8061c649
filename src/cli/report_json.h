/*
 * report_json.h
 *		A parsed report as the JSON object giar.report_to_jsonb writes.
 */
#ifndef GIAR_CLI_REPORT_JSON_H
#define GIAR_CLI_REPORT_JSON_H

#include "giar.h"

/* The object as one line of text (malloc'd, NUL-terminated). */
extern char *giar_report_json(const GiarReport *report);

#endif							/* GIAR_CLI_REPORT_JSON_H */
