--
-- Lifecycle: installing 1.0 and updating gives what installing the
-- current version gives; install scripts ignore a hostile search_path.
--
\set VERBOSITY terse
\set regress_db :DBNAME
CREATE DATABASE giar_regress_updated;
CREATE DATABASE giar_regress_fresh;

\c giar_regress_updated
CREATE EXTENSION giar VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'giar';
-- the catalogue tables as an older build filled them (keys, rules and
-- labels it did not have): the update scripts must refresh their rows
DELETE FROM giar.dictionary WHERE key LIKE 't6.%';
UPDATE giar.dictionary SET label = 'an older label' WHERE key = 't3.disclosed.total';
DELETE FROM giar.rules WHERE id LIKE 'FEE\_%';
UPDATE giar.rules SET description_en = 'an older text' WHERE id = 'T3_ROW_SUM';
ALTER EXTENSION giar UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'giar';
-- an empty table is keyed by (agency_key, id), as a fresh install's
SELECT pg_get_constraintdef(oid) AS primary_key FROM pg_constraint
WHERE conrelid = 'giar.documents'::regclass AND contype = 'p';
\copy (SELECT * FROM giar.dictionary ORDER BY sort_order) TO 'results/upgrade-dictionary.txt'
\copy (SELECT * FROM giar.rules ORDER BY id) TO 'results/upgrade-rules.txt'
CREATE TEMP TABLE members AS
SELECT pg_describe_object(classid, objid, 0) AS member
FROM pg_depend WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'giar');
SELECT count(*) AS rules FROM giar.rules;
\copy members TO 'results/upgrade-members.txt'

-- a hostile search_path: functions and operators that would capture
-- unqualified names in the install scripts
\c giar_regress_fresh
CREATE SCHEMA hostile;
CREATE TABLE hostile.calls (what text);
-- tables named like the extension's: an unqualified reference would read these
CREATE TABLE hostile.dictionary (key text, derived boolean, table_name text, sort_order integer, label text);
CREATE TABLE hostile.rules (id text);
CREATE TABLE hostile.documents (id bigint, body text);
CREATE FUNCTION hostile.cells(giar_report anyelement) RETURNS SETOF record
LANGUAGE sql AS $$ INSERT INTO hostile.calls VALUES ('cells') RETURNING NULL::record $$;
CREATE FUNCTION hostile.text_eq(text, text) RETURNS boolean
LANGUAGE sql AS $$ INSERT INTO hostile.calls VALUES ('=') RETURNING $1 OPERATOR(pg_catalog.=) $2 $$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.text_eq);
SET search_path = hostile, public;
CREATE EXTENSION giar;
RESET search_path;
SELECT extversion FROM pg_extension WHERE extname = 'giar';
SELECT count(*) AS hostile_calls FROM hostile.calls;
CREATE TEMP TABLE members AS
SELECT pg_describe_object(classid, objid, 0) AS member
FROM pg_depend WHERE refclassid = 'pg_extension'::regclass
  AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'giar');
CREATE TEMP TABLE updated (member text);
\copy updated FROM 'results/upgrade-members.txt'
SELECT count(*) > 40 AS many_members FROM members;
SELECT member AS only_when_fresh FROM members EXCEPT SELECT member FROM updated ORDER BY 1;
SELECT member AS only_when_updated FROM updated EXCEPT SELECT member FROM members ORDER BY 1;
-- the catalogue tables' rows too
CREATE TEMP TABLE updated_dictionary (LIKE giar.dictionary);
\copy updated_dictionary FROM 'results/upgrade-dictionary.txt'
CREATE TEMP TABLE updated_rules (LIKE giar.rules);
\copy updated_rules FROM 'results/upgrade-rules.txt'
SELECT (SELECT count(*) FROM giar.dictionary) AS dictionary_rows,
       (SELECT count(*) FROM (SELECT * FROM giar.dictionary EXCEPT SELECT * FROM updated_dictionary) d)
     + (SELECT count(*) FROM (SELECT * FROM updated_dictionary EXCEPT SELECT * FROM giar.dictionary) d)
       AS dictionary_rows_differ,
       (SELECT count(*) FROM giar.rules) AS rules_rows,
       (SELECT count(*) FROM (SELECT * FROM giar.rules EXCEPT SELECT * FROM updated_rules) r)
     + (SELECT count(*) FROM (SELECT * FROM updated_rules EXCEPT SELECT * FROM giar.rules) r)
       AS rules_rows_differ;
-- and the functions work when called under that search_path
SET search_path = hostile, public;
SELECT (giar.summary(giar.parse_report(repeat('x', 10)))).parse_status;
SELECT count(*) AS hostile_calls FROM hostile.calls;
RESET search_path;

-- reports stored by 1.1 record no library versions: after the update they
-- are stale until parsed again, which an UPDATE of their text does
CREATE DATABASE giar_regress_stale;
\c giar_regress_stale
CREATE EXTENSION giar VERSION '1.1';
INSERT INTO giar.documents (body) VALUES (repeat('这不是年度报告。', 10));
ALTER EXTENSION giar UPDATE;
-- a document without agency_key (NULL): the table keeps its primary key
-- (id) rather than parse such documents again
SELECT pg_get_constraintdef(oid) AS primary_key_kept FROM pg_constraint
WHERE conrelid = 'giar.documents'::regclass AND contype = 'p';

SELECT document_id, parser_version, libraries FROM giar.documents_stale;
UPDATE giar.documents SET body = body WHERE giar.is_stale(report);
SELECT count(*) AS stale FROM giar.documents_stale;
SELECT (report).parser_version = substring(giar.version() FROM 'parser ([0-9.]+);') AS current_parser,
	giar.version() LIKE '%; ' || (report).libraries || ')' AS current_libraries
FROM giar.documents;
-- a report of another parser version, or parsed with other libraries
SELECT giar.is_stale(r) AS current,
	giar.is_stale(jsonb_populate_record(r, '{"parser_version": "1.0"}')) AS older_parser,
	giar.is_stale(jsonb_populate_record(r, '{"libraries": "ICU 63.1, Unicode 11.0, libxml2 2.9.4"}')) AS other_libraries
FROM (SELECT giar.parse_report('x') AS r) s;

\c :regress_db
DROP DATABASE giar_regress_updated;
DROP DATABASE giar_regress_stale;
DROP DATABASE giar_regress_fresh;
