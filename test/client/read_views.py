#!/usr/bin/python3
"""Read every view of giar through psycopg2 over TCP, as a read-only role.

    read_views.py HOST PORT DBNAME USER

Checks what a BI tool sees: the column names and the types libpq reports
for each view (integer, numeric, text, date, boolean, timestamp, text[]
only: nothing a client needs a cast or a custom type for), that rows come
back with Python values of those types, and that the role cannot write.
Exits non-zero on any mismatch.
"""
import datetime
import decimal
import sys

import psycopg2
import psycopg2.errors

# PostgreSQL type OIDs a client library knows without asking the server.
INT8, INT4, NUMERIC, TEXT, DATE, BOOL, TIMESTAMPTZ, TEXT_ARRAY = (
    20, 23, 1700, 25, 1082, 16, 1184, 1009)
PYTHON_TYPES = {
    INT8: int, INT4: int, NUMERIC: decimal.Decimal, TEXT: str,
    DATE: datetime.date, BOOL: bool, TIMESTAMPTZ: datetime.datetime,
    TEXT_ARRAY: list,
}

T3_ROWS = """new_requests carried_over disclosed partially_disclosed
withheld_state_secret withheld_prohibited_by_law withheld_security_stability
withheld_third_party_rights withheld_internal_affairs
withheld_deliberative_process withheld_enforcement_case_file
withheld_administrative_query unavailable_not_held unavailable_needs_creation
unavailable_still_unclear not_processed_complaint not_processed_duplicate
not_processed_publication not_processed_excessive not_processed_confirmation
other_no_correction other_fee_unpaid other_other total_handled carried_forward
withheld unavailable not_processed other_handling""".split()

T2_COLUMNS = [(c, NUMERIC if c.endswith("amount_wan") or c == "procurement_amount"
               else INT8) for c in """regulations_issued regulations_repealed
regulations_in_force normative_documents_issued normative_documents_repealed
normative_documents_in_force licensing_decisions penalties_decisions
coercive_measures_decisions admin_fees_amount_wan regulations_made
regulations_published regulations_total_published normative_documents_made
normative_documents_published normative_documents_total_published
licensing_items_prior_year licensing_items_change
other_services_items_prior_year other_services_items_change
other_services_decisions penalties_items_prior_year penalties_items_change
coercive_measures_items_prior_year coercive_measures_items_change
admin_fees_items_prior_year admin_fees_items_change procurement_items
procurement_amount""".split()]

REPORT_HEAD = [("document_id", INT8), ("agency", TEXT), ("year", INT4),
               ("format", TEXT)]
FINDING = [("rule_id", TEXT), ("severity", TEXT), ("assessable", BOOL),
           ("message", TEXT), ("description", TEXT), ("cells", TEXT_ARRAY),
           ("expected", NUMERIC), ("actual", NUMERIC)]

VIEWS = {
    "documents_summary": [
        ("document_id", INT8), ("agency_key", TEXT), ("source_url", TEXT),
        ("fetched_at", TIMESTAMPTZ), ("year", INT4), ("agency", TEXT),
        ("format", TEXT), ("published", DATE), ("parse_status", TEXT),
        ("new_requests", INT8), ("carried_over", INT8),
        ("total_handled", INT8), ("disclosed", INT8),
        ("disclosure_rate", NUMERIC), ("carried_forward", INT8),
        ("reviews", INT8), ("lawsuits", INT8), ("errors", INT4),
        ("warnings", INT4), ("is_valid", BOOL)],
    "documents_tidy": [
        ("document_id", INT8), ("agency_key", TEXT), ("agency", TEXT),
        ("year", INT4), ("format", TEXT), ("key", TEXT), ("table_name", TEXT),
        ("row_key", TEXT), ("column_key", TEXT), ("row_label", TEXT),
        ("column_label", TEXT), ("label", TEXT), ("unit", TEXT),
        ("derived", BOOL), ("value", NUMERIC)],
    "documents_table2": REPORT_HEAD + T2_COLUMNS,
    "documents_table3": REPORT_HEAD + [("applicant", TEXT),
                                       ("applicant_label", TEXT)]
    + [(r, INT8) for r in T3_ROWS],
    "documents_table4": REPORT_HEAD + [
        ("case_group", TEXT), ("case_group_label", TEXT), ("upheld", INT8),
        ("corrected", INT8), ("other", INT8), ("pending", INT8),
        ("total", INT8)],
    "documents_findings": [("document_id", INT8), ("agency", TEXT),
                           ("year", INT4)] + FINDING,
    "documents_sequence": [
        ("document_id", INT8), ("previous_document_id", INT8),
        ("agency", TEXT), ("year", INT4), ("previous_year", INT4)] + FINDING,
    "documents_stale": [
        ("document_id", INT8), ("agency_key", TEXT), ("agency", TEXT),
        ("year", INT4), ("parser_version", TEXT), ("libraries", TEXT)],
}

# Views that are empty while every stored report is current.
EMPTY_WHEN_CURRENT = {"documents_stale"}

def main():
    host, port, dbname, user = sys.argv[1:5]
    conn = psycopg2.connect(host=host, port=int(port), dbname=dbname,
                            user=user)
    conn.autocommit = True
    cur = conn.cursor()
    failures = 0

    cur.execute("SELECT inet_server_addr() IS NOT NULL, current_user")
    tcp, role = cur.fetchone()
    print(f"connected over {'TCP' if tcp else 'a socket'} as {role}")
    if not tcp:
        failures += 1

    cur.execute("""SELECT c.relname FROM pg_class c
                   WHERE c.relnamespace = 'giar'::regnamespace
                     AND c.relkind = 'v' ORDER BY 1""")
    present = [r[0] for r in cur.fetchall()]
    missing = sorted(set(VIEWS) - set(present))
    unknown = sorted(set(present) - set(VIEWS))
    if missing or unknown:
        print(f"FAIL views missing {missing}, not checked {unknown}")
        failures += 1

    for view, want in VIEWS.items():
        cur.execute(f"SELECT * FROM giar.{view}")
        got = [(d.name, d.type_code) for d in cur.description]
        rows = cur.fetchall()
        if got != want:
            failures += 1
            print(f"FAIL {view}: columns differ")
            for g, w in zip(got + [None] * len(want), want + [None] * len(got)):
                if g != w:
                    print(f"     got {g}, want {w}")
            continue
        bad = 0
        for row in rows:
            for (name, oid), value in zip(want, row):
                if value is not None and not isinstance(value, PYTHON_TYPES[oid]):
                    bad += 1
        if (not rows and view not in EMPTY_WHEN_CURRENT) or bad:
            failures += 1
            print(f"FAIL {view}: {len(rows)} rows, {bad} values of the wrong type")
        else:
            print(f"ok {view}: {len(want)} columns, {len(rows)} rows")

    try:
        cur.execute("INSERT INTO giar.documents (body) VALUES ('x')")
        failures += 1
        print("FAIL the read-only role could insert")
    except (psycopg2.errors.InsufficientPrivilege,
            psycopg2.errors.ReadOnlySqlTransaction) as e:
        print(f"ok writing is refused: {e.pgcode}")

    conn.close()
    print(f"client check: {len(VIEWS)} views, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
