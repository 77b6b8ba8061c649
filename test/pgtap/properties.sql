--
-- Properties of parsing over every fixture report and hostile input:
-- never raising, determinism, keys from the dictionary, derived subtotals,
-- strict errors, generated columns and parallel plans.
--
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS giar;

SELECT plan(30);

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! mkdir -p tmp_check && sh test/sql/load-fixtures.sh > tmp_check/pgtap-fixtures.sql
\i tmp_check/pgtap-fixtures.sql

SELECT cmp_ok((SELECT count(*)::integer FROM fixture), '>=', 18, 'fixtures loaded');

CREATE TEMP TABLE parsed AS
SELECT name, body, giar.parse_report(body) AS report FROM fixture;

-- the report value is laid out as PostgreSQL lays it out: byte for byte
-- (*=, nested composites included) what record_in builds from its text
SELECT is((SELECT count(*) FILTER (WHERE NOT report *= (report::text)::giar.report)
           FROM parsed), 0::bigint,
          'every fixture report is byte for byte the value built from its text form');

-- never raising, whatever the text
SELECT lives_ok($$SELECT giar.parse_report(body) FROM fixture$$,
                'every fixture parses without an error');
SELECT lives_ok($$SELECT giar.parse_report(string_agg(chr((1 + (i::bigint * 104729) % 55295)::integer), ''))
                  FROM generate_series(1, 50000) i$$,
                'random code points parse without an error');
SELECT lives_ok($$SELECT giar.parse_report(repeat('<td><tr><table>|', 20000))$$,
                'tag and pipe soup parses without an error');
SELECT lives_ok($$SELECT giar.parse_report(repeat('1', 100000))$$,
                'a 100000-digit run parses without an error');
SELECT lives_ok($$SELECT giar.parse_report(left(body, n))
                  FROM fixture, generate_series(1, 4000, 97) AS n$$,
                'every fixture cut at many lengths parses without an error');

-- determinism: the same text gives the same report
SELECT is((SELECT count(*)::integer FROM parsed
           WHERE report IS DISTINCT FROM giar.parse_report(body)),
          0, 'parsing is deterministic');

-- cells: dictionary keys, no duplicates, no NULL values
SELECT is_empty($$SELECT c.key FROM parsed p, giar.cells(p.report) c
                  WHERE c.key NOT IN (SELECT key FROM giar.dictionary)$$,
                'every key giar.cells emits is in giar.dictionary');
SELECT is_empty($$SELECT p.name, c.key FROM parsed p, giar.cells(p.report) c
                  GROUP BY 1, 2 HAVING count(*) > 1$$,
                'no key twice in a report');
SELECT is_empty($$SELECT p.name FROM parsed p, giar.cells(p.report) c WHERE c.value IS NULL$$,
                'no NULL values among the cells');
SELECT is_empty($$SELECT p.name FROM parsed p, giar.cells(p.report) c
                  WHERE c.key IN (SELECT key FROM giar.dictionary
                                  WHERE value_type = 'count') AND c.value < 0$$,
                'counts read from the fixtures are not negative');

-- derived subtotals are the sums of their rows
SELECT is_empty($$
	WITH c AS (SELECT p.name, split_part(c.key, '.', 2) AS row_key,
	                  split_part(c.key, '.', 3) AS col, c.value
	           FROM parsed p, giar.cells(p.report) c WHERE c.key LIKE 't3.%'),
	parts AS (
		SELECT name, col,
		       CASE WHEN row_key LIKE 'withheld\_%' THEN 'withheld'
		            WHEN row_key LIKE 'unavailable\_%' THEN 'unavailable'
		            WHEN row_key LIKE 'not\_processed\_%' THEN 'not_processed'
		            WHEN row_key IN ('other_no_correction', 'other_fee_unpaid', 'other_other')
		                 THEN 'other_handling' END AS subtotal,
		       sum(value) AS total, count(*) AS n
		FROM c GROUP BY 1, 2, 3)
	SELECT p.name, p.subtotal, p.col FROM parts p
	JOIN c ON c.name = p.name AND c.row_key = p.subtotal AND c.col = p.col
	WHERE p.subtotal IS NOT NULL AND c.value <> p.total$$,
	'derived subtotals equal the sums of their rows');
SELECT is_empty($$
	SELECT p.name FROM parsed p
	WHERE EXISTS (SELECT 1 FROM giar.cells(p.report) c WHERE c.key = 't3.withheld.total')
	   <> (SELECT count(*) = 8 FROM giar.cells(p.report) c
	       WHERE c.key ~ '^t3\.withheld_[a-z_]+\.total$')$$,
	'a subtotal is emitted exactly when all its rows are stated');

-- meta.year is the report's year
SELECT is_empty($$SELECT p.name FROM parsed p, giar.cells(p.report) c
                  WHERE c.key = 'meta.year' AND c.value <> (p.report).year$$,
                'meta.year equals the report''s year');

-- refused documents claim nothing
SELECT is_empty($$SELECT name FROM parsed
                  WHERE (report).format = 'unknown'
                    AND EXISTS (SELECT 1 FROM giar.cells(report))$$,
                'a document of unknown format states no cells');
SELECT ok((SELECT bool_and(EXISTS (SELECT 1 FROM unnest((report).diagnostics) d
                                    WHERE d.severity = 'error'))
           FROM parsed WHERE (report).format = 'unknown'),
          'every unknown-format report says why with an error diagnostic');

