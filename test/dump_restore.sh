#!/bin/bash
# pg_dump and pg_restore of a database holding giar.documents and a user's
# own table with generated report and findings columns, into a fresh
# database: the rows come back and every report and finding is identical.
# Uses PGHOST, PGPORT and PGUSER of a running cluster; exits non-zero on
# any difference.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"; dropdb --if-exists giar_dump_src; dropdb --if-exists giar_dump_dst;
	dropdb --if-exists giar_dump_owned; psql -X -q -d postgres -c "DROP ROLE IF EXISTS giar_restorer"' EXIT

createdb giar_dump_src
{
	echo "\\set ON_ERROR_STOP on"
	echo "CREATE EXTENSION giar;"
	echo "CREATE TABLE public.my_reports ("
	echo "  id integer PRIMARY KEY, body text NOT NULL,"
	echo "  report giar.report GENERATED ALWAYS AS (giar.parse_report(body)) STORED,"
	echo "  findings giar.finding[] GENERATED ALWAYS AS (giar.check_report(giar.parse_report(body))) STORED);"
	n=0
	for f in test/fixtures/*.txt; do
		n=$((n + 1))
		echo "\\set body \`cat '$f'\`"
		echo "INSERT INTO giar.documents (agency_key, source_url, body) VALUES ('k$n', '$(basename "$f")', :'body');"
		echo "INSERT INTO public.my_reports (id, body) VALUES ($n, :'body');"
	done
} >"$work/load.sql"
psql -X -q -d giar_dump_src -f "$work/load.sql"

pg_dump -Fc -d giar_dump_src -f "$work/dump"
createdb giar_dump_dst
pg_restore --exit-on-error -d giar_dump_dst "$work/dump"

fingerprint() {
	psql -X -At -d "$1" -c "
		SELECT (SELECT count(*) FROM giar.documents) || ' documents, ' ||
		       (SELECT count(*) FROM public.my_reports) || ' rows of my_reports, ' ||
		       (SELECT md5(string_agg(id || agency_key || source_url || report::text || findings::text
		                              || parse_status, '|' ORDER BY id)) FROM giar.documents) || ' ' ||
		       (SELECT md5(string_agg(id || report::text || findings::text, '|' ORDER BY id))
		        FROM public.my_reports)"
}
before=$(fingerprint giar_dump_src)
after=$(fingerprint giar_dump_dst)
echo "dumped:   $before"
echo "restored: $after"
case "$before" in
0\ *) echo "nothing was loaded" >&2; exit 1 ;;
esac
if [ "$before" != "$after" ]; then
	echo "the restored database differs" >&2
	exit 1
fi
# a restore without owners into the database of an owner without superuser,
# as a hosted database is restored: the extension, its table and the user's
# table come back the same
psql -X -q -d postgres -c "DROP ROLE IF EXISTS giar_restorer" -c "CREATE ROLE giar_restorer LOGIN"
createdb -O giar_restorer giar_dump_owned
pg_restore --exit-on-error --no-owner --no-acl -U giar_restorer -d giar_dump_owned "$work/dump"
owned=$(fingerprint giar_dump_owned)
echo "restored by an owner without superuser: $owned"
if [ "$before" != "$owned" ]; then
	echo "the database restored without owners differs" >&2
	exit 1
fi

# the restored extension is whole: its table is still its member
psql -X -At -d giar_dump_dst -c "SELECT 'extension ' || extversion || ', config ' || extconfig::regclass[]::text FROM pg_extension WHERE extname = 'giar'"
echo "dump and restore: identical"
