#!/bin/bash
# A database owner without superuser installs giar (a trusted extension)
# and tries to become superuser through it, in the three ways a schema the
# owner controls would allow:
#   a. an object in schema giar that captures a built-in (giar.unnest over
#      giar.finding[]) when an update script or a view binds it;
#   b. schema giar created beforehand with a capturing operator
#      (giar./ (numeric, bigint)) before CREATE EXTENSION;
#   c. schema giar renamed and a look-alike schema giar put in its place,
#      for code that looks names up when it runs.
# Each capturing object calls a function that makes the owner superuser
# when a superuser runs it.  After each attempt a superuser reads every view
# and calls every function of the extension; the owner must still not be
# superuser, and nothing the owner planted may have run.
#
# Installs made by giar 1.0 and 1.1 left the schema to the owner; such an
# install is rebuilt here by giving the schema to the owner after CREATE
# EXTENSION, and the update must refuse while planted objects remain.
#
# Uses PGHOST, PGPORT and PGUSER (a superuser) of a running cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

owner=giar_mallory
db=giar_security
failures=0

su_sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
owner_sql() { psql -X -q -At -v ON_ERROR_STOP=1 -U "$owner" -d "$db" "$@"; }

cleanup() {
	dropdb --if-exists "$db" >/dev/null 2>&1 || true
	psql -X -q -d postgres -c "DROP ROLE IF EXISTS $owner" >/dev/null 2>&1 || true
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

ok() {
	echo "ok: $*"
}

# A fresh database owned by a role without superuser, with the function
# that turns that role into a superuser when a superuser calls it, and a
# table that records every call.
new_database() {
	dropdb --if-exists "$db" >/dev/null 2>&1 || true
	psql -X -q -d postgres -c "DROP ROLE IF EXISTS $owner" >/dev/null
	psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
CREATE ROLE $owner LOGIN NOSUPERUSER;
CREATE DATABASE $db OWNER $owner;
SQL
	owner_sql <<'SQL'
CREATE TABLE public.planted_calls (who text, at timestamptz DEFAULT now());
GRANT INSERT ON public.planted_calls TO PUBLIC;
CREATE FUNCTION public.escalate() RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.planted_calls (who) VALUES (current_user);
	IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
		EXECUTE 'ALTER ROLE giar_mallory SUPERUSER';
	END IF;
	RETURN true;
END
$$;
SQL
}

# Every view read and every function of the extension called by a
# superuser, on a stored report.
superuser_reads_everything() {
	local schema=${1:-giar}
	su_sql >/dev/null <<SQL
INSERT INTO $schema.documents (agency_key, body)
VALUES ('a', '这不是年度报告。这不是年度报告。这不是年度报告。这不是年度报告。'),
	   ('b', \$\$$(cat test/fixtures/01_pipe_rows.txt)\$\$);
SELECT count(*) FROM $schema.documents_summary;
SELECT count(*) FROM $schema.documents_tidy;
SELECT count(*) FROM $schema.documents_table2;
SELECT count(*) FROM $schema.documents_table3;
SELECT count(*) FROM $schema.documents_table4;
SELECT count(*) FROM $schema.documents_findings;
SELECT count(*) FROM $schema.documents_sequence;
SELECT $schema.summary(report), $schema.report_to_jsonb(report),
	$schema.report_from_jsonb($schema.report_to_jsonb(report)),
	$schema.parse_status(report), $schema.is_valid(report),
	$schema.check_report(report), $schema.check_report(report, '04-30')
FROM $schema.documents;
SELECT count(*) FROM $schema.documents d, $schema.tidy(d.report);
SELECT count(*) FROM $schema.documents d, $schema.table2(d.report);
SELECT count(*) FROM $schema.documents d, $schema.table3(d.report);
SELECT count(*) FROM $schema.documents d, $schema.table4(d.report);
SELECT count(*) FROM $schema.documents d, $schema.findings(d.report);
SELECT count(*) FROM $schema.documents d, $schema.cells(d.report);
SELECT $schema.rollup(report) FROM $schema.documents;
SELECT count(*) FROM (SELECT $schema.rollup(report) AS r FROM $schema.documents) s,
	$schema.compare_rollup(s.r, s.r);
SELECT $schema.check_sequence(a.report, b.report) FROM $schema.documents a, $schema.documents b;
SELECT count(*) FROM $schema.dictionary;
SELECT count(*) FROM $schema.rules;
SELECT count(*) FROM $schema.diagnostic_codes();
SELECT $schema.version(), $schema.normalize_text('一、总体情况');
SELECT count(*) FROM $schema.rule_entries();
SELECT count(*) FROM $schema.dictionary_entries();
SELECT count(*) FROM $schema.documents_stale;
SELECT $schema.parse_report(body), $schema.parse_report(body, false),
	$schema.cells($schema.parse_report(body)) FROM $schema.documents;
SQL
}

owner_is_not_superuser() {
	local what=$1
	local super planted
	super=$(psql -X -At -d postgres -c "SELECT rolsuper FROM pg_roles WHERE rolname = '$owner'")
	planted=$(su_sql -c "SELECT count(*) FROM public.planted_calls")
	if [ "$super" = f ] && [ "$planted" = 0 ]; then
		ok "$what: the owner is not superuser, no planted code ran"
	else
		fail "$what: owner superuser=$super, planted code ran $planted times"
	fi
}

expect_refused() {
	local what=$1
	shift
	local out
	if out=$("$@" 2>&1); then
		fail "$what: accepted"
	else
		ok "$what: refused ($(grep -m1 ERROR <<<"$out" | sed 's/^.*ERROR: *//'))"
	fi
}

capture_unnest_sql() {
	local schema=$1
	cat <<SQL
CREATE FUNCTION $schema.unnest($schema.finding[]) RETURNS SETOF $schema.finding
LANGUAGE sql AS \$\$ SELECT * FROM pg_catalog.unnest(\$1) WHERE public.escalate() \$\$;
SQL
}

# --- a: an object in schema giar capturing pg_catalog.unnest ----------------

new_database
owner_sql -c "CREATE EXTENSION giar VERSION '1.0'"
expect_refused "a, current install: the owner creates giar.unnest" \
	owner_sql -c "$(capture_unnest_sql giar)"
owner_sql -c "ALTER EXTENSION giar UPDATE"
superuser_reads_everything
owner_is_not_superuser "a, current install"

# an install made by an earlier giar: the schema belongs to the owner
new_database
owner_sql -c "CREATE EXTENSION giar VERSION '1.0'"
su_sql -c "ALTER SCHEMA giar OWNER TO $owner"
owner_sql -c "$(capture_unnest_sql giar)"
expect_refused "a, earlier install: ALTER EXTENSION giar UPDATE with giar.unnest planted" \
	owner_sql -c "ALTER EXTENSION giar UPDATE"
owner_sql -c "DROP FUNCTION giar.unnest(giar.finding[])"
owner_sql -c "ALTER EXTENSION giar UPDATE"
expect_refused "a, earlier install updated: the owner plants giar.unnest again" \
	owner_sql -c "$(capture_unnest_sql giar)"
superuser_reads_everything
owner_is_not_superuser "a, earlier install"

# --- b: schema giar made beforehand with a capturing operator ---------------

new_database
owner_sql <<'SQL'
CREATE SCHEMA giar;
CREATE FUNCTION giar.divide(numeric, bigint) RETURNS numeric
LANGUAGE sql AS $$ SELECT CASE WHEN public.escalate() THEN $1 OPERATOR(pg_catalog./) $2 END $$;
CREATE OPERATOR giar./ (LEFTARG = numeric, RIGHTARG = bigint, FUNCTION = giar.divide);
SQL
expect_refused "b: CREATE EXTENSION giar into the owner's schema giar" \
	owner_sql -c "CREATE EXTENSION giar"
# an empty schema giar (as a restore of a dump makes it) is taken over
owner_sql -c "DROP SCHEMA giar CASCADE"
owner_sql -c "CREATE SCHEMA giar"
owner_sql -c "CREATE EXTENSION giar"
schema_owner=$(su_sql -c "SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'giar'")
if [ "$schema_owner" = "$owner" ]; then
	fail "b: the owner still owns schema giar after CREATE EXTENSION"
else
	ok "b: schema giar belongs to $schema_owner, not to the owner"
fi
expect_refused "b, installed: the owner creates giar./" \
	owner_sql -c "CREATE OPERATOR giar./ (LEFTARG = numeric, RIGHTARG = bigint, FUNCTION = pg_catalog.numeric_div)"
superuser_reads_everything
owner_is_not_superuser "b"

# --- c: schema giar renamed, look-alikes put in its place -------------------

lookalikes_sql() {
	cat <<'SQL'
CREATE SCHEMA giar;
CREATE VIEW giar.dictionary AS
SELECT k.key, 't2'::text AS table_name, ''::text AS row_key, ''::text AS column_key,
	''::text AS row_label, ''::text AS column_label, ''::text AS label, ''::text AS unit,
	''::text AS value_type, '{}'::text[] AS formats, false AS derived, 0 AS sort_order
FROM (VALUES ('meta.year')) k(key) WHERE public.escalate();
CREATE VIEW giar.rules AS SELECT 'x'::text AS id WHERE public.escalate();
CREATE TYPE giar.table2 AS (x integer);
CREATE TYPE giar.table3 AS (x integer);
CREATE TYPE giar.table4 AS (x integer);
SQL
}

new_database
owner_sql -c "CREATE EXTENSION giar"
expect_refused "c, current install: the owner renames schema giar" \
	owner_sql -c "ALTER SCHEMA giar RENAME TO giar_moved"
owner_sql -c "$(lookalikes_sql | sed 's/CREATE SCHEMA giar;/CREATE SCHEMA giar_lookalike;/; s/giar\./giar_lookalike./g')"
superuser_reads_everything
owner_is_not_superuser "c, current install"

# an install made by giar 1.1: the schema belongs to the owner, who renames it
new_database
owner_sql -c "CREATE EXTENSION giar VERSION '1.1'"
su_sql -c "ALTER SCHEMA giar OWNER TO $owner"
owner_sql -c "ALTER SCHEMA giar RENAME TO giar_moved"
owner_sql -c "$(lookalikes_sql)"
owner_sql -c "ALTER EXTENSION giar UPDATE"
superuser_reads_everything giar_moved
owner_is_not_superuser "c, earlier install renamed, then updated"

if [ "$failures" -ne 0 ]; then
	echo "$failures privilege checks failed"
	exit 1
fi
echo "privilege escalation through giar: every attempt refused or inert"
