/*
 * report_json.c
 *		giar.report_from_jsonb: a report from the flat JSON object that
 *		giar.report_to_jsonb writes.
 *
 * Every key and every value is checked against what a report can hold: cell
 * keys and kinds come from the core's dictionary, formats and table
 * statuses from the names the core writes.  The report is then built by
 * the code that builds a parse's (report_to_datum), so a report goes to
 * JSON and back unchanged.  Nothing is looked up by name when the function
 * runs: the result type is the one the function was declared with, and the
 * keys are the core's, so renaming the extension's schema and creating
 * look-alike objects in its place changes nothing here.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "giar.h"
#include "report_datum.h"

PG_FUNCTION_INFO_V1(giar_report_from_jsonb);

/* No key the reader knows is this long: longer keys are unknown. */
#define MAX_KEY_LEN 128

/* Unknown keys named in the error (the rest are counted), and how much of each. */
#define LISTED_KEYS 10
#define LISTED_KEY_CHARS 64

/* Characters of a value quoted in an error. */
#define QUOTED_CHARS 100

/* Years a report may state: the parser's range for dates. */
#define MIN_YEAR 1990
#define MAX_YEAR 2099

/* Amounts (GiarNumber): digits / 10^scale in an int64. */
#define MAX_AMOUNT_DIGITS 18

typedef enum JsonKey
{
	JK_UNKNOWN,
	JK_DERIVED,					/* a derived subtotal: follows from the cells */
	JK_CELL,
	JK_YEAR,
	JK_TITLE_YEAR,
	JK_PERIOD_YEAR,
	JK_FORMAT,
	JK_AGENCY,
	JK_PUBLISHED,
	JK_INDEX_NUMBER,
	JK_PARTS,
	JK_PARSER_VERSION,
	JK_LIBRARIES,
	JK_STATUS,					/* arg: GIAR_TABLE_* */
	JK_TABLE_FORMAT,			/* arg: GIAR_TABLE_* */
	JK_PROSE,					/* arg: GiarProseOutcome */
	JK_SHARES,
	JK_FINGERPRINT,
	JK_UNREADABLE,
	JK_DIAGNOSTICS
} JsonKey;

/*
 * The keys giar.report_to_jsonb writes besides cells: the meta.* keys of
 * the dictionary first (they are not cells), then the others.
 */
static const struct
{
	const char *key;
	JsonKey		kind;
	int			arg;
}			report_keys[] = {
	{"meta.year", JK_YEAR, 0},
	{"meta.format", JK_FORMAT, 0},
	{"meta.agency", JK_AGENCY, 0},
	{"meta.published", JK_PUBLISHED, 0},
	{"meta.title_year", JK_TITLE_YEAR, 0},
	{"meta.period_year", JK_PERIOD_YEAR, 0},
	{"meta.index_number", JK_INDEX_NUMBER, 0},
	{"meta.parts_present", JK_PARTS, 0},
	{"meta.parser_version", JK_PARSER_VERSION, 0},
	{"meta.libraries", JK_LIBRARIES, 0},
	{"status.t2", JK_STATUS, GIAR_TABLE_2},
	{"status.t3", JK_STATUS, GIAR_TABLE_3},
	{"status.t4", JK_STATUS, GIAR_TABLE_4},
	{"format.t2", JK_TABLE_FORMAT, GIAR_TABLE_2},
	{"format.t3", JK_TABLE_FORMAT, GIAR_TABLE_3},
	{"prose.disclosed", JK_PROSE, GIAR_PROSE_DISCLOSED},
	{"prose.partially_disclosed", JK_PROSE, GIAR_PROSE_PARTIALLY_DISCLOSED},
	{"prose.withheld", JK_PROSE, GIAR_PROSE_WITHHELD},
	{"prose.unavailable", JK_PROSE, GIAR_PROSE_UNAVAILABLE},
	{"prose.not_processed", JK_PROSE, GIAR_PROSE_NOT_PROCESSED},
	{"prose.other_handling", JK_PROSE, GIAR_PROSE_OTHER_HANDLING},
	{"prose.shares", JK_SHARES, 0},
	{"fingerprint", JK_FINGERPRINT, 0},
	{"unreadable", JK_UNREADABLE, 0},
	{"diagnostics", JK_DIAGNOSTICS, 0},
};

