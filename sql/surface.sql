--
-- The SQL surface: giar.report and its nested types, parse_report (lenient
-- and strict), cells, the dictionary, generated columns, errors.
--
SET datestyle = 'ISO, YMD';
\set VERBOSITY default
\set SHOW_CONTEXT never

-- A small report in pipe rows, stated inline.
\set small '某县统计局2024年政府信息公开工作年度报告\n发布日期：2025-01-20\n本报告所列数据统计期限为2024年1月1日至12月31日。\n一、总体情况\n2024年，本局共收到政府信息公开申请5件，上年结转1件，办结6件。\n二、主动公开政府信息情况\n规章 | 0 | 0 | 0 |\n行政规范性文件 | 2 | 1 | 14 |\n行政许可 | 1,086 |\n行政处罚 | — |\n行政强制 | 3 |\n行政事业性收费 | 12.50 |\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n本年度未收取信息处理费。'
SELECT replace(:'small', '\n', E'\n') AS small \gset

SELECT (r).format, (r).year, (r).title_year, (r).period_year, (r).agency,
       (r).published, (r).index_number, (r).parts_present,
       (r).t2_status, (r).t3_status, (r).t4_status, (r).t2_format, (r).t3_format,
       (r).parser_version
FROM (SELECT giar.parse_report(:'small') AS r) s;

-- nested composites: a cell by path
SELECT (r).t2.licensing.decisions AS licensing,
       (r).t2.penalties.decisions AS penalties,
       (r).t2.admin_fees.amount_wan AS fee_wan,
       (r).t4.review.upheld AS review_upheld,
       (r).t3.new_requests.total AS t3_new,
       (r).narrative.new_requests AS prose_new,
       (r).narrative.processing_fee_yuan AS prose_fee
FROM (SELECT giar.parse_report(:'small') AS r) s;

-- the diagnostics as rows
SELECT d.code, d.severity, d.line
FROM unnest((giar.parse_report(:'small')).diagnostics) d
ORDER BY d.line NULLS FIRST, d.code;

-- every stated cell, with its label from the dictionary
SELECT c.key, c.value, d.label, d.unit
FROM giar.cells(giar.parse_report(:'small')) c
JOIN giar.dictionary d USING (key)
ORDER BY d.sort_order;

-- STRICT: NULL in, NULL out
SELECT giar.parse_report(NULL) IS NULL AS null_report,
       (SELECT count(*) FROM giar.cells(NULL)) AS null_cells,
       giar.parse_report('x', NULL) IS NULL AS null_strict;

-- strict parsing raises invalid_text_representation with the diagnostics
SELECT giar.parse_report(:'small', strict => true);
\echo :LAST_ERROR_SQLSTATE
SELECT giar.parse_report('', strict => true);
\echo :LAST_ERROR_SQLSTATE

-- a stored generated column keeps every row, parsable or not
CREATE TABLE reports (
	id integer PRIMARY KEY,
	body text NOT NULL,
	report giar.report GENERATED ALWAYS AS (giar.parse_report(body)) STORED
);
INSERT INTO reports (id, body) VALUES (1, :'small'), (2, ''), (3, repeat('这是一段与年度报告无关的文字，讨论天气和交通。', 5));
SELECT id, (report).format, (report).year,
       (SELECT string_agg(d.code, ',' ORDER BY d.code) FROM unnest((report).diagnostics) d
        WHERE d.severity = 'error') AS errors
FROM reports ORDER BY id;
-- the same value as parsing again: IMMUTABLE in fact
SELECT bool_and(report IS NOT DISTINCT FROM giar.parse_report(body)) AS stable FROM reports;

-- reading back a hand-made report checks its fields (built with
-- jsonb_populate_record so that the test does not depend on the attribute count)
SELECT count(*) FROM giar.cells(jsonb_populate_record(NULL::giar.report,
	'{"format": "2030"}'));
\echo :LAST_ERROR_SQLSTATE
SELECT count(*) FROM giar.cells(jsonb_populate_record(NULL::giar.report,
	'{"format": "2021", "year": 2024, "t2_status": "done"}'));
\echo :LAST_ERROR_SQLSTATE
SELECT key, value FROM giar.cells(jsonb_populate_record(NULL::giar.report,
	'{"format": "2021", "year": 2024}'));

-- the dictionary
SELECT table_name, count(*) AS keys, count(*) FILTER (WHERE derived) AS derived
FROM giar.dictionary GROUP BY table_name ORDER BY table_name;
SELECT key, label, unit, value_type, formats
FROM giar.dictionary
WHERE key IN ('meta.year', 't2.admin_fees.amount_wan', 't2.licensing.items_change',
              't3.withheld.total', 't3.other_handling.total', 't4.review.upheld',
              'n.processing_fee_yuan')
ORDER BY sort_order;

-- what the parser reads, and the libraries it runs with
SELECT giar.normalize_text('（一）予以公开　１２３，４５６ 報(bào)告');
SELECT giar.version() ~ '^giar 1\.2 \(parser 1\.2\.[0-9]+; ICU [0-9.]+, Unicode [0-9.]+, libxml2 [0-9.]+\)$' AS version_ok;
SELECT split_part(giar.version(), ' ', 2) = (SELECT extversion FROM pg_extension WHERE extname = 'giar')
       AS the_extension_version;
