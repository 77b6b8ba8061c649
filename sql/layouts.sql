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

-- a hijacked mirror's copy: the injected words are named, the cells still read
SELECT f.name, d.code, d.message,
       (SELECT count(*) FROM giar.cells(giar.parse_report(f.body)) c WHERE c.key ~ '^t[2346]\.') AS table_cells
FROM fixture f, unnest((giar.parse_report(f.body)).diagnostics) d
WHERE f.name = '12_spam_mirror' AND d.code = 'TEXT_INJECTED';
SELECT position('买球' IN noisy) > 0 AS spam_in_label,
       (giar.parse_report(noisy)).t3.disclosed AS with_spam,
       (giar.parse_report(body)).t3.disclosed AS as_printed
FROM (SELECT body, replace(body, '予以公开 |', '予以【正规买球网站】公开 |') AS noisy
      FROM fixture WHERE name = '01_pipe_rows') s;