/* What a call site keeps: the result type's shape, built once. */
typedef struct JsonCache
{
	Oid			typid;
	ReportShape *shape;
} JsonCache;

/* The first unknown keys in byte order, and how many there are. */
typedef struct UnknownKeys
{
	int64		count;
	int			nlisted;
	const char *key[LISTED_KEYS];
	int			len[LISTED_KEYS];
} UnknownKeys;

static const char *const expected_diagnostic =
"an object with the fields code, severity, message and line";
static const char *const expected_share =
"an object with the fields outcome, count, percent and line";

static JsonKey
classify_key(const char *s, int len, int *arg, const GiarDictEntry **entry)
{
	char		key[MAX_KEY_LEN];
	const GiarDictEntry *e;

	*arg = 0;
	*entry = NULL;
	if (len <= 0 || len >= MAX_KEY_LEN)
		return JK_UNKNOWN;
	memcpy(key, s, len);
	key[len] = '\0';
	for (int i = 0; i < lengthof(report_keys); i++)
	{
		if (strcmp(report_keys[i].key, key) == 0)
		{
			*arg = report_keys[i].arg;
			return report_keys[i].kind;
		}
	}
	e = giar_dict_by_key(key);
	if (e == NULL)
		return JK_UNKNOWN;
	*entry = e;
	/* every dictionary key not stored in a cell is a derived subtotal */
	return e->cell >= 0 ? JK_CELL : JK_DERIVED;
}

/* Up to maxchars characters of s (in the database encoding), "..." if cut. */
static void
append_prefix(StringInfo buf, const char *s, int len, int maxchars)
{
	int			cut = pg_mbcharcliplen(s, len, maxchars);

	appendBinaryStringInfo(buf, s, cut);
	if (cut < len)
		appendStringInfoString(buf, "...");
}

/* n with thousands separators: 199,990. */
static void
append_count(StringInfo buf, int64 n)
{
	char		digits[32];
	int			len = snprintf(digits, sizeof(digits), INT64_FORMAT, n);

	for (int i = 0; i < len; i++)
	{
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			appendStringInfoChar(buf, ',');
		appendStringInfoChar(buf, digits[i]);
	}
}

static int
key_cmp(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : alen - blen;
}

/* Keep the LISTED_KEYS smallest in byte order (an insertion into a short list). */
static void
note_unknown(UnknownKeys *u, const char *s, int len)
{
	int			pos;

	u->count++;
	if (u->nlisted == LISTED_KEYS &&
		key_cmp(s, len, u->key[LISTED_KEYS - 1], u->len[LISTED_KEYS - 1]) >= 0)
		return;
	if (u->nlisted < LISTED_KEYS)
		u->nlisted++;
	pos = u->nlisted - 1;
	while (pos > 0 && key_cmp(s, len, u->key[pos - 1], u->len[pos - 1]) < 0)
	{
		u->key[pos] = u->key[pos - 1];
		u->len[pos] = u->len[pos - 1];
		pos--;
	}
	u->key[pos] = s;
	u->len[pos] = len;
}

/*
 * Every key must be known before any value is read.  The error names a few
 * of the unknown keys and counts the rest: a document of many thousands
 * of them makes a message of a few hundred characters.
 */
