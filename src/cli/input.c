/*
 * input.c
 *		Files as the parser reads them: UTF-8 text from pages saved in any
 *		of the encodings Chinese sites use, and from PDFs.
 *
 * The encoding comes from a byte order mark (UTF-8, UTF-16 LE/BE), else
 * from an HTML page's own declaration (<meta charset>, http-equiv), else
 * the bytes are UTF-8 when they are well-formed UTF-8, else ICU's charset
 * detector chooses among GB18030, Big5 and UTF-8.  ICU converts (GB2312 and
 * GBK are read as GB18030, which holds both).  PDFs go through poppler's
 * pdftotext in layout mode, which keeps a table's rows on their lines.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "input.h"

/* Pages declare their encoding near the top. */
#define DECLARATION_WINDOW 4096

static char *
read_all(FILE *f, size_t *len)
{
	size_t		cap = 65536,
				n = 0;
	char	   *buf = malloc(cap + 1);

	while (buf)
	{
		size_t		got;

		if (n == cap)
		{
			char	   *bigger = realloc(buf, 2 * cap + 1);

			if (bigger == NULL)
			{
				free(buf);
				return NULL;
			}
			buf = bigger;
			cap *= 2;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (buf == NULL || ferror(f))
	{
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static bool
has_suffix(const char *path, const char *suffix)
{
	size_t		lp = strlen(path),
				ls = strlen(suffix);

	return lp >= ls && strcasecmp(path + lp - ls, suffix) == 0;
}

GiarInputKind
giar_input_kind(const char *path)
{
	static const char *const unsupported[] = {
		".doc", ".docx", ".wps", ".xls", ".xlsx", ".png", ".jpg", ".jpeg",
		".gif", ".bmp", ".tif", ".tiff", ".webp", NULL
	};

	if (strcmp(path, "-") == 0 || has_suffix(path, ".txt"))
		return GIAR_INPUT_TEXT;
	if (has_suffix(path, ".html") || has_suffix(path, ".htm") ||
		has_suffix(path, ".shtml"))
		return GIAR_INPUT_HTML;
	if (has_suffix(path, ".pdf"))
		return GIAR_INPUT_PDF;
	for (int i = 0; unsupported[i]; i++)
		if (has_suffix(path, unsupported[i]))
			return GIAR_INPUT_UNSUPPORTED;
	return GIAR_INPUT_OTHER;
}

/* Is s[0, len) well-formed UTF-8? */
static bool
valid_utf8(const unsigned char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		unsigned char c = s[i];
		int			n;
		uint32_t	cp;

		if (c < 0x80)
		{
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return false;
		for (int k = 1; k <= n; k++)
		{
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
			(n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		i += (size_t) n + 1;
	}
	return true;
}

/* The charset an HTML page declares in its first bytes, or "" */
static void
declared_charset(const char *text, size_t len, char *name, size_t size)
{
	size_t		n = len < DECLARATION_WINDOW ? len : DECLARATION_WINDOW;

	name[0] = '\0';
	for (size_t i = 0; i + 8 < n; i++)
	{
		size_t		k = 0;
		size_t		j;

		if (strncasecmp(text + i, "charset", 7) != 0)
			continue;
		j = i + 7;
		while (j < n && isspace((unsigned char) text[j]))
			j++;
		if (j >= n || text[j] != '=')
			continue;
		j++;
		while (j < n && (isspace((unsigned char) text[j]) || text[j] == '"' || text[j] == '\''))
			j++;
		while (j < n && k + 1 < size &&
			   (isalnum((unsigned char) text[j]) || text[j] == '-' || text[j] == '_'))
			name[k++] = text[j++];
		name[k] = '\0';
		if (k > 0)
			return;
	}
}

/* GB2312 and GBK pages hold characters only GB18030 has names for. */
static const char *
converter_name(const char *declared)
{
	if (strcasecmp(declared, "gb2312") == 0 || strcasecmp(declared, "gbk") == 0 ||
		strcasecmp(declared, "x-gbk") == 0 || strcasecmp(declared, "cp936") == 0)
		return "GB18030";
	return declared;
}

/* bytes in charset, as UTF-8 (malloc'd); NULL and *why on failure */
static char *
convert(const char *charset, const char *bytes, size_t len, size_t *out_len,
		const char **why)
{
	UErrorCode	status = U_ZERO_ERROR;
	size_t		cap = 4 * len + 16;
	char	   *out;
	int32_t		n;

	if (len > INT32_MAX / 4)
	{
		*why = "the file is too large to convert";
		return NULL;
	}
	out = malloc(cap);
	if (out == NULL)
	{
		*why = "out of memory";
		return NULL;
	}
	n = ucnv_convert("UTF-8", charset, out, (int32_t) cap, bytes, (int32_t) len, &status);
	if (U_FAILURE(status))
	{
		free(out);
		*why = status == U_FILE_ACCESS_ERROR ? "an encoding ICU does not know" :
			"the text cannot be converted from its encoding";
		return NULL;
	}
	out[n] = '\0';
	*out_len = (size_t) n;
	return out;
}

/* ICU's guess among the encodings Chinese pages use, or NULL */
static const char *
detected_charset(const char *bytes, size_t len)
{
	UErrorCode	status = U_ZERO_ERROR;
	UCharsetDetector *det = ucsdet_open(&status);
	const UCharsetMatch **matches;
	int32_t		nmatches = 0;
	const char *found = NULL;

	if (U_FAILURE(status))
		return NULL;
	ucsdet_setText(det, bytes, (int32_t) (len > INT32_MAX ? INT32_MAX : len), &status);
	matches = ucsdet_detectAll(det, &nmatches, &status);
	for (int32_t i = 0; U_SUCCESS(status) && i < nmatches && found == NULL; i++)
	{
		const char *name = ucsdet_getName(matches[i], &status);

		if (U_FAILURE(status) || name == NULL)
			break;
		if (strcmp(name, "GB18030") == 0)
			found = "GB18030";
		else if (strcmp(name, "Big5") == 0)
			found = "Big5";
		else if (strcmp(name, "UTF-8") == 0)
			found = "UTF-8";
	}
	ucsdet_close(det);
	return found;
}

/* pdftotext -layout -enc UTF-8 FILE -: its output, or NULL and *why */
static char *
pdf_text(const char *path, size_t *len, const char **why)
{
	int			fds[2];
	pid_t		pid;
	FILE	   *f;
	char	   *text;
	int			status;

	if (pipe(fds) != 0)
	{
		*why = strerror(errno);
		return NULL;
	}
	pid = fork();
	if (pid < 0)
	{
		*why = strerror(errno);
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0)
	{
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execlp("pdftotext", "pdftotext", "-layout", "-enc", "UTF-8", "-q", path, "-",
			   (char *) NULL);
		_exit(127);
	}
	close(fds[1]);
	f = fdopen(fds[0], "rb");
	text = f ? read_all(f, len) : NULL;
	if (f)
		fclose(f);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
	{
		free(text);
		*why = WIFEXITED(status) && WEXITSTATUS(status) == 127 ?
			"pdftotext (poppler-utils) is not installed" :
			"pdftotext could not read the PDF (damaged, or encrypted)";
		return NULL;
	}
	if (text == NULL)
		*why = "pdftotext's output could not be read";
	return text;
}

char *
giar_read_input(const char *path, size_t *len, const char **encoding, const char **why)
{
	GiarInputKind kind = giar_input_kind(path);
	FILE	   *f;
	char	   *bytes;
	size_t		n;
	char		declared[64];
	const char *charset = NULL;
	size_t		bom = 0;

	*encoding = "UTF-8";
	*why = NULL;
	if (kind == GIAR_INPUT_UNSUPPORTED)
	{
		*why = "not supported (convert it to text, HTML or PDF first)";
		return NULL;
	}
	if (kind == GIAR_INPUT_PDF)
	{
		*encoding = "PDF (pdftotext -layout)";
		return pdf_text(path, len, why);
	}
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
	{
		*why = strerror(errno);
		return NULL;
	}
	bytes = read_all(f, &n);
	if (f != stdin)
		fclose(f);
	if (bytes == NULL)
	{
		*why = "read error";
		return NULL;
	}
	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
	{
		memmove(bytes, bytes + 3, n - 2);
		n -= 3;
		*len = n;
		*encoding = "UTF-8 (BOM)";
		return bytes;
	}
	if (n >= 2 && (memcmp(bytes, "\xFF\xFE", 2) == 0 || memcmp(bytes, "\xFE\xFF", 2) == 0))
	{
		charset = (unsigned char) bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		bom = 2;				/* the mark is no text */
	}
	else
	{
		declared_charset(bytes, n, declared, sizeof(declared));
		if (declared[0] && strcasecmp(declared, "utf-8") != 0 &&
			strcasecmp(declared, "utf8") != 0)
			charset = converter_name(declared);
		else if (!valid_utf8((const unsigned char *) bytes, n))
			charset = detected_charset(bytes, n);
	}
	if (charset == NULL || strcmp(charset, "UTF-8") == 0)
	{
		*len = n;
		return bytes;
	}
	{
		char	   *text = convert(charset, bytes + bom, n - bom, len, why);

		free(bytes);
		*encoding = charset;
		return text;
	}
}
