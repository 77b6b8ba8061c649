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
SELECT label FROM giar.dictionary WHERE key IN ('t3.withheld.total', 't2.admin_fees.amount_wan')
ORDER BY sort_order;
SELECT giar.normalize_text('（一）予以公开　１２３');
-- the diagnostics of a non-report, in the database encoding
SELECT d.code, d.message
FROM unnest((giar.parse_report(repeat('天气晴朗，交通顺畅。', 8))).diagnostics) d;

\c :regress_db
DROP DATABASE giar_regress_euc_cn;