static void
check_keys(Jsonb *doc)
{
	JsonbIterator *it = JsonbIteratorInit(&doc->root);
	JsonbValue	v;
	JsonbIteratorToken tok;
	UnknownKeys u;
	StringInfoData list;

	memset(&u, 0, sizeof(u));
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		int			arg;
		const GiarDictEntry *entry;

		if (tok != WJB_KEY)
			continue;
		CHECK_FOR_INTERRUPTS();
		if (classify_key(v.val.string.val, v.val.string.len, &arg, &entry) == JK_UNKNOWN)
			note_unknown(&u, v.val.string.val, v.val.string.len);
	}
	if (u.count == 0)
		return;

	initStringInfo(&list);
	for (int i = 0; i < u.nlisted; i++)
	{
		if (i > 0)
			appendStringInfoString(&list, ", ");
		append_prefix(&list, u.key[i], u.len[i], LISTED_KEY_CHARS);
	}
	if (u.count > u.nlisted)
	{
		appendStringInfoString(&list, " ... and ");
		append_count(&list, u.count - u.nlisted);
		appendStringInfoString(&list, " more");
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg_plural("unknown key in a report in JSON: %s",
						   "unknown keys in a report in JSON: %s",
						   (unsigned long) Min(u.count, 1000000), list.data),
			 errdetail("Cells are keyed as giar.dictionary; the other keys are those giar.report_to_jsonb writes."),
			 errhint("SELECT key FROM giar.dictionary lists the cell keys.")));
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/* What a value is, for an error: its type, and scalars quoted (capped). */
static char *
describe_value(const JsonbValue *v)
{
	StringInfoData buf;

	initStringInfo(&buf);
	switch (v->type)
	{
		case jbvNull:
			appendStringInfoString(&buf, "null");
			break;
		case jbvBool:
			appendStringInfoString(&buf, v->val.boolean ? "true" : "false");
			break;
		case jbvString:
			appendStringInfoString(&buf, "the string \"");
			append_prefix(&buf, v->val.string.val, v->val.string.len, QUOTED_CHARS);
			appendStringInfoChar(&buf, '"');
			break;
		case jbvNumeric:
			{
				char	   *s = DatumGetCString(DirectFunctionCall1(numeric_out,
																	NumericGetDatum(v->val.numeric)));

				appendStringInfoString(&buf, "the number ");
				append_prefix(&buf, s, strlen(s), QUOTED_CHARS);
			}
			break;
		case jbvBinary:
			if (JsonContainerIsObject(v->val.binary.data))
				appendStringInfoString(&buf, "an object");
			else
			{
				int			n = JsonContainerSize(v->val.binary.data);

				appendStringInfo(&buf, n == 1 ? "an array of %d element" :
								 "an array of %d elements", n);
			}
			break;
		default:
			appendStringInfoString(&buf, "a value of another kind");
			break;
	}
	return buf.data;
}

static void bad_value(const char *key, const char *where, const char *found,
					  const char *expected) pg_attribute_noreturn();

/*
 * key is one of the reader's own keys (unknown keys never get here), where
 * says which element of an array, if any.
 */
static void
bad_value(const char *key, const char *where, const char *found,
		  const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid value of \"%s\" in a report in JSON", key),
			 where ? errdetail("%s: found %s; expected %s.", where, found, expected) :
			 errdetail("Found %s; expected %s.", found, expected),
			 errhint("giar.report_to_jsonb writes the values giar.report_from_jsonb reads; giar.dictionary gives the key and value_type of every cell.")));
	pg_unreachable();
}

static char *
element_where(int index)
{
	return psprintf("Element %d", index + 1);
}

static char *
field_where(int index, const char *field)
{
	return psprintf("Element %d, field \"%s\"", index + 1, field);
}

static int
numeric_compare(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a),
											 NumericGetDatum(b)));
}

/* An integral number within bigint (3.0 is 3); false for anything else. */
static bool
numeric_to_int64(Numeric num, int64 *result)
{
	Numeric		floor;

	if (numeric_is_nan(num) || numeric_is_inf(num))
		return false;
	/* the range first: numeric_floor of 1e100000 is no work worth doing */
	if (numeric_compare(num, int64_to_numeric(PG_INT64_MIN)) < 0 ||
		numeric_compare(num, int64_to_numeric(PG_INT64_MAX)) > 0)
		return false;
	floor = DatumGetNumeric(DirectFunctionCall1(numeric_floor, NumericGetDatum(num)));
	if (numeric_compare(floor, num) != 0)
		return false;
	*result = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(num)));
	return true;
}

