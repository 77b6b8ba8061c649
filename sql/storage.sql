--
-- The shipped table giar.documents and the views BI tools read; JSON
-- interchange; rollup of reports.
--
\set ON_ERROR_STOP 0
\pset null '∅'
CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! sh test/sql/load-fixtures.sh > results/storage-fixtures.sql
\set ECHO none
\i results/storage-fixtures.sql
\set ECHO all

-- loading: report, findings and status are computed as rows go in
INSERT INTO giar.documents (agency_key, source_url, body)
SELECT 'agency-' || name, 'https://example.org/' || name, body
FROM fixture
WHERE name IN ('01_pipe_rows', '02_markdown_table', '14_format_2019',
               '15_lookalike_enforcement', '13_tables_as_images');
SELECT id, agency_key, parse_status, (report).format, (report).year,
       cardinality(findings) > 0 AS has_findings
FROM giar.documents ORDER BY id;

-- garbage still inserts, and says why
INSERT INTO giar.documents (body) VALUES (''), (repeat('乱码', 1000));
SELECT id, parse_status, (report).format, (report).diagnostics[1].code
FROM giar.documents WHERE agency_key = '' ORDER BY id;
DELETE FROM giar.documents WHERE agency_key = '';

-- the views: names and types a BI tool reads without casts
SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = 'giar'::regnamespace AND c.relkind = 'v'
  AND a.attnum > 0 AND c.relname IN ('documents_summary', 'documents_findings',
                                     'documents_sequence', 'documents_tidy', 'documents_table4')
ORDER BY c.relname, a.attnum;
SELECT c.relname, count(*) AS columns
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relnamespace = 'giar'::regnamespace AND c.relkind = 'v' AND a.attnum > 0
GROUP BY c.relname ORDER BY c.relname;

SELECT document_id, year, agency, format, parse_status, new_requests, total_handled,
       disclosed, disclosure_rate, errors, warnings, is_valid
FROM giar.documents_summary ORDER BY document_id;
SELECT document_id, rule_id, severity, expected, actual
FROM giar.documents_findings WHERE assessable ORDER BY document_id, rule_id, message;
SELECT document_id, table_name, row_key, column_key, label, value
FROM giar.documents_tidy WHERE key IN ('t3.disclosed.total', 't4.review.total', 'meta.year')
ORDER BY document_id, key;
SELECT document_id, applicant, applicant_label, new_requests, disclosed, withheld,
       total_handled, carried_forward
FROM giar.documents_table3 WHERE document_id = 1 ORDER BY applicant_label;
SELECT * FROM giar.documents_table4 WHERE document_id = 1;
SELECT document_id, licensing_decisions, licensing_items_prior_year, admin_fees_amount_wan
FROM giar.documents_table2 ORDER BY document_id;

-- across years: the same agency a year later
INSERT INTO giar.documents (agency_key, body)
SELECT 'agency-01_pipe_rows', replace(body, '2023', '2024') FROM fixture WHERE name = '01_pipe_rows';
SELECT document_id, previous_document_id, agency, year, previous_year, rule_id, severity,
       expected, actual
