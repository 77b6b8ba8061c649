/* giar--1.0.sql: government information disclosure annual reports */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION giar" to load this file. \quit

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
-- Types.  The composite giar.report mirrors the data dictionary: the path
-- of each leaf attribute (t3.new_requests.total, narrative.review_total)
-- is a dictionary key's field.  A cell the text does not state is NULL.
--

CREATE TYPE @extschema@.diagnostic AS (
	code text,
	severity text,
	message text,
	line integer
);
COMMENT ON TYPE @extschema@.diagnostic IS
	'Why part of a report could not be read: a stable code, a severity (error, warning, info), a message and the input line';

CREATE TYPE @extschema@.t2_documents AS (
	issued bigint,
	repealed bigint,
	in_force bigint,
	made bigint,
	published bigint,
	total_published bigint
);
COMMENT ON TYPE @extschema@.t2_documents IS
	'Table 2 rows 规章 and (行政)规范性文件: 2021 format 本年制发/本年废止/现行有效; 2019 format 本年新制作/本年新公开/对外公开总数量';

CREATE TYPE @extschema@.t2_matters AS (
	decisions bigint,
	items_prior_year bigint,
	items_change bigint
);
COMMENT ON TYPE @extschema@.t2_matters IS
	'Table 2 rows 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制: 处理决定数量; 2019 format also 上一年项目数量 and 本年增/减';

CREATE TYPE @extschema@.t2_fees AS (
	amount_wan numeric,
	items_prior_year bigint,
	items_change bigint
);
COMMENT ON TYPE @extschema@.t2_fees IS
	'Table 2 row 行政事业性收费: 2021 format 本年收费金额 (万元); 2019 format 上一年项目数量 and 本年增/减';

CREATE TYPE @extschema@.t2_procurement AS (
	items bigint,
	amount numeric
);
COMMENT ON TYPE @extschema@.t2_procurement IS
	'Table 2 row 政府集中采购 (2019 format): 采购项目数量 and 采购总金额 as written';

CREATE TYPE @extschema@.table2 AS (
	regulations @extschema@.t2_documents,
	normative_documents @extschema@.t2_documents,
	licensing @extschema@.t2_matters,
	other_services @extschema@.t2_matters,
	penalties @extschema@.t2_matters,
	coercive_measures @extschema@.t2_matters,
	admin_fees @extschema@.t2_fees,
	procurement @extschema@.t2_procurement
);
COMMENT ON TYPE @extschema@.table2 IS
	'Table 2 (主动公开政府信息情况) of the 2021 and the 2019 formats';

CREATE TYPE @extschema@.t3_row AS (
	natural_person bigint,
	commercial_enterprise bigint,
	research_institution bigint,
	social_welfare_org bigint,
	legal_service_org bigint,
	other_org bigint,
	total bigint
);
COMMENT ON TYPE @extschema@.t3_row IS
	'One row of table 3 by applicant: 自然人, 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), 总计';

CREATE TYPE @extschema@.table3 AS (
	new_requests @extschema@.t3_row,
	carried_over @extschema@.t3_row,
	disclosed @extschema@.t3_row,
	partially_disclosed @extschema@.t3_row,
	withheld_state_secret @extschema@.t3_row,
	withheld_prohibited_by_law @extschema@.t3_row,
	withheld_security_stability @extschema@.t3_row,
	withheld_third_party_rights @extschema@.t3_row,
	withheld_internal_affairs @extschema@.t3_row,
	withheld_deliberative_process @extschema@.t3_row,
	withheld_enforcement_case_file @extschema@.t3_row,
	withheld_administrative_query @extschema@.t3_row,
	unavailable_not_held @extschema@.t3_row,
	unavailable_needs_creation @extschema@.t3_row,
	unavailable_still_unclear @extschema@.t3_row,
	not_processed_complaint @extschema@.t3_row,
	not_processed_duplicate @extschema@.t3_row,
	not_processed_publication @extschema@.t3_row,
	not_processed_excessive @extschema@.t3_row,
	not_processed_confirmation @extschema@.t3_row,
	other_no_correction @extschema@.t3_row,
	other_fee_unpaid @extschema@.t3_row,
	other_other @extschema@.t3_row,
	total_handled @extschema@.t3_row,
	carried_forward @extschema@.t3_row,
	other_handling @extschema@.t3_row
);
COMMENT ON TYPE @extschema@.table3 IS
	'Table 3 (收到和处理政府信息公开申请情况), rows in printed order; other_handling is the 2019 format''s single （六）其他处理 row';