static int64
read_integer(const char *key, const char *where, const JsonbValue *v,
			 int64 min, int64 max, const char *expected)
{
	int64		n;

	if (v->type != jbvNumeric || !numeric_to_int64(v->val.numeric, &n) ||
		n < min || n > max)
		bad_value(key, where, describe_value(v), expected);
	return n;
}

/*
 * A non-negative amount as a GiarNumber: at most MAX_AMOUNT_DIGITS
 * significant digits and as many decimals, trailing zeros of the fraction
 * dropped (12.50 is 12.5, as a stored report is read).
 */
static GiarNumber
read_amount(const char *key, const char *where, const JsonbValue *v,
			const char *expected)
{
	GiarNumber	n = {0, 0, true};
	Numeric		num;
	char	   *s;
	char	   *end;
	int			significant = 0;
	bool		point = false;

	if (v->type != jbvNumeric)
		bad_value(key, where, describe_value(v), expected);
	num = v->val.numeric;
	if (numeric_is_nan(num) || numeric_is_inf(num) ||
		numeric_compare(num, int64_to_numeric(0)) < 0 ||
		numeric_compare(num, int64_to_numeric(INT64CONST(1000000000000000000))) >= 0)
		bad_value(key, where, describe_value(v), expected);
	/* below 10^18: the text is short unless the fraction is (then refused) */
	s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	end = s + strlen(s);
	if (strchr(s, '.') != NULL)
	{
		while (end[-1] == '0')
			end--;
		if (end[-1] == '.')
			end--;
	}
	for (const char *p = s; p < end; p++)
	{
		if (*p == '.')
		{
			point = true;
			continue;
		}
		if (*p < '0' || *p > '9')
			bad_value(key, where, describe_value(v), expected);
		if (significant > 0 || *p != '0')
			significant++;
		if (point)
			n.scale++;
		if (significant > MAX_AMOUNT_DIGITS || n.scale > MAX_AMOUNT_DIGITS)
			bad_value(key, where, describe_value(v), expected);
		n.digits = n.digits * 10 + (*p - '0');
	}
	return n;
}

static GiarNumber
read_cell(const char *key, const JsonbValue *v, GiarValueKind kind)
{
	GiarNumber	n = {0, 0, true};

	switch (kind)
	{
		case GIAR_KIND_COUNT:
			n.digits = read_integer(key, NULL, v, 0, PG_INT64_MAX,
									"a count: a non-negative integer within the range of bigint");
			break;
		case GIAR_KIND_SIGNED:
			n.digits = read_integer(key, NULL, v, PG_INT64_MIN, PG_INT64_MAX,
									"an integer within the range of bigint");
			break;
		case GIAR_KIND_AMOUNT:
			n = read_amount(key, NULL, v,
							"an amount: a non-negative number of at most 18 significant digits and 18 decimals");
			break;
		default:
			elog(ERROR, "dictionary key \"%s\" is a cell of no numeric kind", key);
	}
	return n;
}

static int
read_year(const char *key, const JsonbValue *v)
{
	return (int) read_integer(key, NULL, v, MIN_YEAR, MAX_YEAR,
							  "a year: an integer from 1990 to 2099");
}

static void
require_string(const char *key, const char *where, const JsonbValue *v,
			   const char *expected)
{
	if (v->type != jbvString)
		bad_value(key, where, describe_value(v), expected);
}

/*
 * The text of a string value as the core holds text, in UTF-8.  jsonb keeps
 * its strings in the database encoding; report_to_datum converts the
 * core's text back to it.  A SQL_ASCII database declares no encoding: its
 * bytes go as they are, as for a parse.
 */
static char *
string_utf8(const JsonbValue *v)
{
	const char *s = v->val.string.val;
	int			len = v->val.string.len;
	int			enc = GetDatabaseEncoding();
	char	   *converted;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return pnstrdup(s, len);
	converted = pg_server_to_any(s, len, PG_UTF8);
	/* not converted: the source, which is not NUL-terminated */
	return converted == s ? pnstrdup(s, len) : converted;
}