FROM giar.documents_sequence ORDER BY document_id, rule_id, message;
-- the caller's key alone pairs keyed documents: the same agency under
-- another key is another body; documents without a key ('') pair by the
-- agency their reports name
INSERT INTO giar.documents (agency_key, body)
SELECT 'another-key', replace(body, '2023', '2024') FROM fixture WHERE name = '01_pipe_rows';
INSERT INTO giar.documents (body)
SELECT body FROM fixture WHERE name = '01_pipe_rows'
UNION ALL SELECT replace(body, '2023', '2024') FROM fixture WHERE name = '01_pipe_rows';
SELECT d.agency_key, s.year, s.previous_year, count(*) AS findings
FROM giar.documents_sequence s JOIN giar.documents d ON d.id = s.document_id
GROUP BY 1, 2, 3 ORDER BY 1, 2;
-- keyed by agency_key too (a distributed cluster shards by it), and the
-- pairs joined on it alone
SELECT pg_get_constraintdef(oid) AS primary_key FROM pg_constraint
WHERE conrelid = 'giar.documents'::regclass AND contype = 'p';
SELECT a.attnotnull AS agency_key_not_null, pg_get_expr(d.adbin, d.adrelid) AS agency_key_default
FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = 'giar.documents'::regclass AND a.attname = 'agency_key';
SET enable_nestloop = off;
SET enable_mergejoin = off;
CREATE FUNCTION pg_temp.plan_lines(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
	l text;
BEGIN
	FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
		RETURN NEXT l;
	END LOOP;
END
$$;
SELECT btrim(l) AS join_on
FROM pg_temp.plan_lines('SELECT * FROM giar.documents_sequence') l WHERE l ~ 'Hash Cond';
RESET enable_nestloop;
RESET enable_mergejoin;
DELETE FROM giar.documents WHERE agency_key IN ('', 'another-key');

-- JSON interchange: every fixture goes there and back unchanged
SELECT count(*) AS fixtures,
       count(*) FILTER (WHERE giar.report_from_jsonb(giar.report_to_jsonb(r)) = r) AS round_trips
FROM fixture, giar.parse_report(body) r;
SELECT key, value FROM jsonb_each(giar.report_to_jsonb(
    (SELECT report FROM giar.documents WHERE id = 1)))
WHERE key IN ('meta.year', 'meta.format', 'meta.agency', 't3.disclosed.total', 'n.new_requests',
              'status.t3', 't2.admin_fees.amount_wan')
ORDER BY key;
SELECT (giar.report_from_jsonb('{"meta.format": "2021", "meta.year": 2024, "t4.review.upheld": 3,
         "t4.review.total": 3, "t4.review.corrected": 0, "t4.review.other": 0,
         "t4.review.pending": 0, "status.t4": "parsed"}')).t4.review;
SELECT giar.report_from_jsonb('[1, 2]');
SELECT giar.report_from_jsonb('{"t3.disclosed.totl": 3, "meta.yaer": 2024}');
-- values a report cannot hold are refused, naming the key
SELECT giar.report_from_jsonb('{"meta.format": "2025"}');
SELECT giar.report_from_jsonb('{"status.t3": "weird"}');
SELECT giar.report_from_jsonb('{"format.t3": "legacy"}');
SELECT giar.report_from_jsonb('{"meta.agency": {"name": "某某局"}}');
SELECT giar.report_from_jsonb('{"meta.parts_present": [[1, 2], [3, 4]]}');
SELECT giar.report_from_jsonb('{"meta.parts_present": [1, 9]}');
SELECT giar.report_from_jsonb('{"meta.parts_present": [2, 2]}');
SELECT giar.report_from_jsonb('{"fingerprint": [1, 2, 3]}');
SELECT giar.report_from_jsonb('{"t3.disclosed.total": -1}');
SELECT giar.report_from_jsonb('{"t3.disclosed.total": 1e30}');
SELECT giar.report_from_jsonb('{"t3.disclosed.total": 2.5}');
SELECT giar.report_from_jsonb('{"t3.disclosed.total": "3"}');
SELECT giar.report_from_jsonb('{"t2.licensing.items_change": 1.5}');
SELECT giar.report_from_jsonb('{"t2.admin_fees.amount_wan": 0.0000000000000000001}');
SELECT giar.report_from_jsonb('{"meta.year": 20240}');
SELECT giar.report_from_jsonb('{"meta.published": "2023-02-30"}');
SELECT giar.report_from_jsonb('{"unreadable": ["t3.disclosed.total", "t3.disclosed.totl"]}');
SELECT giar.report_from_jsonb('{"unreadable": ["t3.withheld.total"]}');
SELECT giar.report_from_jsonb('{"diagnostics": [{"code": "TABLE_MISSING", "severity": "fatal", "message": "m"}]}');
SELECT giar.report_from_jsonb('{"diagnostics": [{"code": "TABLE_MISSING", "severity": "info", "message": "m", "hint": "h"}]}');
SELECT giar.report_from_jsonb('{"diagnostics": [{"code": "TABLE_MISSING", "message": "m"}]}');
SELECT giar.report_from_jsonb('{"prose.shares": [{"outcome": "approved", "count": 3, "percent": 5.1}]}');
-- a long value is quoted in part
SELECT giar.report_from_jsonb(jsonb_build_object('meta.format', repeat('长', 300)));
-- 200,000 unknown keys: ten named, the rest counted, in a short message
DO $$
BEGIN
	PERFORM giar.report_from_jsonb((SELECT jsonb_object_agg('k' || i, i)
									FROM generate_series(1, 200000) i));
EXCEPTION WHEN invalid_parameter_value THEN
	RAISE NOTICE 'short message: %', length(SQLERRM) < 2000;
	RAISE NOTICE '%', SQLERRM;
END
$$;
-- accepted: 3.0 as a count, null as the key's absence, derived keys
-- ignored, the parser version kept (none when not given)
SELECT (r).t3.disclosed.total, (r).agency, (r).parser_version,
       (r).format, (r).t3_status
FROM (SELECT giar.report_from_jsonb('{"t3.disclosed.total": 3.0, "meta.agency": null,
        "t3.withheld.total": 99, "meta.parser_version": "0.9"}') AS r) s;
SELECT (r).parser_version, (r).diagnostics, (r).parts_present, (r).fingerprint
FROM (SELECT giar.report_from_jsonb('{}') AS r) s;
-- the library versions are kept as given, and a report from JSON without
-- them is stale: it says nothing of the libraries that parsed it
SELECT (r).libraries, giar.is_stale(r) AS stale
FROM (SELECT giar.report_from_jsonb('{"meta.parser_version": "1.2",
        "meta.libraries": "ICU 63.1, Unicode 11.0, libxml2 2.9.4"}') AS r) s;
SELECT giar.is_stale(giar.report_from_jsonb('{"meta.parser_version": "1.2"}')) AS stale;
SELECT giar.report_from_jsonb('{"meta.libraries": ["ICU 72.1"]}');
SELECT (r).diagnostics, (r).narrative.shares, (r).parts_present, (r).unreadable,
       (r).published, (r).t2.admin_fees.amount_wan
FROM (SELECT giar.report_from_jsonb('{"diagnostics": [{"code": "TABLE_MISSING",
        "severity": "warning", "message": "表4 not found", "line": 12},
        {"code": "OWN_CODE", "severity": "info", "message": "m"}],
        "prose.shares": [{"outcome": "disclosed", "count": 3, "percent": 5.10, "line": 4}],
        "meta.parts_present": [3, 1], "unreadable": ["t4.review.total"],
        "meta.published": "2024-02-29", "t2.admin_fees.amount_wan": 12.50}') AS r) s;

-- rollup: two departments summed; a cell one of them lacks stays absent
SELECT (s).t3.total_handled, (s).t4.review, (s).year, (s).format,
       (s).t2.regulations.issued AS regulations_issued,
       (s).t2.licensing.items_prior_year AS only_in_2019
FROM (SELECT giar.rollup(report) AS s FROM giar.documents WHERE id IN (1, 2)) x;
SELECT (giar.rollup(report)).year AS mixed_years, (giar.rollup(report)).format AS mixed_formats
FROM giar.documents WHERE id IN (1, 3);
SELECT giar.rollup(report) IS NULL AS no_rows FROM giar.documents WHERE false;
SELECT key, parent_value, children_value, difference
FROM giar.compare_rollup((SELECT report FROM giar.documents WHERE id = 2),
                         (SELECT giar.rollup(report) FROM giar.documents WHERE id IN (1, 2)))
WHERE key LIKE 't4.review.%';

-- pg_dump keeps the rows of the shipped table
SELECT extconfig::regclass[] FROM pg_extension WHERE extname = 'giar';
TRUNCATE giar.documents;

-- report_from_jsonb binds nothing by name when it runs: with the schema
-- renamed and look-alikes in its place, round trips and rollups read none
-- of them
\set regress_db :DBNAME
CREATE DATABASE giar_regress_renamed;
\c giar_regress_renamed
CREATE EXTENSION giar;
ALTER SCHEMA giar RENAME TO giar_moved;
CREATE SCHEMA giar;
CREATE TABLE public.calls (what text);
CREATE FUNCTION giar.keys() RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO public.calls VALUES ('giar.dictionary');
	RETURN QUERY SELECT d.key FROM giar_moved.dictionary d;
END
$$;
CREATE VIEW giar.dictionary AS
SELECT k AS key, false AS derived, 't3'::text AS table_name FROM giar.keys() k;
CREATE TYPE giar.report AS (format text);
\set body `cat test/fixtures/01_pipe_rows.txt`
SELECT giar_moved.report_from_jsonb(giar_moved.report_to_jsonb(r)) = r AS round_trip
FROM giar_moved.parse_report(:'body') r;
SELECT (s).format, (s).t3.total_handled.total, (s).t4.review.total
FROM (SELECT giar_moved.rollup(giar_moved.parse_report(:'body')) AS s
      FROM generate_series(1, 2)) x;
SELECT count(*) AS look_alike_calls FROM public.calls;
\c :regress_db
DROP DATABASE giar_regress_renamed;
