#!/bin/bash
# giar demo (Debian 12, as root or with sudo): installs what is missing,
# builds and installs the extension, starts a throwaway PostgreSQL 15
# cluster, loads the sample reports of test/fixtures into giar.documents
# (report, findings and parse status are generated from the text) and
# shows them through the views BI tools read.
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
	for f in test/fixtures/*.txt; do
		echo "\\set body \`cat '$GIAR_ROOT/$f'\`"
		echo "INSERT INTO giar.documents (source_url, body) VALUES ('$(basename "$f" .txt)', :'body');"
	done
} >"$load"
say "loading $(ls test/fixtures/*.txt | wc -l) sample reports"
psql -X -q -d giar_demo -f "$load"
rm -f "$load"

psql -X -q -d giar_demo -f scripts/demo.sql
say "demo finished; the throwaway cluster is removed"
