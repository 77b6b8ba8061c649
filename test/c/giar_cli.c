/*
 * giar_cli.c
 *		Parse report files with the core and print what it read:
 *		metadata, table status, cells and diagnostics.
 *
 *		giar-parse [--normalize] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "giar.h"
#include "standalone.h"

static bool
print_cell(void *arg, const GiarDictEntry *entry, GiarNumber value)
{
	char		buf[64];

	(void) arg;
	giar_number_format(value, buf, sizeof(buf));
	printf("%s\t%s\n", entry->key, buf);
	return true;
}

int
main(int argc, char **argv)
{
	bool		normalize = false;

	for (int i = 1; i < argc; i++)
	{
		size_t		len;
		char	   *text;
		GiarStandalone sa;
		GiarReport	report;

		if (strcmp(argv[i], "--normalize") == 0)
		{
			normalize = true;
			continue;
		}
		text = giar_read_file(argv[i], &len);
		if (text == NULL)
		{
			fprintf(stderr, "cannot read %s\n", argv[i]);
			return 1;
		}
		giar_standalone_begin(&sa, &report);
		if (normalize)
		{
			size_t		outlen;
			char	   *out = giar_normalize_for_display(&sa.cx, text, len, &outlen);

			fwrite(out, 1, outlen, stdout);
			putchar('\n');
		}
		else
		{
			giar_parse(&sa.cx, text, len, &report);
			printf("# %s\n", argv[i]);
			printf("meta.format\t%s\n", giar_format_name(report.format));
			printf("meta.year\t%d (title %d, period %d)\n", report.year,
				   report.title_year, report.period_year);
			printf("meta.agency\t%s\n", report.agency ? report.agency : "-");
			if (report.published.year)
				printf("meta.published\t%04d-%02d-%02d\n", report.published.year,
					   report.published.month, report.published.day);
			printf("meta.index_number\t%s\n", report.index_number ? report.index_number : "-");
			printf("parts\t%x\n", report.parts_present);
			for (int t = 0; t < GIAR_NTABLES; t++)
				printf("status.t%d\t%s (%s)\n", t + 2,
					   giar_table_status_name(report.table_status[t]),
					   giar_format_name(report.table_format[t]));
			giar_report_cells(&report, print_cell, NULL);
			for (int d = 0; d < report.ndiagnostics; d++)
				printf("diag\t%s\t%s\tline %d\t%s\n", report.diagnostics[d].code,
					   giar_severity_name(report.diagnostics[d].severity),
					   report.diagnostics[d].line, report.diagnostics[d].message);
		}
		giar_standalone_end(&sa);
		free(text);
	}
	return 0;
}
