/*
 * input.h
 *		Report files read as UTF-8 text: pages in any encoding Chinese sites
 *		use, and PDFs.
 */
#ifndef GIAR_CLI_INPUT_H
#define GIAR_CLI_INPUT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum GiarInputKind
{
	GIAR_INPUT_TEXT,			/* .txt, or standard input */
	GIAR_INPUT_HTML,			/* .html, .htm, .shtml */
	GIAR_INPUT_PDF,
	GIAR_INPUT_UNSUPPORTED,		/* .doc, .docx, .wps, images */
	GIAR_INPUT_OTHER			/* any other name: read as text */
} GiarInputKind;

extern GiarInputKind giar_input_kind(const char *path);

/*
 * The file's text in UTF-8 (malloc'd, NUL-terminated) and the encoding it
 * was read from; NULL with *why when it cannot be read or converted.
 * path "-" is standard input.
 */
extern char *giar_read_input(const char *path, size_t *len, const char **encoding,
							 const char **why);

#endif							/* GIAR_CLI_INPUT_H */
