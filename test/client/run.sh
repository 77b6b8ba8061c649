#!/bin/bash
# Load the fixtures into giar.documents, then read every view through
# psycopg2 over TCP as a read-only role (test/client/read_views.py).
# Uses PGHOST, PGPORT and PGUSER of a running cluster that listens on
# localhost.
set -euo pipefail
cd "$(dirname "$0")/../.."

trap 'dropdb --if-exists giar_client; psql -X -q -d postgres -c "DROP ROLE IF EXISTS giar_reader"' EXIT
createdb giar_client
{
	echo "\\set ON_ERROR_STOP on"
	echo "CREATE EXTENSION giar;"
	for f in test/fixtures/*.txt; do
		echo "\\set body \`cat '$f'\`"
		echo "INSERT INTO giar.documents (source_url, body) VALUES ('$(basename "$f")', :'body');"
	done
	# the same agency a year later, so that the cross-year view has a pair
	echo "\\set body \`cat test/fixtures/01_pipe_rows.txt\`"
	echo "INSERT INTO giar.documents (source_url, body) VALUES ('next year', replace(:'body', '2023', '2024'));"
	echo "CREATE ROLE giar_reader LOGIN;"
	echo "ALTER ROLE giar_reader SET default_transaction_read_only = on;"
	echo "GRANT SELECT ON giar.documents TO giar_reader;"
} | psql -X -q -d giar_client
/usr/bin/python3 test/client/read_views.py localhost "$PGPORT" giar_client giar_reader
