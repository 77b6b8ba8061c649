-- giar 1.1 -> 1.2: a schema of its own, built-ins named with their schema,
-- report_from_jsonb in C, part 六's fee table.

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION giar UPDATE TO '1.2'" to load this file. \quit

-- giar keeps its schema to itself.  A schema that holds objects giar did
-- not make is refused: an object there with a closer type match than a
-- built-in (giar.unnest(giar.finding[]), giar./ (numeric, bigint)) would be
-- bound by the functions and views below and run with the rights of
-- whoever reads them.  The schema then goes to the superuser running this
-- script, so that its former owner can neither add such objects nor rename
-- the schema and put a look-alike in its place.  An empty schema (as a
-- restore of a dump creates it) is taken over.
DO $guard$
DECLARE
	ext oid;
	ext_schema oid;
	planted text[];
BEGIN
	SELECT e.oid, e.extnamespace INTO ext, ext_schema
	FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'giar';
	WITH RECURSIVE ours(classid, objid) AS (
		SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
		WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
		  AND d.refobjid OPERATOR(pg_catalog.=) ext AND d.deptype OPERATOR(pg_catalog.=) 'e'
		UNION
		SELECT d.classid, d.objid FROM pg_catalog.pg_depend d
		JOIN ours o ON d.refclassid OPERATOR(pg_catalog.=) o.classid
				   AND d.refobjid OPERATOR(pg_catalog.=) o.objid
		WHERE d.deptype OPERATOR(pg_catalog.=) ANY (ARRAY['i', 'a']::"char"[])),
	in_schema(classid, objid) AS (
		SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid FROM pg_catalog.pg_proc p WHERE p.pronamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid FROM pg_catalog.pg_type t WHERE t.typnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid FROM pg_catalog.pg_operator o WHERE o.oprnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, c.oid FROM pg_catalog.pg_collation c WHERE c.collnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_conversion'::pg_catalog.regclass, c.oid FROM pg_catalog.pg_conversion c WHERE c.connamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_opclass'::pg_catalog.regclass, c.oid FROM pg_catalog.pg_opclass c WHERE c.opcnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_opfamily'::pg_catalog.regclass, f.oid FROM pg_catalog.pg_opfamily f WHERE f.opfnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_ts_config'::pg_catalog.regclass, c.oid FROM pg_catalog.pg_ts_config c WHERE c.cfgnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_ts_dict'::pg_catalog.regclass, d.oid FROM pg_catalog.pg_ts_dict d WHERE d.dictnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_ts_parser'::pg_catalog.regclass, p.oid FROM pg_catalog.pg_ts_parser p WHERE p.prsnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_ts_template'::pg_catalog.regclass, t.oid FROM pg_catalog.pg_ts_template t WHERE t.tmplnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid FROM pg_catalog.pg_statistic_ext s WHERE s.stxnamespace OPERATOR(pg_catalog.=) ext_schema
		UNION ALL SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass, e.oid FROM pg_catalog.pg_extension e
		WHERE e.extnamespace OPERATOR(pg_catalog.=) ext_schema AND e.oid OPERATOR(pg_catalog.<>) ext)
	SELECT pg_catalog.array_agg(pg_catalog.pg_describe_object(s.classid, s.objid, 0)
								ORDER BY pg_catalog.pg_describe_object(s.classid, s.objid, 0))
	INTO planted
	FROM in_schema s
	WHERE NOT EXISTS (SELECT FROM ours o WHERE o.classid OPERATOR(pg_catalog.=) s.classid
										   AND o.objid OPERATOR(pg_catalog.=) s.objid);
	IF planted IS NOT NULL THEN
		RAISE EXCEPTION 'schema % holds objects that are not part of extension giar',
			ext_schema::pg_catalog.regnamespace
			USING ERRCODE = 'object_not_in_prerequisite_state',
				  DETAIL = pg_catalog.concat('Not made by giar (', pg_catalog.cardinality(planted), '): ',
					  pg_catalog.array_to_string(planted[1:10], ', '),
					  CASE WHEN pg_catalog.cardinality(planted) OPERATOR(pg_catalog.>) 10
						   THEN pg_catalog.concat(' and ', pg_catalog.cardinality(planted) OPERATOR(pg_catalog.-) 10, ' more') END, '.'),
				  HINT = 'giar makes and keeps its own schema: drop or move these objects, then run the command again.';
	END IF;
	EXECUTE pg_catalog.format('ALTER SCHEMA %s OWNER TO CURRENT_USER', ext_schema::pg_catalog.regnamespace);
