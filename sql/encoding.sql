--
-- A database whose encoding is not UTF-8 (EUC_CN): report text is read,
-- and every text the parser returns is converted to the database encoding.
--
\set VERBOSITY default
\set SHOW_CONTEXT never
\set regress_db :DBNAME

CREATE DATABASE giar_regress_euc_cn TEMPLATE template0 ENCODING 'EUC_CN'
	LC_COLLATE 'C' LC_CTYPE 'C';
\c giar_regress_euc_cn
SET client_encoding = 'UTF8';
SELECT pg_encoding_to_char(encoding) AS server_encoding
FROM pg_database WHERE datname = current_database();
CREATE EXTENSION giar;

\set body `cat test/fixtures/01_pipe_rows.txt`
SELECT (r).format, (r).year, (r).agency, (r).published,
       (r).t3.new_requests.total AS new_requests, (r).t2.admin_fees.amount_wan AS fee
FROM (SELECT giar.parse_report(:'body') AS r) s;
SELECT count(*) AS cells FROM giar.cells(giar.parse_report(:'body'));
-- to JSON and back: the agency's characters survive both conversions
SELECT giar.report_from_jsonb(giar.report_to_jsonb(r)) = r AS round_trip,
       (giar.report_from_jsonb(giar.report_to_jsonb(r))).agency
FROM giar.parse_report(:'body') r;
SELECT (giar.report_from_jsonb('{"meta.agency": "\u6c5f\u82cf\u7701"}')).agency;
SELECT label FROM giar.dictionary WHERE key IN ('t3.withheld.total', 't2.admin_fees.amount_wan')
ORDER BY sort_order;
SELECT giar.normalize_text('（一）予以公开　１２３');
-- the diagnostics of a non-report, in the database encoding
SELECT d.code, d.message
FROM unnest((giar.parse_report(repeat('天气晴朗，交通顺畅。', 8))).diagnostics) d;

\c :regress_db
DROP DATABASE giar_regress_euc_cn;

--
-- A SQL_ASCII database: the text's bytes are read as they are stored,
-- never past the value, and bytes that are not UTF-8 (GBK here) are
-- parsed with INVALID_UTF8 rather than refused.
--
CREATE DATABASE giar_regress_sql_ascii TEMPLATE template0 ENCODING 'SQL_ASCII'
	LC_COLLATE 'C' LC_CTYPE 'C';
\c giar_regress_sql_ascii
CREATE EXTENSION giar;
-- values stored next to each other in one tuple, so that the byte after
-- each is the next one's: none may be read
CREATE TABLE packed (a text, b text, c text);
INSERT INTO packed
SELECT repeat('a', n), repeat('b', n + 1), repeat('c', n + 2)
FROM generate_series(1, 40) n;
SELECT count(*) AS rows,
	count(*) FILTER (WHERE giar.normalize_text(a) = a AND giar.normalize_text(b) = b
					 AND giar.normalize_text(c) = c) AS read_exactly
FROM packed;
-- GBK bytes (政府信息公开 in GBK) stored in a SQL_ASCII database
SELECT d.code, d.severity
FROM unnest((giar.parse_report(convert_from(
	decode(repeat('d5fef8aed0c5cfa2b9abbfaa', 10), 'hex'), 'SQL_ASCII'))).diagnostics) d
ORDER BY d.code;
-- and such a report goes to JSON and back unchanged
SELECT giar.report_from_jsonb(giar.report_to_jsonb(r)) = r AS round_trip
FROM giar.parse_report(convert_from(
	decode(repeat('d5fef8aed0c5cfa2b9abbfaa', 10), 'hex'), 'SQL_ASCII')) r;

\c :regress_db
DROP DATABASE giar_regress_sql_ascii;
