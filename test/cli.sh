#!/bin/bash
# The giar command against the extension: `giar parse --format jsonl`
# writes, for every fixture, the report giar.report_to_jsonb(
# giar.parse_report(text)) returns; csv writes the cells giar.cells states;
# pages saved in GB18030 (declared and not), UTF-16 with a byte order mark
# and UTF-8 with one read as the UTF-8 page does; an unreadable file is
# named and makes the exit status 1 while the others are still parsed.
# giar load stores a folder of such pages and a PDF as a database owner
# without superuser, names the files it cannot read, and stores nothing
# again when run again.
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

# every fixture, and the seeds when they are at hand: the same JSON value
# as the extension's
corpus=${GIAR_CORPUS:-../shared}
texts=(test/fixtures/*.txt)
seeds=0
if [ -d "$corpus/seeds" ]; then
	for f in "$corpus"/seeds/*.txt; do
		texts+=("$f")
		seeds=$((seeds + 1))
	done
fi
"$giar" parse --format jsonl "${texts[@]}" >"$work/reports.jsonl"
"$giar" parse --format csv "${texts[@]}" >"$work/cells.csv"
{
	echo "CREATE TABLE fixture (file text PRIMARY KEY, body text);"
	for f in "${texts[@]}"; do
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
fixtures=${#texts[@]}
[ "$files" = "$fixtures" ] && [ "$same" = "$fixtures" ] ||
	fail "jsonl: $same of $files lines equal the extension's report_to_jsonb ($fixtures texts)"
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

# giar load: a folder of pages in four encodings, a PDF made from a
# fixture, a broken PDF and a .docx, loaded by a database owner without
# superuser; loading it again stores nothing
owner=giar_cli_owner
owned=giar_cli_owned
dropdb --if-exists "$owned" 2>/dev/null
psql -X -q -d "$db" -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $owner" -c "CREATE ROLE $owner LOGIN"
createdb -O "$owner" "$owned"
trap 'rm -rf "$work"; dropdb --if-exists "$db"; dropdb --if-exists "$owned"; psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $owner"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -U "$owner" -d "$owned" -c "CREATE EXTENSION giar"
archive=$work/archive
mkdir -p "$archive/sub"
# each copy's text differs by a line, so that each is a document of its own
{ cat "$page"; echo "<!-- utf-8 -->"; } >"$archive/utf8.html"
{ cat "$work/gb18030-declared.html"; echo "<!-- gb18030 -->" | iconv -f UTF-8 -t GB18030; } >"$archive/gb18030.html"
{ cat "$work/utf16le-bom.txt"; printf '\n(utf-16)\n' | iconv -f UTF-8 -t UTF-16LE; } >"$archive/sub/utf16.txt"
{ cat "$work/gbk-undeclared.txt"; printf '\n(gbk)\n'; } >"$archive/sub/gbk.txt"
python3 test/text_to_pdf.py "$text" "$archive/sub/report.pdf"
printf 'not a PDF at all' >"$archive/broken.pdf"
printf 'PK' >"$archive/minutes.docx"
"$giar" load -d "dbname=$owned user=$owner" --jobs 2 "$archive" >"$work/load1.out" 2>"$work/load1.err" ||
	fail "giar load as a database owner without superuser: $(cat "$work/load1.out" "$work/load1.err")"
grep -q 'stored 5 (complete 5,' "$work/load1.out" && grep -q 'unreadable 2' "$work/load1.out" &&
	grep -q 'broken.pdf: pdftotext could not read' "$work/load1.out" &&
	grep -q 'minutes.docx: not supported' "$work/load1.out" ||
	fail "giar load: not 5 stored and 2 unreadable named: $(cat "$work/load1.out")"
# every stored document states the tables of the UTF-8 original
differ=$(psql -X -At -v ON_ERROR_STOP=1 -U "$owner" -d "$owned" -v page="$(cat "$page")" -v text="$(cat "$text")" <<'SQL'
SELECT count(*) FROM giar.documents d
WHERE ARRAY(SELECT c FROM giar.cells(d.report) c WHERE c.key ~ '^t[2346]\.' ORDER BY c.key)
	<> ARRAY(SELECT c FROM giar.cells(giar.parse_report(CASE WHEN d.source_url ~ '\.html$'
	                                                      THEN :'page' ELSE :'text' END)) c
	         WHERE c.key ~ '^t[2346]\.' ORDER BY c.key)
SQL
)
[ "$differ" = 0 ] || fail "giar load: $differ stored documents state other tables than the UTF-8 originals"
"$giar" load -d "dbname=$owned user=$owner" "$archive" >"$work/load2.out" 2>/dev/null ||
	fail "giar load again: $(cat "$work/load2.out")"
grep -q 'stored 0 ' "$work/load2.out" && grep -q 'already stored 5' "$work/load2.out" ||
	fail "giar load again stored something: $(cat "$work/load2.out")"
[ "$(psql -X -At -U "$owner" -d "$owned" -c 'SELECT count(*) FROM giar.documents')" = 5 ] ||
	fail "giar load again: the table holds more than 5 documents"

# Ctrl-C: the batch under way commits, nothing is half written (a batch is
# 50 files)
many=$work/many
mkdir -p "$many"
for i in $(seq 1 400); do
	{ cat "$text"; echo "(copy $i)"; } >"$many/r$i.txt"
done
psql -X -q -U "$owner" -d "$owned" -c "TRUNCATE giar.documents"
"$giar" load -d "dbname=$owned user=$owner" "$many" >"$work/int.out" 2>/dev/null &
loader=$!
sleep 0.3
kill -INT "$loader" 2>/dev/null || true
set +e
wait "$loader"
status=$?
set -e
stored=$(psql -X -At -U "$owner" -d "$owned" -c 'SELECT count(*) FROM giar.documents')
if [ "$status" = 130 ]; then
	[ $((stored % 50)) = 0 ] && grep -q 'interrupted' "$work/int.out" ||
		fail "Ctrl-C: $stored documents stored, not whole batches of 50: $(cat "$work/int.out")"
else
	[ "$status" = 0 ] && [ "$stored" = 400 ] || fail "Ctrl-C: exit status $status, $stored stored"
fi

if [ "$failures" -gt 0 ]; then
	echo "giar command: $failures failure(s)"
	exit 1
fi
echo "giar command: $fixtures texts ($seeds of them seeds) parsed as the extension parses them (jsonl equal to report_to_jsonb, $cells csv cells equal to giar.cells); GB18030 declared and undeclared, UTF-16 and UTF-8 with a byte order mark read as UTF-8; unreadable files named; a folder (4 encodings, a PDF, a broken PDF, a .docx) loaded by a database owner without superuser: 5 stored with the tables of their originals, 2 named unreadable, nothing stored again on reload"
