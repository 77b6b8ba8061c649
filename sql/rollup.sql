--
-- giar.rollup as a C aggregate: a rollup of one report is the report (its
-- table cells, tables' formats included), two stages equal one, parallel
-- plans aggregate partially in their workers with the same result, and a
-- sum beyond a report's 18 digits raises where it is made.
--
\set ON_ERROR_STOP 0
\pset null '∅'

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! sh test/sql/load-fixtures.sh > results/rollup-fixtures.sql
\set ECHO none
\i results/rollup-fixtures.sql
\set ECHO all

CREATE TEMP TABLE parsed AS
SELECT name, giar.parse_report(body) AS r FROM fixture;

-- the table cells of a report (derived subtotals included)
CREATE FUNCTION pg_temp.table_cells(r giar.report)
RETURNS TABLE (key text, value numeric) LANGUAGE sql IMMUTABLE AS $$
	SELECT c.key, c.value FROM giar.cells(r) c WHERE c.key ~ '^t[2346]\.'
$$;

-- a rollup of one report is the report: every fixture, both formats
SELECT count(*) AS fixtures,
       count(*) FILTER (WHERE differs) AS differ
FROM (SELECT p.name,
             EXISTS (SELECT * FROM pg_temp.table_cells(p.r)
                     EXCEPT SELECT * FROM pg_temp.table_cells(x.s))
             OR EXISTS (SELECT * FROM pg_temp.table_cells(x.s)
                        EXCEPT SELECT * FROM pg_temp.table_cells(p.r)) AS differs
      FROM parsed p,
           LATERAL (SELECT giar.rollup(p2.r) AS s FROM parsed p2 WHERE p2.name = p.name) x) d;
-- the 2019 format's single （六）其他处理 row and the tables' formats stay
SELECT (s).t3.other_handling, (s).t2_format, (s).t3_format, (s).format, (s).year
FROM (SELECT giar.rollup(r) AS s FROM parsed WHERE name = '14_format_2019') x;
-- part 六's fee table is summed
SELECT (s).t6.processing_fee
FROM (SELECT giar.rollup(r) AS s FROM parsed WHERE name ~ '^(78|81)_') x;

-- two stages equal one (over the 2021 reports whose three tables are
-- whole, so that most cells are in all of them)
CREATE TEMP TABLE grouped AS
SELECT name, r, (row_number() OVER (ORDER BY name)) % 4 AS k FROM parsed
WHERE (r).format = '2021' AND (r).t2_status = 'parsed' AND (r).t3_status = 'parsed'
  AND (r).t4_status = 'parsed';
SELECT (SELECT array_agg(c ORDER BY c.key) FROM pg_temp.table_cells(
            (SELECT giar.rollup(r) FROM grouped)) c)
     = (SELECT array_agg(c ORDER BY c.key) FROM pg_temp.table_cells(
            (SELECT giar.rollup(s) FROM (SELECT giar.rollup(r) AS s FROM grouped GROUP BY k) g)) c)
       AS two_stages_equal_one;
SELECT count(*) AS cells_of_the_2021_fixtures
FROM pg_temp.table_cells((SELECT giar.rollup(r) FROM grouped));

-- parallel: partial aggregation in the workers, the same result
CREATE TABLE rollup_many AS
SELECT g.r FROM grouped g, generate_series(1, 40);
ALTER TABLE rollup_many SET (parallel_workers = 2);
ANALYZE rollup_many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT giar.rollup(r) FROM rollup_many;
CREATE TEMP TABLE in_parallel AS SELECT giar.rollup(r) AS s FROM rollup_many;
SET max_parallel_workers_per_gather = 0;
SELECT (SELECT s FROM in_parallel) = giar.rollup(r) AS parallel_equals_serial,
       (SELECT count(*) FROM pg_temp.table_cells((SELECT s FROM in_parallel))) AS cells,
       ((SELECT s FROM in_parallel)).t2.licensing.decisions AS licensing_decisions
FROM rollup_many;
RESET ALL;
DROP TABLE rollup_many;

-- NULL reports add nothing; no rows, no rollup
SELECT (giar.rollup(r)).t4.review.total
FROM (SELECT r FROM parsed WHERE name = '01_pipe_rows' UNION ALL SELECT NULL) x;
SELECT giar.rollup(r) IS NULL AS no_rows FROM parsed WHERE false;

-- a sum of more than 18 digits: an error where it is made
SELECT giar.rollup(giar.report_from_jsonb('{"meta.format": "2021", "t2.licensing.decisions": 600000000000000000}'))
FROM generate_series(1, 2);
SELECT (giar.rollup(giar.report_from_jsonb('{"meta.format": "2021", "t2.licensing.decisions": 400000000000000000}'))).t2.licensing
FROM generate_series(1, 2);
SELECT giar.rollup(giar.report_from_jsonb('{"meta.format": "2021", "t2.licensing.decisions": 400000000000000000}'))
FROM generate_series(1, 3);