/* Is the string value exactly name? */
static bool
string_is(const JsonbValue *v, const char *name)
{
	return v->type == jbvString && (size_t) v->val.string.len == strlen(name) &&
		memcmp(v->val.string.val, name, v->val.string.len) == 0;
}

static GiarFormat
read_format(const char *key, const JsonbValue *v, bool table)
{
	const char *expected = table ? "2021 or 2019" :
	"one of 2021, 2019, legacy, unknown";

	for (int f = 0; f <= GIAR_FORMAT_LEGACY; f++)
	{
		/* a table's format is one the core fits tables to */
		if (table && f != GIAR_FORMAT_2021 && f != GIAR_FORMAT_2019)
			continue;
		if (string_is(v, giar_format_name((GiarFormat) f)))
			return (GiarFormat) f;
	}
	bad_value(key, NULL, describe_value(v), expected);
}

static GiarTableStatus
read_status(const char *key, const JsonbValue *v)
{
	for (int t = 0; t <= GIAR_TABLE_PARSED; t++)
		if (string_is(v, giar_table_status_name((GiarTableStatus) t)))
			return (GiarTableStatus) t;
	bad_value(key, NULL, describe_value(v),
			  "one of parsed, partial, not_machine_readable, missing");
}

/* YYYY-MM-DD, as to_jsonb writes a date, within the years a report has. */
static GiarDate
read_date(const char *key, const JsonbValue *v)
{
	const char *expected = "a date written YYYY-MM-DD, from 1990 to 2099";
	GiarDate	d = {0, 0, 0};
	const char *s;

	if (v->type != jbvString || v->val.string.len != 10)
		bad_value(key, NULL, describe_value(v), expected);
	s = v->val.string.val;
	for (int i = 0; i < 10; i++)
	{
		bool		dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			bad_value(key, NULL, describe_value(v), expected);
	}
	d.year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d.month = (s[5] - '0') * 10 + (s[6] - '0');
	d.day = (s[8] - '0') * 10 + (s[9] - '0');
	if (d.year < MIN_YEAR || d.year > MAX_YEAR || d.month < 1 || d.month > 12 ||
		d.day < 1 || d.day > day_tab[isleap(d.year) ? 1 : 0][d.month - 1])
		bad_value(key, NULL, describe_value(v), expected);
	return d;
}

/* The container of an array value, or an error. */
static JsonbContainer *
array_of(const char *key, const JsonbValue *v, const char *expected)
{
	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		bad_value(key, NULL, describe_value(v), expected);
	return v->val.binary.data;
}

/*
 * The next element of an array; false at its end.  Nested arrays and
 * objects come as jbvBinary (skipNested): the callers refuse them where
 * they want scalars.
 */
static bool
next_element(JsonbIterator **it, JsonbValue *elem)
{
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(it, elem, true)) != WJB_DONE)
	{
		if (tok == WJB_ELEM)
		{
			CHECK_FOR_INTERRUPTS();
			return true;
		}
	}
	return false;
}

/* Parts 1..6 found, each once; a one-dimensional array. */
static unsigned
read_parts(const char *key, const JsonbValue *v)
{
	const char *expected = "a part number from 1 to 6 (the array is one-dimensional)";
	JsonbIterator *it = JsonbIteratorInit(array_of(key, v,
												   "an array of the part numbers found, from 1 to 6"));
	JsonbValue	elem;
	unsigned	parts = 0;
	int			index = 0;

	while (next_element(&it, &elem))
	{
		int			part = (int) read_integer(key, element_where(index), &elem,
											  1, GIAR_NPARTS, expected);

		if (parts & (1u << part))
			bad_value(key, element_where(index), psprintf("part %d a second time", part),
					  "each part at most once");
		parts |= 1u << part;
		index++;
	}
	return parts;
}

