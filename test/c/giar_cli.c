/*
 * giar_cli.c
 *		Parse report files with the core and print what it read:
 *		metadata, table status, cells and diagnostics.
 *
 *		giar-parse [--normalize] [--check] FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "giar.h"
#include "check.h"
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
	bool		check = false;

	/* ICU's transforms and the label tables once, not inside the first parse */
	giar_prepare();
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
		if (strcmp(argv[i], "--check") == 0)
		{
			check = true;
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
			for (int k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
				if (report.prose_outcomes[k].present)
					printf("prose.outcome.%d\t%lld\n", k,
						   (long long) report.prose_outcomes[k].digits);
			for (int k = 0; k < report.nshares; k++)
			{
				char		pct[32];

				giar_number_format(report.shares[k].percent, pct, sizeof(pct));
				printf("prose.share\toutcome %d\t%lld\t%s%%\n", report.shares[k].outcome,
					   (long long) report.shares[k].count, pct);
			}
			if (report.has_fingerprint)
			{
				printf("fingerprint\t");
				for (int b = 0; b < GIAR_FINGERPRINT_SIZE; b++)
					printf("%s%08x", b ? " " : "", report.fingerprint[b]);
				printf("\n");
			}
			if (check)
			{
				GiarFindings findings;

				giar_report_check(&sa.cx, &report, NULL, &findings);
				for (int k = 0; k < findings.n; k++)
				{
					GiarFinding *f = &findings.items[k];

					printf("finding\t%s\t%s%s\t%s", f->rule->id,
						   giar_severity_name(f->severity),
						   f->assessable ? "" : " (not assessable)", f->message);
					for (int c = 0; c < f->ncells && c < 3; c++)
						printf("%s%s", c ? ", " : "\t[", f->cells[c]);
					printf("%s\n", f->ncells ? (f->ncells > 3 ? ", …]" : "]") : "");
				}
			}
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
