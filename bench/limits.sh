#!/bin/bash
# What any role can make one parse cost (Debian 12, as root or with sudo):
# installs what is missing, builds and installs giar, starts a throwaway
# PostgreSQL 15 cluster and, for texts of hostile shapes up to 16 MiB (the
# largest giar parses), prints
#
#   memory   the backend's peak resident memory (VmHWM, reset once the
#            text is made) during the parse less before it, against the
#            bound 8 x size + 64 MB
#   time     the parse's time, and per MiB against the 1 MiB text of the
#            same shape (linear: the ratio stays near 1)
#   cancel   how long after statement_timeout (200 ms) the parse stops
#            (bound: 100 ms)
#
# Each figure comes from a backend of its own.  Not a test: nothing here
# fails; it prints "over" where a figure exceeds its bound.
#
#   bash bench/limits.sh [MiB ...]     default: 1 4 16

. "$(dirname "$0")/../scripts/lib.sh"
cd "$GIAR_ROOT"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 4 16)

ensure_packages
build_and_install
start_cluster
createdb giar_limits
psql -X -q -d giar_limits -c "CREATE EXTENSION giar"

# SQL making a text of about $2 MiB of shape $1
shape_sql() {
	local shape=$1 mib=$2
	local bytes=$((mib * 1024 * 1024))
	case $shape in
	traditional_phrases) echo "repeat('網路', $bytes / 6)" ;;
	pipes_one_line) echo "repeat('|', $bytes)" ;;
	newlines) echo "repeat(E'\\n', $bytes)" ;;
	cell_per_line) echo "repeat(E'12\\n', $bytes / 3)" ;;
	pipe_rows) echo "repeat(E'| 行政许可 | 1 | 2 | 3 |\\n', $bytes / 32)" ;;
	html_cells) echo "'<table>' || repeat('<tr><td>1</td><td>行政</td></tr>', $bytes / 40)" ;;
	digits_one_line) echo "repeat('1234567890 ', $bytes / 11)" ;;
	*) echo "unknown shape $shape" >&2; return 1 ;;
	esac
}

vm_hwm_kb() {
	sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p'
}

declare -A per_mib_1
printf '%-20s %5s %12s %12s %8s %10s %12s\n' shape MiB "peak MB" "bound MB" "time s" "s/MiB vs 1" "cancel ms"
for shape in traditional_phrases pipes_one_line newlines cell_per_line pipe_rows html_cells digits_one_line; do
	for mib in "${sizes[@]}"; do
		expr=$(shape_sql "$shape" "$mib")
		# one backend: the text made first, peak memory read before and after
		out=$(psql -X -At -v ON_ERROR_STOP=1 -d giar_limits <<SQL
CREATE TEMP TABLE t AS SELECT $expr AS body;
SELECT pg_backend_pid() AS pid \\gset
-- the peak so far (making the text) is forgotten: 5 resets VmHWM to VmRSS
\\setenv GIAR_BACKEND :pid
\\! echo 5 > /proc/\$GIAR_BACKEND/clear_refs
SELECT pg_read_file('/proc/self/status');
SELECT 'T ' || extract(epoch FROM clock_timestamp());
SELECT (giar.parse_report(body)).format IS NOT NULL FROM t;
SELECT 'T ' || extract(epoch FROM clock_timestamp());
SELECT pg_read_file('/proc/self/status');
SQL
)
		before=$(vm_hwm_kb <<<"$out" | head -1)
		after=$(vm_hwm_kb <<<"$out" | tail -1)
		t0=$(grep '^T ' <<<"$out" | head -1 | cut -d' ' -f2)
		t1=$(grep '^T ' <<<"$out" | tail -1 | cut -d' ' -f2)
		seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
		peak_mb=$(( (after - before) / 1024 ))
		bound_mb=$(( 8 * mib + 64 ))
		per_mib=$(awk -v s="$seconds" -v m="$mib" 'BEGIN { printf "%.5f", s / m }')
		[ -n "${per_mib_1[$shape]:-}" ] || per_mib_1[$shape]=$per_mib
		ratio=$(awk -v a="$per_mib" -v b="${per_mib_1[$shape]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
		# a second backend: how late statement_timeout stops the parse
		cancel=$(psql -X -At -d giar_limits 2>&1 <<SQL | sed -n 's/.*NOTICE:  //p'
CREATE TEMP TABLE t AS SELECT $expr AS body;
SET statement_timeout = '200ms';
DO \$\$
DECLARE
	started timestamptz := clock_timestamp();
BEGIN
	PERFORM giar.parse_report(body) FROM t;
	RAISE NOTICE 'finished before the timeout';
EXCEPTION WHEN query_canceled THEN
	RAISE NOTICE '%', round(extract(epoch FROM clock_timestamp() - started) * 1000 - 200);
END
\$\$;
SQL
		)
		flag=""
		[ "$peak_mb" -le "$bound_mb" ] || flag="$flag memory-over"
		case $cancel in
		finished*) ;;
		*) [ "${cancel:-0}" -le 100 ] 2>/dev/null || flag="$flag cancel-over" ;;
		esac
		printf '%-20s %5s %12s %12s %8s %10s %12s%s\n' "$shape" "$mib" "$peak_mb" "$bound_mb" \
			"$seconds" "$ratio" "${cancel:-?}" "$flag"
	done
done
