--
-- Installing: giar is trusted, so the owner of a database may create it
-- without superuser rights; dropping and re-creating leaves nothing behind.
--
\set VERBOSITY default
\set SHOW_CONTEXT never
\set regress_db :DBNAME
\set regress_user :USER

CREATE ROLE giar_regress_owner LOGIN;
CREATE DATABASE giar_regress_owned OWNER giar_regress_owner;
\c giar_regress_owned giar_regress_owner
SELECT rolsuper FROM pg_roles WHERE rolname = current_user;
CREATE EXTENSION giar;
SELECT extname, extversion, extnamespace::regnamespace AS schema
FROM pg_extension WHERE extname = 'giar';
SELECT (giar.parse_report(repeat('这不是年度报告。', 10))).format;
SELECT count(*) AS dictionary_keys FROM giar.dictionary;
-- the shipped table belongs to the database owner who created the extension
SELECT tableowner = current_user AS owns_documents FROM pg_tables
WHERE schemaname = 'giar' AND tablename = 'documents';
INSERT INTO giar.documents (body) VALUES ('这不是年度报告。') RETURNING id, parse_status;
SELECT document_id, format, parse_status, errors FROM giar.documents_summary;
-- the extension's objects belong to the extension; the schema to the
-- superuser that ran the script, so that the owner cannot plant objects in
-- it nor rename it
SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'giar';
DROP EXTENSION giar;
SELECT count(*) AS left_behind FROM pg_type WHERE typname IN ('report', 'diagnostic')
  AND typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'giar');
CREATE EXTENSION giar;
SELECT count(*) AS dictionary_keys FROM giar.dictionary;

\c :regress_db :regress_user
DROP DATABASE giar_regress_owned;
DROP ROLE giar_regress_owner;