CREATE TYPE @extschema@.t4_group AS (
	upheld bigint,
	corrected bigint,
	other bigint,
	pending bigint,
	total bigint
);
COMMENT ON TYPE @extschema@.t4_group IS
	'One group of table 4: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计';

CREATE TYPE @extschema@.table4 AS (
	review @extschema@.t4_group,
	litigation_direct @extschema@.t4_group,
	litigation_after_review @extschema@.t4_group
);
COMMENT ON TYPE @extschema@.table4 IS
	'Table 4 (行政复议、行政诉讼情况): 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉';

CREATE TYPE @extschema@.share AS (
	outcome text,
	count bigint,
	percent numeric,
	line integer
);
COMMENT ON TYPE @extschema@.share IS
	'A share the prose gives of an outcome of requests ("予以公开3件，占5.1%"): outcome, count, percent as printed, input line';

CREATE TYPE @extschema@.narrative AS (
	new_requests bigint,
	carried_over bigint,
	total_handled bigint,
	carried_forward bigint,
	review_total bigint,
	litigation_total bigint,
	processing_fee_yuan numeric,
	disclosed bigint,
	partially_disclosed bigint,
	withheld bigint,
	unavailable bigint,
	not_processed bigint,
	other_handling bigint,
	shares @extschema@.share[]
);
COMMENT ON TYPE @extschema@.narrative IS
	'Figures quoted in the prose of parts 一 and 六, kept apart from the tables so that they can be compared: requests, cases, the fee, the outcomes (予以公开 … 其他处理) and their printed shares';

CREATE TYPE @extschema@.report AS (
	format text,
	year integer,
	title_year integer,
	period_year integer,
	agency text,
	published date,
	index_number text,
	parts_present integer[],
	t2_status text,
	t3_status text,
	t4_status text,
	t2_format text,
	t3_format text,
	t2 @extschema@.table2,
	t3 @extschema@.table3,
	t4 @extschema@.table4,
	narrative @extschema@.narrative,
	diagnostics @extschema@.diagnostic[],
	parser_version text,
	fingerprint integer[],
	unreadable text[]
);
COMMENT ON TYPE @extschema@.report IS
	'A parsed 政府信息公开工作年度报告: format (2021, 2019, legacy, unknown), statistics year, agency, dates, every table cell (NULL when not stated), narrative figures, table status, diagnostics, and a signature of the prose for year-on-year comparison';

CREATE TYPE @extschema@.finding AS (
	rule_id text,
	severity text,
	message text,
	description text,
	cells text[],
	expected numeric,
	actual numeric,
	assessable boolean
);
COMMENT ON TYPE @extschema@.finding IS
	'What a rule of giar.rules finds in a report: rule, severity (error, warning, info), message with the figures, the rule''s Chinese description, the keys of the cells involved, expected and actual values of arithmetic rules, and whether the rule could be assessed';

--
-- Functions
--

CREATE FUNCTION @extschema@.parse_report(body text, strict boolean DEFAULT false)
RETURNS @extschema@.report
AS 'MODULE_PATHNAME', 'giar_parse_report'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.parse_report(text, boolean) IS
	'Parse report text (plain text or HTML) into giar.report; never fails on bad text (diagnostics say what could not be read) unless strict is true';

CREATE FUNCTION @extschema@.cells(report @extschema@.report)
RETURNS TABLE (key text, value numeric)
AS 'MODULE_PATHNAME', 'giar_cells'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 250;
COMMENT ON FUNCTION @extschema@.cells(@extschema@.report) IS
	'One row per cell the report states, keyed as in giar.dictionary, with meta.year and the derived table-3 subtotals';

CREATE FUNCTION @extschema@.check_report(report @extschema@.report)
RETURNS @extschema@.finding[]
AS 'MODULE_PATHNAME', 'giar_check_report'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.check_report(@extschema@.report) IS
	'Apply every single-report rule of giar.rules: the format''s identities, structure, years, prose against tables, shares, deadline, plausibility';

CREATE FUNCTION @extschema@.check_report(report @extschema@.report,
	township_deadline text)
RETURNS @extschema@.finding[]
AS 'MODULE_PATHNAME', 'giar_check_report'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.check_report(@extschema@.report, text) IS
	'check_report with the publication deadline of townships and streets, set by provinces, as ''MM-DD'' of the following year (default 03-31)';

