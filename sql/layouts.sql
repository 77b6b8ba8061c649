--
-- Every fixture report (test/fixtures: one per text layout found in the
-- wild) parsed and scored against its .expected file: cells right, wrong,
-- missing, spurious; format, year, table status and expected diagnostics.
--
\set ON_ERROR_STOP 1
\i test/sql/score.sql

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! sh test/sql/load-fixtures.sh > results/load-fixtures.sql
\i results/load-fixtures.sql

-- one line per fixture: what was read and how it scores
SELECT s.*
FROM fixture f, LATERAL pg_temp.score(f.name, giar.parse_report(f.body), f.expected) s
ORDER BY f.name;

-- the details of anything not right (expected: no rows)
SELECT d.*
FROM fixture f, LATERAL pg_temp.score_details(giar.parse_report(f.body), f.expected) d
ORDER BY f.name, d.key;
