#!/bin/bash
# giar demo (Debian 12, as root or with sudo): installs what is missing,
# builds and installs the extension, starts a throwaway PostgreSQL 15
# cluster, loads the sample reports of test/fixtures into a table whose
# giar.report column is generated from the text, and shows their numbers.
# The cluster is removed when the demo ends.

. "$(dirname "$0")/lib.sh"
cd "$GIAR_ROOT"

ensure_packages
build_and_install
start_cluster

createdb giar_demo
load=$(mktemp)
{
	echo "\\set ON_ERROR_STOP on"
	echo "CREATE EXTENSION giar;"
	echo "CREATE TABLE reports (id serial PRIMARY KEY, source text NOT NULL, body text NOT NULL,"
	echo "  report giar.report GENERATED ALWAYS AS (giar.parse_report(body)) STORED);"
	for f in test/fixtures/*.txt; do
		echo "\\set body \`cat '$GIAR_ROOT/$f'\`"
		echo "INSERT INTO reports (source, body) VALUES ('$(basename "$f")', :'body');"
	done
} >"$load"
say "loading $(ls test/fixtures/*.txt | wc -l) sample reports"
psql -X -q -d giar_demo -f "$load"
rm -f "$load"

psql -X -q -d giar_demo -f scripts/demo.sql
say "demo finished; the throwaway cluster is removed"