END
$guard$;

--
-- Versions: which parser and libraries made a report
--

ALTER TYPE @extschema@.report ADD ATTRIBUTE libraries text;
COMMENT ON COLUMN @extschema@.report.libraries IS
	'ICU (with its Unicode version) and libxml2 versions the report was parsed with; NULL in reports parsed before giar 1.2';

CREATE FUNCTION @extschema@.is_stale(report @extschema@.report)
RETURNS boolean
AS 'MODULE_PATHNAME', 'giar_is_stale'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_stale(@extschema@.report) IS
	'True when the report was parsed by another parser version, or with other ICU or libxml2 versions, than this server''s giar.version(): parsing its text again may give another report, so re-parse it and REINDEX expression indexes on giar.parse_report';

CREATE VIEW @extschema@.documents_stale WITH (security_invoker = true) AS
SELECT doc.id AS document_id, doc.agency_key, (doc.report).agency AS agency,
	(doc.report).year AS year, (doc.report).parser_version AS parser_version,
	(doc.report).libraries AS libraries
FROM @extschema@.documents doc
WHERE @extschema@.is_stale(doc.report);
COMMENT ON VIEW @extschema@.documents_stale IS
	'Documents whose stored report came from another parser version or other ICU or libxml2 versions than this server runs; UPDATE giar.documents SET body = body WHERE giar.is_stale(report) parses them again';
GRANT SELECT ON @extschema@.documents_stale TO PUBLIC;

--
-- Part 六's fee table (信息处理费收取情况), where a report prints one
--

CREATE TYPE @extschema@.t6_fee AS (
	notices bigint,
	notified_yuan numeric,
	collected_yuan numeric
);
COMMENT ON TYPE @extschema@.t6_fee IS
	'The fee row of part 六: 通知收取件数, 通知收取金额（元）, 实际收取金额（元）';

CREATE TYPE @extschema@.table6 AS (
	processing_fee @extschema@.t6_fee
);
COMMENT ON TYPE @extschema@.table6 IS
	'Part 六''s fee table (信息处理费收取情况), printed by some provinces since the 2023 reports; NULL cells where a report states the fee in prose only (narrative.processing_fee_yuan)';

ALTER TYPE @extschema@.report ADD ATTRIBUTE t6 @extschema@.table6;
COMMENT ON COLUMN @extschema@.report.t6 IS
	'Part 六''s fee table; NULL cells when the report prints none, and in reports parsed before giar 1.2';

-- The catalogues as this version's parser and checker hold them: the
-- dictionary gains the fee table's keys, the rules its checks.
DELETE FROM @extschema@.dictionary;
INSERT INTO @extschema@.dictionary SELECT * FROM @extschema@.dictionary_entries();
DELETE FROM @extschema@.rules;
INSERT INTO @extschema@.rules SELECT * FROM @extschema@.rule_entries();

--
-- Interchange: report_from_jsonb checks every key and value, and binds
-- nothing by name when it runs (its result type is the one declared here)
--

CREATE OR REPLACE FUNCTION @extschema@.report_from_jsonb(doc jsonb)
RETURNS @extschema@.report
AS 'MODULE_PATHNAME', 'giar_report_from_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.report_from_jsonb(jsonb) IS
	'The report a flat JSON object of giar.report_to_jsonb describes; unknown keys and values a report cannot hold (a format or status the parser does not write, a negative count, a fingerprint of the wrong length …) raise an error';

-- The functions and views of 1.1 again, with every built-in named with its
-- schema: an install of 1.1 may have bound them to objects planted in its
-- schema, and the definitions made here replace whatever they bound.

CREATE OR REPLACE FUNCTION @extschema@.tidy(report @extschema@.report,
	OUT key text, OUT table_name text, OUT row_key text, OUT column_key text,
	OUT row_label text, OUT column_label text, OUT label text, OUT unit text,
	OUT derived boolean, OUT value numeric)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'giar_tidy'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 250;
COMMENT ON FUNCTION @extschema@.tidy(@extschema@.report) IS
	'One row per stated cell with its table, row, column, Chinese labels and unit, in dictionary order (the labels of the dictionary compiled into the parser, as giar.dictionary holds them)';

