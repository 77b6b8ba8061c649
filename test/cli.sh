#!/bin/bash
# The giar command against the extension: `giar parse --format jsonl`
# writes, for every fixture, the report giar.report_to_jsonb(
# giar.parse_report(text)) returns; csv writes the cells giar.cells states;
# pages saved in GB18030 (declared and not), UTF-16 with a byte order mark
# and UTF-8 with one read as the UTF-8 page does; an unreadable file is
# named and makes the exit status 1 while the others are still parsed.
# Uses PGHOST, PGPORT and PGUSER of a running cluster with giar installed.
set -euo pipefail
cd "$(dirname "$0")/.."

giar=${GIAR:-./giar}
db=giar_cli
work=$(mktemp -d)
trap 'rm -rf "$work"; dropdb --if-exists "$db"' EXIT
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION giar"

failures=0
fail() {
	echo "FAIL $*"
	failures=$((failures + 1))
}

# every fixture: the same JSON value as the extension's
"$giar" parse --format jsonl test/fixtures/*.txt >"$work/reports.jsonl"
"$giar" parse --format csv test/fixtures/*.txt >"$work/cells.csv"
{
	echo "CREATE TABLE fixture (file text PRIMARY KEY, body text);"
	for f in test/fixtures/*.txt; do
		echo "\\set body \`cat '$f'\`"
		echo "INSERT INTO fixture VALUES ('$f', :'body');"
	done
	# one JSON document a line; no character of it is a CSV quote or delimiter
	echo "CREATE TABLE cli (line text);"
	echo "\\copy cli FROM '$work/reports.jsonl' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
	echo "CREATE TABLE cli_cells (file text, key text, label text, value numeric);"
	echo "\\copy cli_cells FROM '$work/cells.csv' WITH (FORMAT csv, HEADER)"
} | psql -X -q -v ON_ERROR_STOP=1 -d "$db"
read -r files same < <(psql -X -At -F ' ' -v ON_ERROR_STOP=1 -d "$db" -c "
	SELECT count(*), count(*) FILTER (WHERE (c.line::jsonb -> 'report')
	                                  = giar.report_to_jsonb(giar.parse_report(f.body)))
	FROM cli c JOIN fixture f ON f.file = c.line::jsonb ->> 'file'")
fixtures=$(ls test/fixtures/*.txt | wc -l)
[ "$files" = "$fixtures" ] && [ "$same" = "$fixtures" ] ||
	fail "jsonl: $same of $files lines equal the extension's report_to_jsonb ($fixtures fixtures)"
differ=$(psql -X -At -v ON_ERROR_STOP=1 -d "$db" -c "
	SELECT count(*) FROM (
		(SELECT f.file, c.key, c.value FROM fixture f, giar.cells(giar.parse_report(f.body)) c
		 EXCEPT SELECT file, key, value FROM cli_cells)
		UNION ALL
		(SELECT file, key, value FROM cli_cells
		 EXCEPT SELECT f.file, c.key, c.value FROM fixture f, giar.cells(giar.parse_report(f.body)) c)) d")
cells=$(psql -X -At -d "$db" -c "SELECT count(*) FROM cli_cells")
[ "$differ" = 0 ] || fail "csv: $differ cells differ from giar.cells ($cells rows)"

# encodings: each copy of a page reads as the UTF-8 page does
page=test/fixtures/05_html_word_page.txt
text=test/fixtures/01_pipe_rows.txt
cp "$page" "$work/utf8.html"
printf '\xEF\xBB\xBF' >"$work/utf8-bom.html"
cat "$page" >>"$work/utf8-bom.html"
sed 's/charset=utf-8/charset=gb2312/I; s/charset="utf-8"/charset="gb2312"/I' "$page" |
	iconv -f UTF-8 -t GB18030 >"$work/gb18030-declared.html"
grep -qi 'charset="\{0,1\}gb2312' "$work/gb18030-declared.html" ||
	fail "encodings: the GB18030 page declares no charset (the fixture's declaration changed?)"
printf '\xFF\xFE' >"$work/utf16le-bom.txt"
iconv -f UTF-8 -t UTF-16LE "$text" >>"$work/utf16le-bom.txt"
iconv -f UTF-8 -t GB18030 "$text" >"$work/gbk-undeclared.txt"
cp "$text" "$work/utf8.txt"
report_of() {
	"$giar" parse --format jsonl "$1" | python3 -c 'import json,sys; r=json.loads(sys.stdin.read())["report"]; r.pop("meta.libraries"); print(json.dumps(r, sort_keys=True))'
}
want_page=$(report_of "$work/utf8.html")
want_text=$(report_of "$work/utf8.txt")
for f in utf8-bom.html gb18030-declared.html; do
	[ "$(report_of "$work/$f")" = "$want_page" ] || fail "encodings: $f does not read as the UTF-8 page"
done
for f in utf16le-bom.txt gbk-undeclared.txt; do
	[ "$(report_of "$work/$f")" = "$want_text" ] || fail "encodings: $f does not read as the UTF-8 text"
done

# an unreadable file is named, the others parsed, the status 1
set +e
"$giar" parse --format jsonl "$text" "$work/missing.txt" "$work/report.docx" "$text" \
	>"$work/partial.jsonl" 2>"$work/partial.err"
status=$?
set -e
[ "$status" = 1 ] || fail "an unreadable file: exit status $status, not 1"
[ "$(wc -l <"$work/partial.jsonl")" = 2 ] || fail "an unreadable file: the other files were not all parsed"
grep -q 'missing.txt' "$work/partial.err" && grep -q 'report.docx: not supported' "$work/partial.err" ||
	fail "an unreadable file: not named on standard error: $(cat "$work/partial.err")"
# usage errors: status 2
set +e
"$giar" parse --format xml "$text" >/dev/null 2>&1
status=$?
set -e
[ "$status" = 2 ] || fail "an unknown format: exit status $status, not 2"
"$giar" parse - <"$text" | grep -q '"file": "-"' || fail "standard input is not read as -"

if [ "$failures" -gt 0 ]; then
	echo "giar command: $failures failure(s)"
	exit 1
fi
echo "giar command: $fixtures fixtures parsed as the extension parses them (jsonl equal to report_to_jsonb, $cells csv cells equal to giar.cells); GB18030 declared and undeclared, UTF-16 and UTF-8 with a byte order mark read as UTF-8; unreadable files named"
