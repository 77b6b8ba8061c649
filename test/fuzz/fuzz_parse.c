/*
 * fuzz_parse.c
 *		libFuzzer target over the core: parse arbitrary bytes, walk the
 *		report the way the SQL functions do (cells, diagnostics, names),
 *		then apply the checks to it alone and as its own successor; the
 *		document's lines must hold no line break, the characters the
 *		normaliser notes as it writes them must be those on its lines, and
 *		every text of the report and of its findings must be well-formed
 *		UTF-8 without control characters.  Also
 *		differential: where the HTML tree can be built without libxml2, the
 *		page must render exactly as libxml2 renders it (abort otherwise).
 *
 *		make fuzz && test/fuzz/fuzz_parse -dict=test/fuzz/giar.dict \
 *			test/fuzz/corpus test/fixtures
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "giar.h"
#include "standalone.h"
#include "text.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
count_cell(void *arg, const GiarDictEntry *entry, GiarNumber value)
{
	char		buf[64];

	giar_number_format(value, buf, sizeof(buf));
	(*(size_t *) arg) += strlen(buf) + strlen(entry->key);
	return true;
}

/* Every finding's message well-formed UTF-8 without control characters. */
static void
require_clean_findings(const GiarFindings *findings)
{
	for (int i = 0; i < findings->n; i++)
		if (!giar_text_is_clean(findings->items[i].message))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GiarStandalone sa;
	GiarReport	report;
	GiarFindings findings;
	size_t		total = 0;

	giar_standalone_begin(&sa, &report);
	{
		GiarRawText direct,
					libxml;

		if (giar_html_render_direct(&sa.cx, (const char *) data, size, &direct) &&
			(!giar_html_render_libxml(&sa.cx, (const char *) data, size, &libxml) ||
			 !giar_raw_text_equal(&direct, &libxml)))
			abort();
	}
	{
		/*
		 * lines are cut where the normaliser wrote its line breaks: none
		 * inside; watching every character from U+4000 to U+FFFF, it notes
		 * each of them on the lines, in order
		 */
		GiarDoc		doc;
		uint64_t	every[64];
		int			w = 0;

		memset(every, 0xFF, sizeof(every));
		giar_read_document_watching(&sa.cx, (const char *) data, size, every, &doc);
		for (int l = 0; l < doc.nlines; l++)
		{
			const unsigned char *u = (const unsigned char *) doc.lines[l].text;

			if (memchr(doc.lines[l].text, '\n', (size_t) doc.lines[l].len) ||
				doc.lines[l].text[doc.lines[l].len] != '\0')
				abort();
			for (int i = 0; doc.watched && i + 3 <= doc.lines[l].len; i++)
				if (u[i] >= 0xE4 && u[i] < 0xF0 &&
					(w >= doc.nwatched ||
					 doc.watched_text + doc.watched_at[w++] != (const char *) u + i))
					abort();
		}
		if (doc.watched && w != doc.nwatched)
			abort();
	}
	giar_parse(&sa.cx, (const char *) data, size, &report);
	giar_report_cells(&report, count_cell, &total);
	for (int i = 0; i < report.ndiagnostics; i++)
	{
		if (!giar_text_is_clean(report.diagnostics[i].message))
			abort();
		total += strlen(report.diagnostics[i].message) +
			strlen(giar_severity_name(report.diagnostics[i].severity));
	}
	total += strlen(giar_format_name(report.format));
	if (report.agency)
	{
		if (!giar_text_is_clean(report.agency))
			abort();
		total += strlen(report.agency);
	}
	if (report.index_number && !giar_text_is_clean(report.index_number))
		abort();
	giar_report_check(&sa.cx, &report, NULL, &findings);
	require_clean_findings(&findings);
	for (int i = 0; i < findings.n; i++)
		total += strlen(findings.items[i].message) + (size_t) findings.items[i].ncells;
	giar_sequence_check(&sa.cx, &report, &report, &findings);
	require_clean_findings(&findings);
	for (int i = 0; i < findings.n; i++)
		total += strlen(findings.items[i].message) + (size_t) findings.items[i].ncells;
	giar_standalone_end(&sa);
	return total == (size_t) -1;	/* keeps the walk from being optimised out */
}