-- every diagnostic code used is in the catalogue
SELECT is_empty($$SELECT DISTINCT d.code FROM parsed p, unnest((p.report).diagnostics) d
                  WHERE d.code NOT IN (SELECT code FROM giar.diagnostic_codes())$$,
                'every diagnostic code emitted is in giar.diagnostic_codes()');
SELECT is_empty($$SELECT d.code FROM parsed p, unnest((p.report).diagnostics) d
                  JOIN giar.diagnostic_codes() c USING (code)
                  WHERE c.severity <> d.severity$$,
                'every diagnostic carries its code''s severity');

-- strict parsing
SELECT throws_ok($$SELECT giar.parse_report('', strict => true)$$, '22P02', NULL,
                 'strict parsing of empty text raises invalid_text_representation');
SELECT lives_ok($$SELECT giar.parse_report(body, strict => true) FROM fixture
                  WHERE name = '01_pipe_rows'$$,
                'strict parsing of a complete report succeeds');
SELECT is((SELECT count(*)::integer FROM parsed
           WHERE CASE WHEN EXISTS (SELECT 1 FROM unnest((report).diagnostics) d
                                   WHERE d.severity = 'error') THEN false
                      ELSE report IS DISTINCT FROM giar.parse_report(body, strict => true) END),
          0, 'strict and lenient parsing agree where nothing is wrong');

-- a STORED generated column
CREATE TABLE docs (
	id serial PRIMARY KEY,
	body text NOT NULL,
	report giar.report GENERATED ALWAYS AS (giar.parse_report(body)) STORED
);
INSERT INTO docs (body) SELECT body FROM fixture ORDER BY name;
SELECT is((SELECT count(*)::integer FROM docs), (SELECT count(*)::integer FROM fixture),
          'every fixture inserts through the generated column');
SELECT is((SELECT count(*)::integer FROM docs d
           WHERE d.report IS DISTINCT FROM giar.parse_report(d.body)),
          0, 'the stored report equals a fresh parse');

-- parallel plans: workers parse like the leader
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	line text;
	plan text := '';
BEGIN
	FOR line IN EXECUTE 'EXPLAIN ' || query LOOP
		plan := plan || line || E'\n';
	END LOOP;
	RETURN plan;
END
$$;
SELECT matches(pg_temp.plan_of('SELECT id, (giar.parse_report(body)).t3 FROM docs'),
               'Gather', 'parse_report runs in parallel workers');
SELECT results_eq(
	$$SELECT id, (giar.parse_report(body)).t3 FROM docs ORDER BY id$$,
	$$SELECT id, (report).t3 FROM docs ORDER BY id$$,
	'a parallel scan parses like a serial one');

-- with JIT compiling, optimising and inlining whatever it may (where the
-- server has JIT; the core's symbols are hidden from it): the same reports
SET LOCAL jit = on;
SET LOCAL jit_above_cost = 0;
SET LOCAL jit_optimize_above_cost = 0;
SET LOCAL jit_inline_above_cost = 0;
SELECT is((SELECT count(*) FROM parsed
           WHERE giar.parse_report(body)::text IS DISTINCT FROM report::text
              OR giar.check_report(giar.parse_report(body))::text IS DISTINCT FROM
                 giar.check_report(report)::text),
          0::bigint, 'with JIT inlining at any cost, every fixture parses and checks the same');
RESET jit;
RESET jit_above_cost;
RESET jit_optimize_above_cost;
RESET jit_inline_above_cost;

-- parse_status follows its definition on every fixture
SELECT is((SELECT count(*) FROM parsed
           WHERE giar.parse_status(report) IS DISTINCT FROM
                 CASE WHEN (report).format = 'unknown' THEN 'not_a_report'
                      WHEN (report).t2_status = 'parsed' AND (report).t3_status = 'parsed'
                           AND (report).t4_status = 'parsed' THEN 'complete'
                      WHEN 'parsed' IN ((report).t2_status, (report).t3_status, (report).t4_status)
                           OR 'partial' IN ((report).t2_status, (report).t3_status, (report).t4_status)
                           THEN 'partial'
                      ELSE 'no_tables' END),
          0::bigint, 'parse_status: complete, partial, no_tables or not_a_report as defined');

-- a table the text does not state is a composite of NULLs (made once and
-- reused), never NULL itself, and the same as when a report has the table
-- (a composite of NULLs IS NULL in SQL; its text form is not NULL)
SELECT ok((SELECT bool_and((r).t3::text IS NOT NULL AND ((r).t3).new_requests::text = '(,,,,,,)'
                           AND ((r).t3).new_requests.total IS NULL
                           AND ((r).t2).regulations::text IS NOT NULL
                           AND ((r).t2).regulations.issued IS NULL)
           FROM (SELECT giar.parse_report('x' || i) AS r FROM generate_series(1, 3) i) s),
          'tables a text does not state are composites of NULLs, not NULL');
SELECT is((SELECT count(DISTINCT ((report).t3, (report).t2, (report).t4)::text)
           FROM parsed WHERE (report).t3_status = 'missing' AND (report).t2_status = 'missing'
             AND (report).t4_status = 'missing'),
          (SELECT CASE WHEN count(*) > 0 THEN 1::bigint ELSE 0::bigint END FROM parsed
           WHERE (report).t3_status = 'missing' AND (report).t2_status = 'missing'
             AND (report).t4_status = 'missing'),
          'every report without tables has the same empty tables');

SELECT * FROM finish();
ROLLBACK;