static void
read_fingerprint(const char *key, const JsonbValue *v, GiarReport *report)
{
	const char *expected = "an array of exactly 64 integers";
	JsonbContainer *jc = array_of(key, v, expected);
	JsonbIterator *it;
	JsonbValue	elem;
	int			index = 0;

	if (JsonContainerSize(jc) != GIAR_FINGERPRINT_SIZE)
		bad_value(key, NULL, describe_value(v), expected);
	it = JsonbIteratorInit(jc);
	while (next_element(&it, &elem))
	{
		/* the bins are stored as integer[]: uint32 read as int32 */
		int64		bin = read_integer(key, element_where(index), &elem,
									   PG_INT32_MIN, PG_INT32_MAX,
									   "an integer within the range of integer");

		report->fingerprint[index++] = (uint32_t) (int32) bin;
	}
	report->has_fingerprint = true;
}

static void
read_unreadable(const char *key, const JsonbValue *v, GiarReport *report)
{
	const char *expected = "the key of a table or narrative cell in giar.dictionary";
	JsonbIterator *it = JsonbIteratorInit(array_of(key, v,
												   "an array of keys of cells in giar.dictionary"));
	JsonbValue	elem;
	int			index = 0;

	while (next_element(&it, &elem))
	{
		char		name[MAX_KEY_LEN];
		const GiarDictEntry *e = NULL;

		if (elem.type == jbvString && elem.val.string.len < MAX_KEY_LEN)
		{
			memcpy(name, elem.val.string.val, elem.val.string.len);
			name[elem.val.string.len] = '\0';
			e = giar_dict_by_key(name);
		}
		if (e == NULL || e->cell < 0)
			bad_value(key, element_where(index), describe_value(&elem), expected);
		report->unreadable[e->cell] = true;
		index++;
	}
}

/* A line number: positive, or null (no line). */
static int
read_line(const char *key, const char *where, const JsonbValue *v)
{
	if (v->type == jbvNull)
		return 0;
	return (int) read_integer(key, where, v, 1, PG_INT32_MAX,
							  "a line number from 1 within the range of integer, or null");
}

/* An object in an array of diagnostics or shares with a field it cannot have. */
pg_attribute_noreturn()
static void
unknown_field(const char *key, int index, const JsonbValue *field,
			  const char *expected)
{
	StringInfoData found;

	initStringInfo(&found);
	appendStringInfoString(&found, "a field \"");
	append_prefix(&found, field->val.string.val, field->val.string.len,
				  QUOTED_CHARS);
	appendStringInfoChar(&found, '"');
	bad_value(key, element_where(index), found.data, expected);
}

static void
read_diagnostic(const char *key, int index, const JsonbValue *v,
				GiarDiagnostic *d)
{
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	field;
	JsonbValue	value;
	bool		has_code = false,
				has_severity = false,
				has_message = false;

	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		bad_value(key, element_where(index), describe_value(v), expected_diagnostic);
	d->catalogue_index = -1;
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &field, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &value, true);
		Assert(tok == WJB_VALUE);
		if (string_is(&field, "code"))
		{
			const char *expected = "a diagnostic code: a string that is not empty";

			require_string(key, field_where(index, "code"), &value, expected);
			if (value.val.string.len == 0)
				bad_value(key, field_where(index, "code"), describe_value(&value), expected);
			d->code = string_utf8(&value);
			for (int c = 0; c < giar_ndiag_codes; c++)
				if (strcmp(giar_diag_codes[c].code, d->code) == 0)
					d->catalogue_index = c;
			has_code = true;
		}
		else if (string_is(&field, "severity"))
		{
			int			s;

			for (s = GIAR_SEVERITY_ERROR; s >= GIAR_SEVERITY_INFO; s--)
				if (string_is(&value, giar_severity_name((GiarSeverity) s)))
					break;
			if (s < GIAR_SEVERITY_INFO)
				bad_value(key, field_where(index, "severity"), describe_value(&value),
						  "error, warning or info");
			d->severity = (GiarSeverity) s;
			has_severity = true;
		}
		else if (string_is(&field, "message"))
		{
			require_string(key, field_where(index, "message"), &value, "a string");
			d->message = string_utf8(&value);
			has_message = true;
		}
		else if (string_is(&field, "line"))
			d->line = read_line(key, field_where(index, "line"), &value);
		else
			unknown_field(key, index, &field, expected_diagnostic);
	}
	if (!has_code || !has_severity || !has_message)
		bad_value(key, element_where(index),
				  !has_code ? "no code" : !has_severity ? "no severity" : "no message",
				  expected_diagnostic);
}

