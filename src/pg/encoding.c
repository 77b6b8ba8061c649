/*
 * encoding.c
 *		Lossless-where-possible conversion of the core's UTF-8 output to
 *		the database encoding.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "encoding.h"

char *
giar_utf8_to_server(const char *s, int len)
{
	int			enc = GetDatabaseEncoding();
	Oid			proc;
	StringInfoData out;
	int			done = 0;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return pnstrdup(s, len);
	proc = FindDefaultConversionProc(PG_UTF8, enc);
	initStringInfo(&out);
	while (done < len)
	{
		int			chunk = len - done;
		int			cap = chunk * MAX_CONVERSION_GROWTH + 1;
		unsigned char *buf = palloc(cap);
		int			converted = 0;

		if (OidIsValid(proc))
			converted = pg_do_encoding_conversion_buf(proc, PG_UTF8, enc,
													  (unsigned char *) s + done,
													  chunk, buf, cap, true);
		if (converted > 0)
			appendStringInfoString(&out, (char *) buf);
		pfree(buf);
		done += converted;
		if (done < len)
		{
			/* an unconvertible (or, without a converter, non-ASCII) character */
			int			n = pg_utf_mblen((const unsigned char *) s + done);

			if ((unsigned char) s[done] < 0x80 && !OidIsValid(proc))
				appendStringInfoChar(&out, s[done]);
			else
				appendStringInfoChar(&out, '?');
			done += Max(1, Min(n, len - done));
		}
	}
	return out.data;
}

text *
giar_utf8_to_text(const char *s, int len)
{
	int			enc = GetDatabaseEncoding();

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return cstring_to_text_with_len(s, len);
	return cstring_to_text(giar_utf8_to_server(s, len));
}