CREATE OR REPLACE FUNCTION @extschema@.table2(report @extschema@.report,
	OUT regulations_issued bigint,
	OUT regulations_repealed bigint,
	OUT regulations_in_force bigint,
	OUT normative_documents_issued bigint,
	OUT normative_documents_repealed bigint,
	OUT normative_documents_in_force bigint,
	OUT licensing_decisions bigint,
	OUT penalties_decisions bigint,
	OUT coercive_measures_decisions bigint,
	OUT admin_fees_amount_wan numeric,
	OUT regulations_made bigint,
	OUT regulations_published bigint,
	OUT regulations_total_published bigint,
	OUT normative_documents_made bigint,
	OUT normative_documents_published bigint,
	OUT normative_documents_total_published bigint,
	OUT licensing_items_prior_year bigint,
	OUT licensing_items_change bigint,
	OUT other_services_items_prior_year bigint,
	OUT other_services_items_change bigint,
	OUT other_services_decisions bigint,
	OUT penalties_items_prior_year bigint,
	OUT penalties_items_change bigint,
	OUT coercive_measures_items_prior_year bigint,
	OUT coercive_measures_items_change bigint,
	OUT admin_fees_items_prior_year bigint,
	OUT admin_fees_items_change bigint,
	OUT procurement_items bigint,
	OUT procurement_amount numeric)
RETURNS record
AS 'MODULE_PATHNAME', 'giar_table2'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OR REPLACE FUNCTION @extschema@.table3(report @extschema@.report,
	OUT applicant text, OUT applicant_label text,
	OUT new_requests bigint,
	OUT carried_over bigint,
	OUT disclosed bigint,
	OUT partially_disclosed bigint,
	OUT withheld_state_secret bigint,
	OUT withheld_prohibited_by_law bigint,
	OUT withheld_security_stability bigint,
	OUT withheld_third_party_rights bigint,
	OUT withheld_internal_affairs bigint,
	OUT withheld_deliberative_process bigint,
	OUT withheld_enforcement_case_file bigint,
	OUT withheld_administrative_query bigint,
	OUT unavailable_not_held bigint,
	OUT unavailable_needs_creation bigint,
	OUT unavailable_still_unclear bigint,
	OUT not_processed_complaint bigint,
	OUT not_processed_duplicate bigint,
	OUT not_processed_publication bigint,
	OUT not_processed_excessive bigint,
	OUT not_processed_confirmation bigint,
	OUT other_no_correction bigint,
	OUT other_fee_unpaid bigint,
	OUT other_other bigint,
	OUT total_handled bigint,
	OUT carried_forward bigint,
	OUT withheld bigint,
	OUT unavailable bigint,
	OUT not_processed bigint,
	OUT other_handling bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'giar_table3'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 7;

CREATE OR REPLACE FUNCTION @extschema@.table4(report @extschema@.report,
	OUT case_group text, OUT case_group_label text,
	OUT upheld bigint, OUT corrected bigint, OUT other bigint,
	OUT pending bigint, OUT total bigint)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'giar_table4'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3;

CREATE FUNCTION @extschema@.summary(report @extschema@.report,
	findings @extschema@.finding[],
	OUT year integer, OUT agency text, OUT format text, OUT published date,
	OUT parse_status text, OUT new_requests bigint, OUT carried_over bigint,
	OUT total_handled bigint, OUT disclosed bigint, OUT disclosure_rate numeric,
	OUT carried_forward bigint, OUT reviews bigint, OUT lawsuits bigint,
	OUT errors integer, OUT warnings integer, OUT is_valid boolean)
RETURNS record
AS 'MODULE_PATHNAME', 'giar_summary_findings'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.summary(@extschema@.report, @extschema@.finding[]) IS
	'One row of headline figures of a report, with the assessable errors and warnings among the findings given (the stored findings of giar.documents: nothing is checked again); NULL counts when findings is NULL';

CREATE OR REPLACE FUNCTION @extschema@.summary(report @extschema@.report,
	OUT year integer, OUT agency text, OUT format text, OUT published date,
	OUT parse_status text, OUT new_requests bigint, OUT carried_over bigint,
	OUT total_handled bigint, OUT disclosed bigint, OUT disclosure_rate numeric,
	OUT carried_forward bigint, OUT reviews bigint, OUT lawsuits bigint,
	OUT errors integer, OUT warnings integer, OUT is_valid boolean)
RETURNS record
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT s.* FROM @extschema@.summary(report, @extschema@.check_report(report)) s;
END;

CREATE OR REPLACE FUNCTION @extschema@.report_to_jsonb(report @extschema@.report)
RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
		'meta.format', report.format,
		'meta.title_year', report.title_year,
		'meta.period_year', report.period_year,
		'meta.agency', report.agency,
		'meta.published', report.published,
		'meta.index_number', report.index_number,
		'meta.parts_present', pg_catalog.to_jsonb(report.parts_present),
		'meta.parser_version', report.parser_version,
		'meta.libraries', report.libraries,
		'status.t2', report.t2_status,
		'status.t3', report.t3_status,
		'status.t4', report.t4_status,
		'format.t2', report.t2_format,
		'format.t3', report.t3_format,
		'prose.disclosed', (report.narrative).disclosed,
		'prose.partially_disclosed', (report.narrative).partially_disclosed,
		'prose.withheld', (report.narrative).withheld,
		'prose.unavailable', (report.narrative).unavailable,
		'prose.not_processed', (report.narrative).not_processed,
		'prose.other_handling', (report.narrative).other_handling,
		'prose.shares', pg_catalog.to_jsonb((report.narrative).shares),
		'fingerprint', pg_catalog.to_jsonb(report.fingerprint),
		'unreadable', pg_catalog.to_jsonb(report.unreadable),
		'diagnostics', pg_catalog.to_jsonb(report.diagnostics)))
		OPERATOR(pg_catalog.||) COALESCE((SELECT pg_catalog.jsonb_object_agg(c.key, c.value)
					 FROM @extschema@.cells(report) c
					 -- the compiled dictionary, not the table: this function is IMMUTABLE
					 JOIN @extschema@.dictionary_entries() d ON d.key OPERATOR(pg_catalog.=) c.key
					 WHERE NOT d.derived), '{}'::jsonb)
		-- the single （六）其他处理 row of the 2019 format is printed, not derived
		OPERATOR(pg_catalog.||) COALESCE((SELECT pg_catalog.jsonb_object_agg('t3.other_handling.' OPERATOR(pg_catalog.||) e.key, e.value)
					 FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb((report.t3).other_handling)) e
					 WHERE e.value OPERATOR(pg_catalog.<>) 'null'::jsonb), '{}'::jsonb);