static void
read_diagnostics(const char *key, const JsonbValue *v, GiarReport *report)
{
	JsonbContainer *jc = array_of(key, v, "an array of diagnostics (giar.diagnostic)");
	JsonbIterator *it = JsonbIteratorInit(jc);
	JsonbValue	elem;
	int			n = JsonContainerSize(jc);

	report->diagnostics = palloc0(sizeof(GiarDiagnostic) * Max(n, 1));
	report->diagnostics_cap = n;
	report->ndiagnostics = 0;
	while (next_element(&it, &elem))
	{
		read_diagnostic(key, report->ndiagnostics, &elem,
						&report->diagnostics[report->ndiagnostics]);
		report->ndiagnostics++;
	}
}

static void
read_share(const char *key, int index, const JsonbValue *v, GiarShare *sh)
{
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	field;
	JsonbValue	value;
	bool		has_outcome = false,
				has_count = false,
				has_percent = false;

	if (v->type != jbvBinary || !JsonContainerIsObject(v->val.binary.data))
		bad_value(key, element_where(index), describe_value(v), expected_share);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &field, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &value, true);
		Assert(tok == WJB_VALUE);
		if (string_is(&field, "outcome"))
		{
			int			k;

			for (k = 0; k < GIAR_PROSE_NOUTCOMES; k++)
				if (string_is(&value, report_outcome_names[k]))
					break;
			if (k == GIAR_PROSE_NOUTCOMES)
				bad_value(key, field_where(index, "outcome"), describe_value(&value),
						  "one of disclosed, partially_disclosed, withheld, unavailable, not_processed, other_handling");
			sh->outcome = (GiarProseOutcome) k;
			has_outcome = true;
		}
		else if (string_is(&field, "count"))
		{
			sh->count = read_integer(key, field_where(index, "count"), &value,
									 0, PG_INT64_MAX,
									 "a count: a non-negative integer within the range of bigint");
			has_count = true;
		}
		else if (string_is(&field, "percent"))
		{
			sh->percent = read_amount(key, field_where(index, "percent"), &value,
									  "a non-negative number of at most 18 significant digits and 18 decimals");
			has_percent = true;
		}
		else if (string_is(&field, "line"))
			sh->line = read_line(key, field_where(index, "line"), &value);
		else
			unknown_field(key, index, &field, expected_share);
	}
	if (!has_outcome || !has_count || !has_percent)
		bad_value(key, element_where(index),
				  !has_outcome ? "no outcome" : !has_count ? "no count" : "no percent",
				  expected_share);
}

static void
read_shares(const char *key, const JsonbValue *v, GiarReport *report)
{
	JsonbContainer *jc = array_of(key, v, "an array of shares (giar.share)");
	JsonbIterator *it = JsonbIteratorInit(jc);
	JsonbValue	elem;
	int			n = JsonContainerSize(jc);

	report->shares = palloc0(sizeof(GiarShare) * Max(n, 1));
	report->shares_cap = n;
	report->nshares = 0;
	while (next_element(&it, &elem))
	{
		read_share(key, report->nshares, &elem, &report->shares[report->nshares]);
		report->nshares++;
	}
}

/*
 * Read every key's value into report; *parser_version and *libraries get
 * meta.parser_version and meta.libraries (NULL when absent).  A null value is the key's
 * absence, as jsonb_strip_nulls leaves it.
 */