CREATE FUNCTION @extschema@.findings(report @extschema@.report)
RETURNS SETOF @extschema@.finding
AS 'MODULE_PATHNAME', 'giar_findings'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 20;
COMMENT ON FUNCTION @extschema@.findings(@extschema@.report) IS
	'The findings of check_report as rows';

CREATE FUNCTION @extschema@.is_valid(report @extschema@.report)
RETURNS boolean
AS 'MODULE_PATHNAME', 'giar_is_valid'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_valid(@extschema@.report) IS
	'True when check_report finds no assessable error';

CREATE FUNCTION @extschema@.check_sequence(previous @extschema@.report,
	current @extschema@.report)
RETURNS @extschema@.finding[]
AS 'MODULE_PATHNAME', 'giar_check_sequence'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.check_sequence(@extschema@.report, @extschema@.report) IS
	'Apply the across-year rules to an agency''s reports of two consecutive years: carry-over, documents in force, 2019-format item counts, identical tables, similar prose (内容雷同)';

CREATE FUNCTION @extschema@.rule_entries(
	OUT id text,
	OUT severity text,
	OUT description_zh text,
	OUT description_en text,
	OUT source text,
	OUT across_years boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'giar_rule_entries'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 30;
COMMENT ON FUNCTION @extschema@.rule_entries() IS
	'The rule catalogue compiled into the checker (the source of giar.rules)';

CREATE FUNCTION @extschema@.dictionary_entries(
	OUT key text,
	OUT table_name text,
	OUT row_key text,
	OUT column_key text,
	OUT row_label text,
	OUT column_label text,
	OUT label text,
	OUT unit text,
	OUT value_type text,
	OUT formats text[],
	OUT derived boolean,
	OUT sort_order integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'giar_dictionary_entries'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 260;
COMMENT ON FUNCTION @extschema@.dictionary_entries() IS
	'The data dictionary compiled into the parser (the source of giar.dictionary)';

CREATE FUNCTION @extschema@.diagnostic_codes(
	OUT code text,
	OUT severity text,
	OUT description text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'giar_diagnostic_codes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
ROWS 30;
COMMENT ON FUNCTION @extschema@.diagnostic_codes() IS
	'The diagnostic codes a report can carry, with their severity and meaning';

CREATE FUNCTION @extschema@.normalize_text(body text)
RETURNS text
AS 'MODULE_PATHNAME', 'giar_normalize_text'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.normalize_text(text) IS
	'The text as the parser reads it: HTML rendered to lines, NFKC-normalised, pinyin annotations removed, traditional script converted';

CREATE FUNCTION @extschema@.version()
RETURNS text
AS 'MODULE_PATHNAME', 'giar_version'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.version() IS
	'Parser version and the ICU and libxml2 versions it runs with; reports parsed under other library versions may differ (re-parse after upgrades)';

--
-- The data dictionary as a table, for labels in views and BI tools
--

CREATE TABLE @extschema@.dictionary (
	key text PRIMARY KEY,
	table_name text NOT NULL,
	row_key text NOT NULL,
	column_key text,
	row_label text NOT NULL,
	column_label text,
	label text NOT NULL,
	unit text,
	value_type text NOT NULL,
	formats text[] NOT NULL,
	derived boolean NOT NULL,
	sort_order integer NOT NULL UNIQUE
);
COMMENT ON TABLE @extschema@.dictionary IS
	'Canonical keys of every cell giar.cells() emits, with Chinese labels, unit and value type';

INSERT INTO @extschema@.dictionary
SELECT * FROM @extschema@.dictionary_entries();

--
-- The rule catalogue as a table
--

CREATE TABLE @extschema@.rules (
	id text PRIMARY KEY,
	severity text NOT NULL CHECK (severity OPERATOR(pg_catalog.=) ANY (ARRAY['error', 'warning', 'info'])),
	description_zh text NOT NULL,
	description_en text NOT NULL,
	source text NOT NULL,
	across_years boolean NOT NULL
);
COMMENT ON TABLE @extschema@.rules IS
	'Every rule check_report and check_sequence apply, with its severity, description and source';

INSERT INTO @extschema@.rules
SELECT * FROM @extschema@.rule_entries();

GRANT USAGE ON SCHEMA @extschema@ TO PUBLIC;
GRANT SELECT ON @extschema@.dictionary TO PUBLIC;
GRANT SELECT ON @extschema@.rules TO PUBLIC;
