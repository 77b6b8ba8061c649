#!/bin/bash
# Concurrent writers and readers: pgbench clients insert fixture texts into
# giar.documents while others read the views, for a bounded number of
# transactions.  No client may fail, and afterwards every stored report
# and its findings must be what a fresh parse of its text gives.
# Uses PGHOST, PGPORT and PGUSER of a running cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

db=giar_concurrency
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"; dropdb --if-exists "$db"' EXIT

createdb "$db"
{
	echo "\\set ON_ERROR_STOP on"
	echo "CREATE EXTENSION giar;"
	echo "CREATE TABLE texts (n integer PRIMARY KEY, body text NOT NULL);"
	n=0
	for f in test/fixtures/*.txt; do
		n=$((n + 1))
		echo "\\set body \`cat '$f'\`"
		echo "INSERT INTO texts VALUES ($n, :'body');"
	done
} | psql -X -q -d "$db"
ntexts=$(psql -X -At -d "$db" -c "SELECT count(*) FROM texts")

cat >"$work/write.sql" <<SQL
\\set n random(1, $ntexts)
INSERT INTO giar.documents (agency_key, body)
SELECT 'k' || (:n % 7), body FROM texts WHERE n = :n;
SQL
cat >"$work/read.sql" <<'SQL'
SELECT count(*), count(*) FILTER (WHERE is_valid) FROM giar.documents_summary;
SELECT count(*) FROM giar.documents_findings;
SELECT count(*) FROM giar.documents_table3;
SELECT count(*) FROM giar.documents_sequence;
SQL

pgbench -n -d "$db" -c 4 -j 2 -t 60 -f "$work/write.sql@3" -f "$work/read.sql@1" \
	>"$work/pgbench.log" 2>&1 || { cat "$work/pgbench.log"; exit 1; }
grep -E "^number of (transactions actually processed|failed transactions)" "$work/pgbench.log" || true

result=$(psql -X -At -d "$db" -c "
	SELECT count(*) || ' documents, ' ||
	       count(*) FILTER (WHERE report::text IS DISTINCT FROM giar.parse_report(body)::text
	                           OR findings::text IS DISTINCT FROM
	                              giar.check_report(giar.parse_report(body))::text) || ' differ'
	FROM giar.documents")
echo "concurrent writers and readers: $result"
case "$result" in
0\ *) echo "nothing was inserted" >&2; exit 1 ;;
*" 0 differ") ;;
*) exit 1 ;;
esac
