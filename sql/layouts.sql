--
-- Every fixture report (test/fixtures: one per text layout found in the
-- wild) parsed and scored against its .expected file: cells right, wrong,
-- missing, spurious; format, year, table status and expected diagnostics.
--
\set ON_ERROR_STOP 1
\i test/sql/score.sql

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! sh test/sql/load-fixtures.sh > results/load-fixtures.sql
\set ECHO none
\i results/load-fixtures.sql
\set ECHO all

-- one line per fixture: what was read and how it scores
SELECT s.*
FROM fixture f, LATERAL pg_temp.score(f.name, giar.parse_report(f.body), f.expected) s
ORDER BY f.name;

-- the details of anything not right (expected: no rows)
SELECT d.*
FROM fixture f, LATERAL pg_temp.score_details(giar.parse_report(f.body), f.expected) d
ORDER BY f.name, d.key;

-- cells run together (63-66): what was cut, and what was left absent with
-- its candidate cuts
SELECT f.name, d.code, d.line, d.message
FROM fixture f, unnest((giar.parse_report(f.body)).diagnostics) d
WHERE f.name ~ '^6[3-6]_' AND d.code IN ('CELLS_SPLIT', 'CELL_UNDETERMINABLE')
ORDER BY f.name, d.line, d.message;

-- a 100,000-digit run where table 3's first row should be: absent, said why
SELECT (r).t3_status, (r).t3.new_requests.total,
       (SELECT string_agg(DISTINCT d.code, ', ') FROM unnest((r).diagnostics) d
        WHERE d.severity = 'error') AS errors
FROM (SELECT giar.parse_report('澄江市交通运输局2024年政府信息公开工作年度报告' || E'\n' ||
                               '三、收到和处理政府信息公开申请情况' || E'\n' ||
                               '一、本年新收政府信息公开申请数量' || repeat('3', 100000)) AS r) s;
