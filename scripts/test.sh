#!/bin/bash
# Run every test of giar on this machine (Debian 12, as root or with sudo):
# install missing packages, build, C unit tests of the core, install into
# PostgreSQL 15, start a throwaway cluster, run pg_regress and pgTAP
# (through pg_prove), dump and restore a database, read the views through
# a client library.  When the evaluation corpus sits next to the checkout
# (../shared, or GIAR_CORPUS), the seeds are scored too, and any wrong,
# spurious or guessed cell fails the run; so is the real corpus beside them
# (corpus/), under the same rule.  Exits non-zero on any failure.

. "$(dirname "$0")/lib.sh"
cd "$GIAR_ROOT"

corpus=${GIAR_CORPUS:-$GIAR_ROOT/../shared}
# the core tests check the line-break property on the seeds and the corpus too
export GIAR_CORPUS=$corpus
extra=()
if [ -x "$corpus/tools/giar-eval" ] && ! command -v python3 >/dev/null 2>&1; then
	extra+=(python3)
fi
# the client-library test reads the views through Debian's psycopg2
if ! /usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1; then
	extra+=(python3-psycopg2)
fi
command -v cppcheck >/dev/null 2>&1 || extra+=(cppcheck)
command -v clang-tidy >/dev/null 2>&1 || extra+=(clang-tidy)
ensure_packages "${extra[@]}"
# the extension builds without a single compiler warning
export COPT=-Werror
build_and_install

say "static analysis (cppcheck, clang-tidy)"
make --no-print-directory lint

say "C unit tests of the core"
make --no-print-directory check-core

say "the core tests and the fuzz corpus under AddressSanitizer and UBSan"
make --no-print-directory check-asan

say "fuzzing the core for ${FUZZ_SECONDS:-60} s (libFuzzer)"
mkdir -p tmp_check
make --no-print-directory fuzz-smoke FUZZ_CC="$(fuzz_cc)" FUZZ_SECONDS="${FUZZ_SECONDS:-60}" \
	>tmp_check/fuzz.log 2>&1 || { tail -50 tmp_check/fuzz.log; exit 1; }
tail -1 tmp_check/fuzz.log

start_cluster

say "pg_regress (sql/, expected/)"
if ! make --no-print-directory installcheck; then
	[ -f regression.diffs ] && cat regression.diffs
	exit 1
fi

say "README.md lists exactly the diagnostic codes and rules of the catalogue"
bash test/readme_catalogue.sh

say "a database owner without superuser tries to become superuser through giar"
bash test/security.sh

say "pgTAP (test/pgtap/) through pg_prove"
createdb giar_tap
pg_prove --dbname giar_tap --ext .sql test/pgtap/

say "pg_dump and pg_restore of giar.documents and a table with generated columns"
bash test/dump_restore.sh

say "concurrent writers and readers of giar.documents (pgbench)"
bash test/concurrency.sh

say "reading every view through psycopg2 over TCP as a read-only role"
bash test/client/run.sh

say "the giar command: files parsed without a database, as the extension parses them"
GIAR="$("$PG_CONFIG" --bindir)/giar" bash test/cli.sh

say "giar in shared_preload_libraries: backends and parallel workers parse as before"
createdb giar_preload
{
	echo "CREATE EXTENSION giar;"
	echo "CREATE TABLE fixture (name text, body text);"
	for f in test/fixtures/*.txt; do
		echo "\\set body \`cat '$f'\`"
		echo "INSERT INTO fixture VALUES ('$(basename "$f" .txt)', :'body');"
	done
	echo "CREATE TABLE first_use AS SELECT name, giar.parse_report(body)::text AS report FROM fixture;"
	# enough rows for both workers, neighbours different texts
	echo "CREATE TABLE copies AS SELECT f.name, f.body, i AS copy FROM fixture f, generate_series(1, 30) i ORDER BY i, f.name;"
} | psql -X -q -v ON_ERROR_STOP=1 -d giar_preload
restart_cluster -c shared_preload_libraries=giar
parallel="SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;
	SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
	SET parallel_leader_participation = off;"
parallel_plan=$(psql -X -At -v ON_ERROR_STOP=1 -d giar_preload <<SQL
DO \$\$
BEGIN
	IF current_setting('shared_preload_libraries') <> 'giar' THEN
		RAISE EXCEPTION 'giar is not in shared_preload_libraries';
	END IF;
END
\$\$;
ALTER TABLE copies SET (parallel_workers = 2);
$parallel
EXPLAIN (ANALYZE, VERBOSE, COSTS OFF, TIMING OFF, SUMMARY OFF)
CREATE TABLE in_workers AS SELECT name, copy, giar.parse_report(body)::text AS report FROM copies;
SQL
)
grep -q 'Workers Launched: 2' <<<"$parallel_plan" &&
	grep -Eq 'Worker 0: .*rows=[1-9]' <<<"$parallel_plan" &&
	grep -Eq 'Worker 1: .*rows=[1-9]' <<<"$parallel_plan" ||
	{ echo "the parse did not run in both parallel workers: $parallel_plan"; exit 1; }
differ=$(psql -X -At -v ON_ERROR_STOP=1 -d giar_preload -c "
SELECT CASE WHEN (SELECT count(*) FROM in_workers) = (SELECT count(*) FROM copies)
	AND (SELECT count(*) FROM first_use) = (SELECT count(*) FROM fixture)
	THEN (SELECT count(*) FROM fixture f JOIN first_use u USING (name)
		  WHERE giar.parse_report(f.body)::text IS DISTINCT FROM u.report)
	   + (SELECT count(*) FROM in_workers w JOIN first_use u USING (name)
		  WHERE w.report IS DISTINCT FROM u.report)
	ELSE -1 END")
[ "$differ" = 0 ] || { echo "with giar preloaded, $differ reports differ (-1: rows missing)"; exit 1; }
echo "  $(ls test/fixtures/*.txt | wc -l) fixtures: the same reports in a backend, and 30 copies of each in two parallel workers, with giar preloaded as without"
restart_cluster

if [ -x "$corpus/tools/giar-eval" ] && [ -d "$corpus/truth" ]; then
	say "scoring the seed reports of $corpus"
	createdb giar_eval
	psql -X -q -d giar_eval -c 'CREATE EXTENSION giar'
	"$corpus/tools/giar-eval" "$corpus/truth" "$corpus/seeds" \
		--psql "psql -X -d giar_eval" --strict
	if [ -d "$corpus/corpus/truth" ] && [ -d "$corpus/corpus/texts" ]; then
		say "scoring the real corpus of $corpus/corpus (crawler pages, site pages, pdftotext)"
		"$corpus/tools/giar-eval" "$corpus/corpus/truth" "$corpus/corpus/texts" \
			--psql "psql -X -d giar_eval" --strict
	fi
else
	say "the seeds and the corpus are not at $corpus: not scored (set GIAR_CORPUS to score them)"
fi

say "all tests passed"
