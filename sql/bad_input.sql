--
-- Bad input gets a clear answer and loses nothing: every row inserts into
-- a table with the generated report column, and the report says why it
-- could not be read.
--
\set VERBOSITY default
\set SHOW_CONTEXT never

CREATE TABLE inbox (
	id integer PRIMARY KEY,
	what text NOT NULL,
	body text NOT NULL,
	report giar.report GENERATED ALWAYS AS (giar.parse_report(body)) STORED
);

-- empty and blank text
INSERT INTO inbox (id, what, body) VALUES
	(1, 'empty', ''),
	(2, 'blanks and line ends', E' \n\t\r\n　\n');

-- binary-looking junk: control characters and random code points
INSERT INTO inbox (id, what, body)
SELECT 3, 'junk code points',
       string_agg(chr(1 + (i * 7919) % 55000), '' ORDER BY i)
FROM generate_series(1, 20000) AS i;

-- over 5 MB of text: a report followed by copies of itself
\set body `cat test/fixtures/01_pipe_rows.txt`
INSERT INTO inbox (id, what, body)
SELECT 4, '5 MB text', repeat(:'body' || E'\n', 780);

-- a report whose tables are all missing: headings and prose only
\set body `cat test/fixtures/17_prose_only.txt`
INSERT INTO inbox (id, what, body) VALUES (5, 'tables missing', :'body');

-- HTML with broken tags, cut off inside table 3
\set body `cat test/fixtures/18_html_truncated.txt`
INSERT INTO inbox (id, what, body) VALUES (6, 'truncated HTML', :'body');
INSERT INTO inbox (id, what, body) VALUES
	(7, 'tag soup', repeat('<table><tr><td><div><p>规章<td>3</b></i><tr><td>', 2000));

-- text over the size limit (16 MiB) is refused, not parsed
INSERT INTO inbox (id, what, body)
SELECT 8, 'over the size limit', repeat('一', 6 * 1024 * 1024);

-- a report with its tables only as images
\set body `cat test/fixtures/13_tables_as_images.txt`
INSERT INTO inbox (id, what, body) VALUES (9, 'tables as images', :'body');

SELECT id, what, octet_length(body) AS bytes, (report).format, (report).year,
       (report).t2_status AS t2, (report).t3_status AS t3, (report).t4_status AS t4,
       (SELECT count(*) FROM giar.cells(report)) AS cells
FROM inbox ORDER BY id;

-- why: the error and warning diagnostics of each row
SELECT i.id, d.severity, d.code
FROM inbox i, unnest((i.report).diagnostics) d
WHERE d.severity <> 'info'
GROUP BY i.id, d.severity, d.code
ORDER BY i.id, d.severity, d.code;

-- the strict form refuses the same rows with SQLSTATE 22P02
SELECT giar.parse_report(body, strict => true) FROM inbox WHERE id = 1;
\echo :LAST_ERROR_SQLSTATE
SELECT giar.parse_report(body, strict => true) FROM inbox WHERE id = 8;
\echo :LAST_ERROR_SQLSTATE
SELECT (giar.parse_report(body, strict => true)).format FROM inbox WHERE id = 9;
\echo :LAST_ERROR_SQLSTATE

-- a long parse stops at statement_timeout (the parser checks for interrupts);
-- the text (a report 2,000 times over, 13.6 MB) takes the parser about 0.2 s
\set body `cat test/fixtures/01_pipe_rows.txt`
CREATE TEMP TABLE long_text AS SELECT repeat(:'body', 2000) AS body;
SET statement_timeout = '20ms';
SELECT (giar.parse_report(body)).format FROM long_text;
\echo :LAST_ERROR_SQLSTATE
RESET statement_timeout;
-- and the backend parses on afterwards
\set body `cat test/fixtures/01_pipe_rows.txt`
SELECT (r).format, (r).t3.new_requests.total FROM (SELECT giar.parse_report(:'body') AS r) s;

-- a footnote mark after a number is not a digit of it (NFKC folds ¹ into 1)
SELECT (r).t2.licensing.decisions,
	(SELECT string_agg(d.code || ': ' || d.message, E'\n') FROM unnest((r).diagnostics) d
	 WHERE d.code = 'FOOTNOTE_MARK') AS footnote
FROM (SELECT giar.parse_report(replace(:'body', '行政许可 | 1582 |', '行政许可 | 1582¹ |')) AS r) s;