static void
read_values(Jsonb *doc, GiarReport *report, text **parser_version,
			text **libraries)
{
	JsonbIterator *it = JsonbIteratorInit(&doc->root);
	JsonbValue	k;
	JsonbValue	v;
	JsonbIteratorToken tok;

	*parser_version = NULL;
	*libraries = NULL;
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		int			arg;
		const GiarDictEntry *entry;
		JsonKey		kind;
		const char *key;

		if (tok != WJB_KEY)
			continue;
		CHECK_FOR_INTERRUPTS();
		kind = classify_key(k.val.string.val, k.val.string.len, &arg, &entry);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		if (v.type == jbvNull || kind == JK_DERIVED)
			continue;
		/* the reader's own spelling of the key, for messages */
		key = entry ? entry->key : NULL;
		for (int i = 0; key == NULL && i < lengthof(report_keys); i++)
			if (report_keys[i].kind == kind && report_keys[i].arg == arg)
				key = report_keys[i].key;
		Assert(key != NULL);

		switch (kind)
		{
			case JK_UNKNOWN:
			case JK_DERIVED:
				/* refused by check_keys, skipped above */
				break;
			case JK_CELL:
				report->cells[entry->cell] = read_cell(key, &v, entry->kind);
				break;
			case JK_YEAR:
				report->year = read_year(key, &v);
				break;
			case JK_TITLE_YEAR:
				report->title_year = read_year(key, &v);
				break;
			case JK_PERIOD_YEAR:
				report->period_year = read_year(key, &v);
				break;
			case JK_FORMAT:
				report->format = read_format(key, &v, false);
				break;
			case JK_AGENCY:
				require_string(key, NULL, &v, "a string");
				report->agency = string_utf8(&v);
				break;
			case JK_INDEX_NUMBER:
				require_string(key, NULL, &v, "a string");
				report->index_number = string_utf8(&v);
				break;
			case JK_PUBLISHED:
				report->published = read_date(key, &v);
				break;
			case JK_PARTS:
				report->parts_present = read_parts(key, &v);
				break;
			case JK_PARSER_VERSION:
				require_string(key, NULL, &v, "a string");
				*parser_version = cstring_to_text_with_len(v.val.string.val,
														   v.val.string.len);
				break;
			case JK_LIBRARIES:
				require_string(key, NULL, &v, "a string");
				*libraries = cstring_to_text_with_len(v.val.string.val,
													  v.val.string.len);
				break;
			case JK_STATUS:
				report->table_status[arg] = read_status(key, &v);
				break;
			case JK_TABLE_FORMAT:
				report->table_format[arg] = read_format(key, &v, true);
				break;
			case JK_PROSE:
				report->prose_outcomes[arg] = read_cell(key, &v, GIAR_KIND_COUNT);
				break;
			case JK_SHARES:
				read_shares(key, &v, report);
				break;
			case JK_FINGERPRINT:
				read_fingerprint(key, &v, report);
				break;
			case JK_UNREADABLE:
				read_unreadable(key, &v, report);
				break;
			case JK_DIAGNOSTICS:
				read_diagnostics(key, &v, report);
				break;
		}
	}
}

Datum
giar_report_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *doc = PG_GETARG_JSONB_P(0);
	JsonCache  *cache = (JsonCache *) fcinfo->flinfo->fn_extra;
	GiarReport *report;
	text	   *parser_version;
	text	   *libraries;

	if (!JB_ROOT_IS_OBJECT(doc))
	{
		const char *type = "array";
		JsonbValue	scalar;

		if (JB_ROOT_IS_SCALAR(doc) && JsonbExtractScalar(&doc->root, &scalar))
			type = JsonbTypeName(&scalar);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a report in JSON must be an object, not %s", type),
				 errdetail("giar.report_from_jsonb reads the flat objects giar.report_to_jsonb writes."),
				 errhint("Pass giar.report_to_jsonb(report), or an object keyed as giar.dictionary.")));
	}

	/*
	 * The declared result type, bound when the function was created: looked
	 * up once per call site, never by name.
	 */
	if (cache == NULL)
	{
		TupleDesc	desc;

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("giar.report_from_jsonb must return a composite type")));
		cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(JsonCache));
		cache->typid = desc->tdtypeid;
		fcinfo->flinfo->fn_extra = cache;
	}

	check_keys(doc);
	report = palloc0(sizeof(GiarReport));
	read_values(doc, report, &parser_version, &libraries);
	PG_RETURN_DATUM(report_to_datum_version(report_shape_get(fcinfo->flinfo->fn_mcxt,
															 &cache->shape,
															 cache->typid),
											report, parser_version, libraries));
}
