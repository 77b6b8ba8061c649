#!/bin/bash
# Shared by demo.sh and test.sh: Debian packages, build, throwaway cluster.
# Source it; it sets -euo pipefail.

set -euo pipefail

GIAR_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_MAJOR=15
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
export PATH="$PG_BIN:$PATH"

say() { printf '\n== %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "giar: root is needed to run: $*" >&2
		return 1
	fi
}

# Install what a fresh Debian 12 lacks: compiler, PostgreSQL 15 with its
# server headers, ICU, libxml2, pgTAP and pg_prove, libpq and poppler-utils
# for the giar command.  Extra packages can be
# asked for as arguments.
ensure_packages() {
	local need=("$@")
	command -v make >/dev/null 2>&1 || need+=(make)
	command -v gcc >/dev/null 2>&1 || need+=(build-essential)
	[ -f /usr/include/stdio.h ] || need+=(libc6-dev)
	command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
	[ -x "$PG_BIN/postgres" ] || need+=(postgresql-$PG_MAJOR)
	[ -f /usr/include/postgresql/$PG_MAJOR/server/postgres.h ] || need+=(postgresql-server-dev-$PG_MAJOR)
	[ -f /usr/include/unicode/utrans.h ] || need+=(libicu-dev)
	[ -f /usr/include/libxml2/libxml/HTMLparser.h ] || need+=(libxml2-dev)
	[ -f /usr/share/postgresql/$PG_MAJOR/extension/pgtap.control ] || need+=(postgresql-$PG_MAJOR-pgtap)
	command -v pg_prove >/dev/null 2>&1 || need+=(libtap-parser-sourcehandler-pgtap-perl)
	# the giar command: libpq's headers (the server headers' dependency),
	# pdftotext for PDFs
	[ -f /usr/include/postgresql/libpq-fe.h ] || need+=(libpq-dev)
	command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
	# clang (a dependency of the server headers) needs its runtime for the fuzzer
	ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
		need+=(libclang-rt-14-dev)
	if [ ${#need[@]} -eq 0 ]; then
		return 0
	fi
	say "installing Debian packages: ${need[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${need[@]}"
}

export PG_CONFIG=$PG_BIN/pg_config

# The clang that PostgreSQL's server headers pull in.
fuzz_cc() {
	if command -v clang >/dev/null 2>&1; then
		echo clang
	else
		echo clang-14
	fi
}

build_and_install() {
	say "building giar"
	make -C "$GIAR_ROOT" -j2 >"$GIAR_ROOT/build.log" 2>&1 ||
		{ cat "$GIAR_ROOT/build.log"; return 1; }
	say "installing giar into PostgreSQL $PG_MAJOR"
	as_root make -C "$GIAR_ROOT" install >>"$GIAR_ROOT/build.log" 2>&1 ||
		{ cat "$GIAR_ROOT/build.log"; return 1; }
}

# The account that runs the server: PostgreSQL refuses to run as root.
server_user() {
	if [ "$(id -u)" != 0 ]; then
		id -un
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin giar-pg
		echo giar-pg
	fi
}

run_as() {
	local user=$1
	shift
	if [ "$(id -un)" = "$user" ]; then
		"$@"
	else
		# from /, which the server user can read: PostgreSQL programs
		# complain when they cannot return to the current directory
		(cd / && runuser -u "$user" -- "$@")
	fi
}

# Start a throwaway cluster in a fresh directory; it is stopped and removed
# when the calling script exits.  Arguments are further server options.
# Exports PGHOST, PGPORT, PGUSER.
start_cluster() {
	GIAR_PG_USER=$(server_user)
	GIAR_PG_DIR=$(mktemp -d /tmp/giar-pg.XXXXXX)
	chmod 755 "$GIAR_PG_DIR"
	chown "$GIAR_PG_USER" "$GIAR_PG_DIR"
	GIAR_PG_PORT=${GIAR_PG_PORT:-$(( 20000 + RANDOM % 20000 ))}
	say "starting a throwaway PostgreSQL $PG_MAJOR cluster in $GIAR_PG_DIR (port $GIAR_PG_PORT, user $GIAR_PG_USER)"
	run_as "$GIAR_PG_USER" "$PG_BIN/initdb" -D "$GIAR_PG_DIR/data" -U postgres \
		-A trust -E UTF8 --locale=C.UTF-8 >"$GIAR_PG_DIR/initdb.log" 2>&1 ||
		{ cat "$GIAR_PG_DIR/initdb.log"; return 1; }
	run_as "$GIAR_PG_USER" "$PG_BIN/pg_ctl" -D "$GIAR_PG_DIR/data" -w \
		-l "$GIAR_PG_DIR/server.log" \
		-o "-p $GIAR_PG_PORT -k $GIAR_PG_DIR -c listen_addresses=localhost $*" start >/dev/null ||
		{ cat "$GIAR_PG_DIR/server.log"; return 1; }
	export PGHOST=$GIAR_PG_DIR PGPORT=$GIAR_PG_PORT PGUSER=postgres
	trap stop_cluster EXIT
}

# Restart the cluster of start_cluster with these server options (for
# example "-c shared_preload_libraries=giar").
restart_cluster() {
	run_as "$GIAR_PG_USER" "$PG_BIN/pg_ctl" -D "$GIAR_PG_DIR/data" -w -m fast \
		-l "$GIAR_PG_DIR/server.log" \
		-o "-p $GIAR_PG_PORT -k $GIAR_PG_DIR -c listen_addresses=localhost $*" restart >/dev/null ||
		{ cat "$GIAR_PG_DIR/server.log"; return 1; }
}

stop_cluster() {
	local status=$?
	if [ -n "${GIAR_PG_DIR:-}" ] && [ -d "$GIAR_PG_DIR/data" ]; then
		run_as "$GIAR_PG_USER" "$PG_BIN/pg_ctl" -D "$GIAR_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
		rm -rf "$GIAR_PG_DIR"
	fi
	return $status
}
