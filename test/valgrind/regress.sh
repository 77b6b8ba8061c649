#!/bin/bash
# Run the pg_regress suite once against a PostgreSQL server running under
# valgrind memcheck, and count the errors whose stack passes through giar
# (giar.so, src/core, src/pg).  PostgreSQL's own known reports are
# suppressed (test/valgrind/postgres.supp).  Slow: minutes, not seconds;
# not part of the test command.
#
#   bash test/valgrind/regress.sh
. "$(dirname "$0")/../../scripts/lib.sh"
cd "$GIAR_ROOT"

ensure_packages valgrind
build_and_install

GIAR_PG_USER=$(server_user)
dir=$(mktemp -d /tmp/giar-vg.XXXXXX)
chmod 755 "$dir"
chown "$GIAR_PG_USER" "$dir"
port=$(( 20000 + RANDOM % 20000 ))
cp test/valgrind/postgres.supp "$dir/postgres.supp"
chmod 644 "$dir/postgres.supp"
run_as "$GIAR_PG_USER" "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
	--locale=C.UTF-8 >"$dir/initdb.log" 2>&1
say "starting PostgreSQL under valgrind in $dir (port $port)"
(cd / && runuser -u "$GIAR_PG_USER" -- valgrind --quiet --tool=memcheck \
	--trace-children=no --track-origins=no --num-callers=30 \
	--suppressions="$dir/postgres.supp" --log-file="$dir/vg.%p.log" \
	"$PG_BIN/postgres" -D "$dir/data" -p "$port" -k "$dir" \
	-c listen_addresses='' -c max_parallel_workers_per_gather=0 \
	>"$dir/server.log" 2>&1) &
for _ in $(seq 120); do
	"$PG_BIN/pg_isready" -q -h "$dir" -p "$port" && break
	sleep 1
done
export PGHOST=$dir PGPORT=$port PGUSER=postgres
status=0
make --no-print-directory installcheck || status=$?
run_as "$GIAR_PG_USER" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
sleep 2

logs=$(ls "$dir"/vg.*.log | wc -l)
errors=$(cat "$dir"/vg.*.log | grep -c '^==[0-9]*== [A-Z].*\(Invalid\|uninitialised\|Conditional jump\|Mismatched\|overlap\|Source and destination\)' || true)
giar=$(awk '/^==[0-9]+== [A-Z]/ { in_err = 1; hit = 0 }
	in_err && /giar\.so|src\/core\/|src\/pg\// { hit = 1 }
	/^==[0-9]+== $/ { if (in_err && hit) n++; in_err = 0 }
	END { print n + 0 }' "$dir"/vg.*.log)
say "valgrind: $logs server processes, $errors error reports in all, $giar through giar's code"
if [ "$giar" -gt 0 ]; then
	grep -l 'giar\.so\|src/core/\|src/pg/' "$dir"/vg.*.log | head -3 | xargs cat
	status=1
fi
echo "logs kept in $dir"
exit $status