END;

-- giar.rollup in C: the jsonb state machine of 1.1 ran in no parallel
-- worker (it had no combine function), dropped the 2019 format's single
-- （六）其他处理 row and the tables' formats, and summed past the 18 digits a
-- report holds.
DROP AGGREGATE @extschema@.rollup(@extschema@.report);
DROP FUNCTION @extschema@.rollup_step(jsonb, @extschema@.report);
DROP FUNCTION @extschema@.rollup_final(jsonb);

CREATE FUNCTION @extschema@.rollup_transition(state internal, report @extschema@.report)
RETURNS internal
AS 'MODULE_PATHNAME', 'giar_rollup_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rollup_transition(internal, @extschema@.report) IS
	'Transition function of giar.rollup: adds a report''s table cells to the state';

CREATE FUNCTION @extschema@.rollup_combine(a internal, b internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'giar_rollup_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rollup_combine(internal, internal) IS
	'Combine function of giar.rollup: the sums of two partial states (parallel workers, cluster nodes)';

CREATE FUNCTION @extschema@.rollup_serialize(state internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'giar_rollup_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rollup_serialize(internal) IS
	'Serial function of giar.rollup: the state in network byte order';

CREATE FUNCTION @extschema@.rollup_deserialize(bytes bytea, unused internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'giar_rollup_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rollup_deserialize(bytea, internal) IS
	'Deserial function of giar.rollup: a state from rollup_serialize';

CREATE FUNCTION @extschema@.rollup_final(state internal)
RETURNS @extschema@.report
AS 'MODULE_PATHNAME', 'giar_rollup_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rollup_final(internal) IS
	'Final function of giar.rollup: the summed cells as a giar.report';

CREATE AGGREGATE @extschema@.rollup(@extschema@.report) (
	SFUNC = @extschema@.rollup_transition,
	STYPE = internal,
	FINALFUNC = @extschema@.rollup_final,
	COMBINEFUNC = @extschema@.rollup_combine,
	SERIALFUNC = @extschema@.rollup_serialize,
	DESERIALFUNC = @extschema@.rollup_deserialize,
	PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.report) IS
	'Sum of reports cell by cell (tables 2, 3 and 4 and part 六''s fee table, the 2019 format''s single （六）其他处理 row included; derived subtotals follow from the sums); a cell stays absent when any report lacks it, year, format and the tables'' formats stay only when all agree; a sum of more than 18 digits raises 22003; runs in parallel workers (partial aggregation)';

CREATE OR REPLACE FUNCTION @extschema@.compare_rollup(parent @extschema@.report,
	children @extschema@.report,
	OUT key text, OUT label text, OUT parent_value numeric,
	OUT children_value numeric, OUT difference numeric)
RETURNS SETOF record
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
	SELECT k.key, d.label, p.value, c.value, p.value OPERATOR(pg_catalog.-) c.value
	FROM (SELECT x.key FROM @extschema@.cells(parent) x
		  UNION SELECT y.key FROM @extschema@.cells(children) y) k
	JOIN @extschema@.dictionary d ON d.key OPERATOR(pg_catalog.=) k.key
	LEFT JOIN @extschema@.cells(parent) p ON p.key OPERATOR(pg_catalog.=) k.key
	LEFT JOIN @extschema@.cells(children) c ON c.key OPERATOR(pg_catalog.=) k.key
	WHERE d.table_name OPERATOR(pg_catalog.=) ANY (ARRAY['t2', 't3', 't4', 't6'])
	ORDER BY d.sort_order;
END;

CREATE OR REPLACE VIEW @extschema@.documents_summary WITH (security_invoker = true) AS
SELECT doc.id AS document_id, doc.agency_key, doc.source_url, doc.fetched_at, s.*
FROM @extschema@.documents doc, @extschema@.summary(doc.report, doc.findings) s;

--
-- giar.documents keyed by agency_key as well, so that a distributed cluster
-- (Citus) can shard it by agency: its primary key must hold the shard
-- column, and a primary key's columns are NOT NULL.  A document without a
-- key has agency_key '' (the default), and pairs across years by the
-- agency its report names.  A table that holds documents without a key
-- (NULL) keeps its primary key (id) and its NULLs: setting them would
-- parse every such document again (an UPDATE recomputes the generated
-- columns); the notice says how to do it when wanted.
--

ALTER TABLE @extschema@.documents ALTER COLUMN agency_key SET DEFAULT '';
DO $key$
DECLARE
	unkeyed bigint;
BEGIN
	SELECT pg_catalog.count(*) INTO unkeyed FROM @extschema@.documents
	WHERE agency_key IS NULL;
	IF unkeyed OPERATOR(pg_catalog.=) 0 THEN
		ALTER TABLE @extschema@.documents ALTER COLUMN agency_key SET NOT NULL;
		ALTER TABLE @extschema@.documents DROP CONSTRAINT documents_pkey,
			ADD CONSTRAINT documents_pkey PRIMARY KEY (agency_key, id);
	ELSE
		RAISE NOTICE 'giar.documents keeps its primary key (id): % documents have no agency_key', unkeyed
			USING HINT = 'To shard the table by agency_key: UPDATE giar.documents SET agency_key = '''' WHERE agency_key IS NULL (this parses those documents again), then ALTER TABLE giar.documents ALTER agency_key SET NOT NULL, DROP CONSTRAINT documents_pkey, ADD PRIMARY KEY (agency_key, id).';
	END IF;
END
$key$;
COMMENT ON COLUMN @extschema@.documents.agency_key IS
	'The caller''s key for the publishing body: pairs reports across years alone where set, and shards the table on a distributed cluster; '''' (the default) when none, and the parsed agency name pairs them';
-- the texts stored, by their md5: giar load stores no text twice
CREATE INDEX documents_body_md5 ON @extschema@.documents (md5(body));
DROP INDEX @extschema@.documents_agency_year;
CREATE INDEX documents_agency_year ON @extschema@.documents
	(COALESCE(NULLIF(agency_key, ''), (report).agency), ((report).year));

-- The views read a document's agency, year and format once (a LATERAL
-- subquery kept apart by OFFSET 0), not once for each of its rows: every
-- field of a stored report read on its own decompresses the whole report.
CREATE OR REPLACE VIEW @extschema@.documents_tidy WITH (security_invoker = true) AS
SELECT doc.id AS document_id, doc.agency_key, h.agency, h.year, h.format, t.*
FROM @extschema@.documents doc
	CROSS JOIN LATERAL (SELECT (doc.report).agency AS agency, (doc.report).year AS year,
			(doc.report).format AS format OFFSET 0) h
	CROSS JOIN LATERAL @extschema@.tidy(doc.report) t;

CREATE OR REPLACE VIEW @extschema@.documents_table2 WITH (security_invoker = true) AS
SELECT doc.id AS document_id, h.agency, h.year, h.format, t.*
FROM @extschema@.documents doc
	CROSS JOIN LATERAL (SELECT (doc.report).agency AS agency, (doc.report).year AS year,
			(doc.report).format AS format, (doc.report).t2_status AS t2_status OFFSET 0) h
	CROSS JOIN LATERAL @extschema@.table2(doc.report) t
WHERE h.t2_status OPERATOR(pg_catalog.=) ANY (ARRAY['parsed', 'partial']);

CREATE OR REPLACE VIEW @extschema@.documents_table3 WITH (security_invoker = true) AS
SELECT doc.id AS document_id, h.agency, h.year, h.format, t.*
FROM @extschema@.documents doc
	CROSS JOIN LATERAL (SELECT (doc.report).agency AS agency, (doc.report).year AS year,
			(doc.report).format AS format OFFSET 0) h
	CROSS JOIN LATERAL @extschema@.table3(doc.report) t;

CREATE OR REPLACE VIEW @extschema@.documents_table4 WITH (security_invoker = true) AS
SELECT doc.id AS document_id, h.agency, h.year, h.format, t.*
FROM @extschema@.documents doc
	CROSS JOIN LATERAL (SELECT (doc.report).agency AS agency, (doc.report).year AS year,
			(doc.report).format AS format OFFSET 0) h
	CROSS JOIN LATERAL @extschema@.table4(doc.report) t;

CREATE OR REPLACE VIEW @extschema@.documents_findings WITH (security_invoker = true) AS
SELECT doc.id AS document_id, h.agency, h.year,
	f.rule_id, f.severity, f.assessable, f.message, f.description, f.cells,
	f.expected, f.actual
FROM @extschema@.documents doc
	CROSS JOIN LATERAL (SELECT (doc.report).agency AS agency, (doc.report).year AS year OFFSET 0) h
	CROSS JOIN LATERAL pg_catalog.unnest(doc.findings) f;

-- Pairs of an agency's reports of consecutive years.  Where the caller's
-- agency_key is set, it alone pairs them: a plain equality on the column a
-- distributed cluster shards by, so the join runs within each shard.
-- Documents without a key ('', or NULL in a table kept from 1.1) pair by
-- the agency their report names.
CREATE OR REPLACE VIEW @extschema@.documents_sequence WITH (security_invoker = true) AS
SELECT cur.id AS document_id, prev.id AS previous_document_id,
	COALESCE(NULLIF(cur.agency_key, ''), (cur.report).agency) AS agency,
	(cur.report).year AS year, (prev.report).year AS previous_year,
	f.rule_id, f.severity, f.assessable, f.message, f.description, f.cells,
	f.expected, f.actual
FROM @extschema@.documents cur
JOIN @extschema@.documents prev
  ON prev.agency_key OPERATOR(pg_catalog.=) cur.agency_key
 AND (cur.agency_key OPERATOR(pg_catalog.<>) ''
	  OR (prev.report).agency OPERATOR(pg_catalog.=) (cur.report).agency)
 AND (prev.report).year OPERATOR(pg_catalog.=) ((cur.report).year OPERATOR(pg_catalog.-) 1)
LEFT JOIN LATERAL pg_catalog.unnest(@extschema@.check_sequence(prev.report, cur.report)) f ON true
UNION ALL
SELECT cur.id AS document_id, prev.id AS previous_document_id,
	COALESCE(NULLIF(cur.agency_key, ''), (cur.report).agency) AS agency,
	(cur.report).year AS year, (prev.report).year AS previous_year,
	f.rule_id, f.severity, f.assessable, f.message, f.description, f.cells,
	f.expected, f.actual
FROM @extschema@.documents cur
JOIN @extschema@.documents prev
  ON cur.agency_key IS NULL AND prev.agency_key IS NULL
 AND (prev.report).agency OPERATOR(pg_catalog.=) (cur.report).agency
 AND (prev.report).year OPERATOR(pg_catalog.=) ((cur.report).year OPERATOR(pg_catalog.-) 1)
LEFT JOIN LATERAL pg_catalog.unnest(@extschema@.check_sequence(prev.report, cur.report)) f ON true;

