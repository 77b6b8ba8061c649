#!/bin/bash
# README.md lists the diagnostic codes (section "Diagnostics"), the rules
# (section "Checking reports") and the attributes of giar.report and
# giar.narrative (section "The report type"); they must be exactly the
# catalogue's.
# Uses PGHOST, PGPORT and PGUSER of a running cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

db=giar_readme
trap 'dropdb --if-exists "$db"' EXIT
createdb "$db"
psql -X -q -d "$db" -c "CREATE EXTENSION giar"

# the backquoted upper-case names in a section of the README
section_names() {
	awk -v start="$1" -v stop="$2" '$0 == start { on = 1; next } $0 == stop { on = 0 } on' README.md |
		grep -oE '`[A-Z][A-Z0-9_]{2,}`' | tr -d '`' | LC_ALL=C sort -u
}

failures=0
compare() {
	local what=$1 readme=$2 catalogue=$3
	local missing extra
	missing=$(comm -13 <(echo "$readme") <(echo "$catalogue"))
	extra=$(comm -23 <(echo "$readme") <(echo "$catalogue"))
	if [ -n "$missing" ] || [ -n "$extra" ]; then
		echo "FAIL $what: not in README: ${missing//$'\n'/ }; in README only: ${extra//$'\n'/ }"
		failures=$((failures + 1))
	else
		echo "ok $what: README lists the $(echo "$catalogue" | wc -l) of the catalogue"
	fi
}

compare "diagnostic codes" \
	"$(section_names '## Diagnostics' '## Checking reports')" \
	"$(psql -X -At -d "$db" -c "SELECT code FROM giar.diagnostic_codes() ORDER BY 1" | LC_ALL=C sort -u)"
compare "rules" \
	"$(section_names '## Checking reports' '## Storing reports and reading them from BI tools')" \
	"$(psql -X -At -d "$db" -c "SELECT id FROM giar.rules ORDER BY 1" | LC_ALL=C sort -u)"
# the report type's table: its attributes (first column) and the fields of
# giar.narrative (the narrative row)
report_section() {
	awk '$0 == "## The report type" { on = 1; next } on && /^Counts are/ { on = 0 } on' README.md
}
compare "giar.report attributes" \
	"$(report_section | grep '^| `' | cut -d'|' -f2 | grep -oE '`[a-z0-9_]+`' | tr -d '`' | LC_ALL=C sort -u)" \
	"$(psql -X -At -d "$db" -c "SELECT attname FROM pg_attribute WHERE attrelid = 'giar.report'::regclass AND attnum > 0 AND NOT attisdropped" | LC_ALL=C sort -u)"
compare "giar.narrative fields" \
	"$(report_section | grep '^| `narrative`' | cut -d'|' -f4 | sed 's/(`giar.share\[\]`[^)]*)//' | grep -oE '`[a-z_]+`' | tr -d '`' | LC_ALL=C sort -u)" \
	"$(psql -X -At -d "$db" -c "SELECT attname FROM pg_attribute WHERE attrelid = 'giar.narrative'::regclass AND attnum > 0 AND NOT attisdropped" | LC_ALL=C sort -u)"
[ "$failures" -eq 0 ]
