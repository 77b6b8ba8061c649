/*
 * giar.c
 *		The giar command: report files parsed without a database.
 *
 *		giar parse [--format jsonl|csv|tsv] FILE...
 *
 *		giar load [-d CONNINFO] [--table NAME] [--agency-key KEY] [--jobs N] PATH...
 *
 * jsonl writes a line per file, {"file": …, "report": …}, the report being
 * the object giar.report_to_jsonb(giar.parse_report(text)) returns for the
 * file's text; csv and tsv a row per stated cell (file, key, label, value),
 * as giar.cells states them.  "-" reads standard input.  The exit status
 * is 0 when every file was read, whatever the reports say, 1 when some
 * file could not be read (named on standard error), 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "giar.h"
#include "input.h"
#include "load.h"
#include "report_json.h"
#include "standalone.h"

typedef enum OutputFormat
{
	OUTPUT_JSONL,
	OUTPUT_CSV,
	OUTPUT_TSV
} OutputFormat;

static void
usage(FILE *out)
{
	fputs("giar: government information disclosure annual reports (政府信息公开工作年度报告)\n"
		  "\n"
		  "Usage:\n"
		  "  giar parse [--format jsonl|csv|tsv] FILE...   parse files, no database needed\n"
		  "  giar load [-d CONNINFO] [--table NAME] [--agency-key KEY] [--jobs N] PATH...\n"
		  "                                                store files and folders in a database\n"
		  "  giar --help | --version\n"
		  "\n"
		  "parse reads .txt, .html/.htm/.shtml (encoding from a byte order mark, the\n"
		  "page's <meta charset>, else detected among GB18030, Big5 and UTF-8) and .pdf\n"
		  "(through pdftotext -layout); - is standard input.\n"
		  "  jsonl  one line per file: {\"file\": PATH, \"report\": giar.report_to_jsonb(...)}\n"
		  "  csv    one row per stated cell: file,key,label,value (with a header row)\n"
		  "  tsv    the same, tab-separated (\\t, \\n and \\\\ escaped)\n"
		  "parse's exit status: 0 when every file was read, 1 when some could not be,\n"
		  "2 on a usage error.\n"
		  "\n"
		  "load stores the files' texts in giar.documents (or a table of yours with a\n"
		  "body column, and source_url and agency_key when it has them), where the\n"
		  "server parses them; folders are walked recursively.  A text stored already\n"
		  "is not stored again.  Batches of 50 files, a transaction each, on N\n"
		  "connections; Ctrl-C stops after the batches under way.  CONNINFO is a libpq\n"
		  "connection string or URI (default: the PG* environment).  Unreadable and\n"
		  "unsupported files are listed in the summary and skipped.  Exit status: 0\n"
		  "when the load ran to its end, 1 on a database error, 130 when interrupted.\n", out);
}

/* a CSV field, quoted when it must be */
static void
put_csv(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL)
	{
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++)
	{
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* a TSV field, with PostgreSQL's text COPY escapes */
static void
put_tsv(FILE *out, const char *s)
{
	for (; *s; s++)
	{
		if (*s == '\t')
			fputs("\\t", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else if (*s == '\r')
			fputs("\\r", out);
		else if (*s == '\\')
			fputs("\\\\", out);
		else
			fputc(*s, out);
	}
}

typedef struct CellRows
{
	FILE	   *out;
	OutputFormat format;
	const char *file;
} CellRows;

static bool
put_cell_row(void *arg, const GiarDictEntry *e, GiarNumber value)
{
	CellRows   *cr = arg;
	char		label[512];
	char		number[48];
	void		(*put) (FILE *, const char *) = cr->format == OUTPUT_CSV ? put_csv : put_tsv;
	char		sep = cr->format == OUTPUT_CSV ? ',' : '\t';

	if (e->column_label)
		snprintf(label, sizeof(label), "%s／%s", e->row_label, e->column_label);
	else
		snprintf(label, sizeof(label), "%s", e->row_label);
	giar_number_format(value, number, sizeof(number));
	put(cr->out, cr->file);
	fputc(sep, cr->out);
	put(cr->out, e->key);
	fputc(sep, cr->out);
	put(cr->out, label);
	fputc(sep, cr->out);
	put(cr->out, number);
	fputc('\n', cr->out);
	return true;
}

static int
command_parse(int argc, char **argv)
{
	OutputFormat format = OUTPUT_JSONL;
	int			unreadable = 0;
	int			files = 0;

	for (int i = 0; i < argc; i++)
	{
		if (strcmp(argv[i], "--format") == 0 || strncmp(argv[i], "--format=", 9) == 0)
		{
			const char *f = argv[i][8] == '=' ? argv[i] + 9 : (i + 1 < argc ? argv[++i] : "");

			if (strcmp(f, "jsonl") == 0)
				format = OUTPUT_JSONL;
			else if (strcmp(f, "csv") == 0)
				format = OUTPUT_CSV;
			else if (strcmp(f, "tsv") == 0)
				format = OUTPUT_TSV;
			else
			{
				fprintf(stderr, "giar parse: unknown format \"%s\" (jsonl, csv or tsv)\n", f);
				return 2;
			}
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
		{
			fprintf(stderr, "giar parse: unknown option %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (format != OUTPUT_JSONL)
		fputs(format == OUTPUT_CSV ? "file,key,label,value\n" : "file\tkey\tlabel\tvalue\n", stdout);
	giar_prepare();
	for (int i = 0; i < argc; i++)
	{
		size_t		len;
		const char *encoding;
		const char *why;
		char	   *text;
		GiarStandalone sa;
		GiarReport	report;

		if (strcmp(argv[i], "--format") == 0)
		{
			i++;
			continue;
		}
		if (strncmp(argv[i], "--format=", 9) == 0)
			continue;
		files++;
		text = giar_read_input(argv[i], &len, &encoding, &why);
		if (text == NULL)
		{
			fprintf(stderr, "giar parse: %s: %s\n", argv[i], why);
			unreadable++;
			continue;
		}
		giar_standalone_begin(&sa, &report);
		giar_parse(&sa.cx, text, len, &report);
		if (format == OUTPUT_JSONL)
		{
			char	   *json = giar_report_json(&report);

			fputs("{\"file\": ", stdout);
			{
				/* the path as a JSON string */
				fputc('"', stdout);
				for (const char *p = argv[i]; *p; p++)
				{
					if (*p == '"' || *p == '\\')
						fputc('\\', stdout);
					if ((unsigned char) *p < 0x20)
						fprintf(stdout, "\\u%04x", (unsigned char) *p);
					else
						fputc(*p, stdout);
				}
				fputc('"', stdout);
			}
			fputs(", \"report\": ", stdout);
			fputs(json, stdout);
			fputs("}\n", stdout);
			free(json);
		}
		else
		{
			CellRows	cr = {stdout, format, argv[i]};

			giar_report_cells(&report, put_cell_row, &cr);
		}
		giar_standalone_end(&sa);
		free(text);
	}
	if (files == 0)
	{
		fputs("giar parse: no files given\n", stderr);
		usage(stderr);
		return 2;
	}
	if (fflush(stdout) != 0)
	{
		perror("giar parse: writing the output");
		return 1;
	}
	return unreadable > 0 ? 1 : 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
	{
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0)
	{
		char		libs[160];

		giar_library_versions(libs, sizeof(libs));
		printf("giar %s (parser %s; %s)\n", GIAR_EXTENSION_VERSION, GIAR_PARSER_VERSION, libs);
		return 0;
	}
	if (strcmp(argv[1], "parse") == 0)
		return command_parse(argc - 2, argv + 2);
	if (strcmp(argv[1], "load") == 0)
		return giar_command_load(argc - 2, argv + 2);
	fprintf(stderr, "giar: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
