--
-- The catalog contract of giar: schema, types, functions and their
-- markings (volatility, strictness, parallel safety, security, comments),
-- the control file's promises and the data dictionary's completeness.
--
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS giar;

SELECT plan(77);

-- extension and schema
SELECT has_extension('giar');
SELECT has_schema('giar');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'giar'),
          'giar', 'the extension lives in schema giar');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'giar'),
          false, 'giar is not relocatable');
SELECT is((SELECT trusted FROM pg_available_extension_versions
           WHERE name = 'giar' AND version = '1.0'),
          true, 'giar is trusted: a database owner can install it');

-- composite types
SELECT has_composite('giar', t, 'composite giar.' || t)
FROM unnest(ARRAY['report', 'diagnostic', 'table2', 't2_documents', 't2_matters',
                  't2_fees', 't2_procurement', 'table3', 't3_row', 'table4',
                  't4_group', 'table6', 't6_fee', 'narrative']) AS t;

SELECT results_eq(
	$$SELECT attname::text COLLATE "default", format_type(atttypid, atttypmod)
	  FROM pg_attribute WHERE attrelid = 'giar.report'::regclass AND attnum > 0
	  ORDER BY attnum$$,
	$$VALUES ('format', 'text'), ('year', 'integer'), ('title_year', 'integer'),
	         ('period_year', 'integer'), ('agency', 'text'), ('published', 'date'),
	         ('index_number', 'text'), ('parts_present', 'integer[]'),
	         ('t2_status', 'text'), ('t3_status', 'text'), ('t4_status', 'text'),
	         ('t2_format', 'text'), ('t3_format', 'text'),
	         ('t2', 'giar.table2'), ('t3', 'giar.table3'), ('t4', 'giar.table4'),
	         ('narrative', 'giar.narrative'), ('diagnostics', 'giar.diagnostic[]'),
	         ('parser_version', 'text'), ('fingerprint', 'integer[]'),
	         ('unreadable', 'text[]'), ('libraries', 'text'), ('t6', 'giar.table6')$$,
	'giar.report has its documented attributes, in order');

SELECT results_eq(
	$$SELECT attname::text COLLATE "default", format_type(atttypid, atttypmod)
	  FROM pg_attribute WHERE attrelid = 'giar.diagnostic'::regclass AND attnum > 0
	  ORDER BY attnum$$,
	$$VALUES ('code', 'text'), ('severity', 'text'), ('message', 'text'), ('line', 'integer')$$,
	'giar.diagnostic is (code, severity, message, line)');

SELECT results_eq(
	$$SELECT attname::text COLLATE "default" FROM pg_attribute
	  WHERE attrelid = 'giar.t3_row'::regclass AND attnum > 0 ORDER BY attnum$$,
	$$VALUES ('natural_person'), ('commercial_enterprise'), ('research_institution'),
	         ('social_welfare_org'), ('legal_service_org'), ('other_org'), ('total')$$,
	'table-3 columns in the printed order of the format');

SELECT is((SELECT count(*)::integer FROM pg_attribute
           WHERE attrelid = 'giar.table3'::regclass AND attnum > 0), 26,
          'table 3: 25 rows of the 2021 format and the 2019 single （六） row');

-- no attribute is named with an SQL reserved word
SELECT is_empty(
	$$SELECT a.attrelid::regclass::text || '.' || a.attname
	  FROM pg_attribute a
	  JOIN pg_type t ON t.typrelid = a.attrelid
	  JOIN pg_get_keywords() k ON k.word = a.attname AND k.catcode = 'R'
	  WHERE t.typnamespace = 'giar'::regnamespace AND a.attnum > 0$$,
	'no attribute of a giar type is a reserved word');

-- functions: signatures, results, markings
SELECT has_function('giar', 'parse_report', ARRAY['text', 'boolean']);
SELECT function_returns('giar', 'parse_report', ARRAY['text', 'boolean'], 'giar.report');
SELECT has_function('giar', 'cells', ARRAY['giar.report']);
SELECT function_returns('giar', 'cells', ARRAY['giar.report'], 'setof record');
SELECT has_function('giar', 'dictionary_entries', ARRAY[]::text[]);
SELECT has_function('giar', 'diagnostic_codes', ARRAY[]::text[]);
SELECT volatility_is('giar', 'diagnostic_codes', ARRAY[]::text[], 'immutable');
SELECT has_function('giar', 'normalize_text', ARRAY['text']);
SELECT function_returns('giar', 'normalize_text', ARRAY['text'], 'text');
SELECT has_function('giar', 'version', ARRAY[]::text[]);

SELECT volatility_is('giar', 'parse_report', ARRAY['text', 'boolean'], 'immutable');
SELECT volatility_is('giar', 'cells', ARRAY['giar.report'], 'immutable');
SELECT volatility_is('giar', 'dictionary_entries', ARRAY[]::text[], 'immutable');
SELECT volatility_is('giar', 'normalize_text', ARRAY['text'], 'immutable');
SELECT volatility_is('giar', 'version', ARRAY[]::text[], 'stable');
SELECT is_strict('giar', 'parse_report', ARRAY['text', 'boolean']);
SELECT is_strict('giar', 'cells', ARRAY['giar.report']);
SELECT is_strict('giar', 'normalize_text', ARRAY['text']);
SELECT function_lang_is('giar', 'parse_report', ARRAY['text', 'boolean'], 'c');
SELECT function_lang_is('giar', 'cells', ARRAY['giar.report'], 'c');

SELECT is((SELECT pg_get_expr(proargdefaults, 0) FROM pg_proc
           WHERE oid = 'giar.parse_report(text, boolean)'::regprocedure),
          'false', 'parse_report(body) is lenient by default');
SELECT is((SELECT proargnames FROM pg_proc
           WHERE oid = 'giar.parse_report(text, boolean)'::regprocedure),
          ARRAY['body', 'strict'], 'parse_report arguments are named body and strict');
SELECT is((SELECT proargnames[2:3] FROM pg_proc
           WHERE oid = 'giar.cells(giar.report)'::regprocedure),
          ARRAY['key', 'value'], 'cells returns (key, value)');

SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'giar'
	  WHERE p.proparallel <> 's'$$,
	'every function is PARALLEL SAFE');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'giar'
	  WHERE p.prosecdef$$,
	'every function is SECURITY INVOKER');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'giar'
	  WHERE p.provolatile = 'i' AND p.prokind = 'f'
	    AND pg_get_functiondef(p.oid) ~ '(giar|@extschema@)\.(dictionary|rules|documents)\M'$$,
	'no IMMUTABLE function reads a table (giar.dictionary, giar.rules, giar.documents)');
SELECT volatility_is('giar', 'tidy', ARRAY['giar.report'], 'immutable');
SELECT volatility_is('giar', 'report_to_jsonb', ARRAY['giar.report'], 'immutable');
SELECT function_lang_is('giar', 'tidy', ARRAY['giar.report'], 'c');
SELECT function_lang_is('giar', 'table3', ARRAY['giar.report'], 'c');
SELECT has_function('giar', 'summary', ARRAY['giar.report', 'giar.finding[]']);
SELECT is((SELECT aggcombinefn::text || ' ' || aggserialfn::text || ' ' || aggdeserialfn::text
           FROM pg_aggregate WHERE aggfnoid = 'giar.rollup(giar.report)'::regprocedure),
          'giar.rollup_combine giar.rollup_serialize giar.rollup_deserialize',
          'giar.rollup has combine, serial and deserial functions (partial aggregation)');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'giar.rollup(giar.report)'::regprocedure),
          's', 'giar.rollup is PARALLEL SAFE');
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid
	  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'giar'
	  WHERE obj_description(p.oid, 'pg_proc') IS NULL$$,
	'every function has a COMMENT');
SELECT is_empty(
	$$SELECT t.typname::text FROM pg_type t
	  WHERE t.typnamespace = 'giar'::regnamespace AND t.typtype = 'c'
	    AND t.typrelid IN (SELECT oid FROM pg_class WHERE relkind = 'c')
	    AND obj_description(t.oid, 'pg_type') IS NULL$$,
	'every composite type has a COMMENT');
SELECT isnt(obj_description('giar.dictionary'::regclass, 'pg_class'), NULL,
            'giar.dictionary has a COMMENT');
SELECT ok(has_table_privilege('public', 'giar.dictionary', 'SELECT'),
          'everyone may read giar.dictionary');
SELECT ok(has_schema_privilege('public', 'giar', 'USAGE'),
          'everyone may use schema giar');

-- the data dictionary: exactly the keys of the specification
CREATE TEMP TABLE spec_keys (key text PRIMARY KEY);
INSERT INTO spec_keys VALUES ('meta.year'), ('meta.format'), ('meta.agency'), ('meta.published');
INSERT INTO spec_keys
SELECT 't2.' || r || '.' || c
FROM (VALUES ('regulations'), ('normative_documents')) AS rows(r),
     (VALUES ('issued'), ('repealed'), ('in_force'), ('made'), ('published'), ('total_published')) AS cols(c);
INSERT INTO spec_keys
SELECT 't2.' || r || '.' || c
FROM (VALUES ('licensing'), ('other_services'), ('penalties'), ('coercive_measures')) AS rows(r),
     (VALUES ('decisions'), ('items_prior_year'), ('items_change')) AS cols(c);
INSERT INTO spec_keys VALUES ('t2.admin_fees.amount_wan'), ('t2.admin_fees.items_prior_year'),
	('t2.admin_fees.items_change'), ('t2.procurement.items'), ('t2.procurement.amount');
INSERT INTO spec_keys
SELECT 't3.' || r || '.' || c
FROM unnest(ARRAY['new_requests', 'carried_over', 'disclosed', 'partially_disclosed',
	'withheld_state_secret', 'withheld_prohibited_by_law', 'withheld_security_stability',
	'withheld_third_party_rights', 'withheld_internal_affairs', 'withheld_deliberative_process',
	'withheld_enforcement_case_file', 'withheld_administrative_query', 'unavailable_not_held',
	'unavailable_needs_creation', 'unavailable_still_unclear', 'not_processed_complaint',
	'not_processed_duplicate', 'not_processed_publication', 'not_processed_excessive',
	'not_processed_confirmation', 'other_no_correction', 'other_fee_unpaid', 'other_other',
	'total_handled', 'carried_forward',
	'withheld', 'unavailable', 'not_processed', 'other_handling']) AS r,
     unnest(ARRAY['natural_person', 'commercial_enterprise', 'research_institution',
	'social_welfare_org', 'legal_service_org', 'other_org', 'total']) AS c;
INSERT INTO spec_keys
SELECT 't4.' || g || '.' || o
FROM unnest(ARRAY['review', 'litigation_direct', 'litigation_after_review']) AS g,
     unnest(ARRAY['upheld', 'corrected', 'other', 'pending', 'total']) AS o;
INSERT INTO spec_keys VALUES ('t6.processing_fee.notices'),
	('t6.processing_fee.notified_yuan'), ('t6.processing_fee.collected_yuan');
INSERT INTO spec_keys VALUES ('n.new_requests'), ('n.carried_over'), ('n.total_handled'),
	('n.carried_forward'), ('n.review.total'), ('n.litigation.total'), ('n.processing_fee_yuan');

SELECT set_eq('SELECT key FROM giar.dictionary', 'SELECT key FROM spec_keys',
              'giar.dictionary holds exactly the keys of the data dictionary');
SELECT set_eq('SELECT key FROM giar.dictionary_entries()', 'SELECT key FROM giar.dictionary',
              'giar.dictionary is the compiled dictionary');
SELECT is((SELECT count(*)::integer FROM giar.dictionary WHERE table_name IN ('t2', 't3', 't4')
           AND '2021' = ANY (formats) AND NOT derived AND key NOT LIKE 't3.other_handling.%'),
          200, 'the 2021 format states 200 table cells (10 + 175 + 15)');
SELECT is_empty($$SELECT key FROM giar.dictionary WHERE label IS NULL OR label = ''
                  OR row_label !~ '[一-龥]'$$,
                'every key has a Chinese label');
SELECT results_eq(
	$$SELECT DISTINCT unit FROM giar.dictionary WHERE table_name IN ('t3', 't4') ORDER BY 1$$,
	$$VALUES ('件')$$, 'table-3 and table-4 cells count 件');
SELECT is((SELECT unit FROM giar.dictionary WHERE key = 't2.admin_fees.amount_wan'),
          '万元', 'the fee is in 万元');
SELECT results_eq(
	$$SELECT key, unit, value_type FROM giar.dictionary WHERE table_name = 't6' ORDER BY sort_order$$,
	$$VALUES ('t6.processing_fee.notices', '件', 'count'),
	         ('t6.processing_fee.notified_yuan', '元', 'amount'),
	         ('t6.processing_fee.collected_yuan', '元', 'amount')$$,
	'part 六''s fee table: notices in 件, amounts in 元');
SELECT is((SELECT array_agg(key ORDER BY key) FROM giar.dictionary WHERE derived
           AND column_key = 'total'),
          ARRAY['t3.not_processed.total', 't3.other_handling.total', 't3.unavailable.total',
                't3.withheld.total'],
          'derived subtotals: withheld, unavailable, not_processed, other_handling');
SELECT is((SELECT count(DISTINCT sort_order)::integer FROM giar.dictionary),
          (SELECT count(*)::integer FROM giar.dictionary), 'sort_order is a total order');

-- composite leaves and dictionary keys are the same set (t2, t3, t4, t6)
SELECT set_eq(
	$$WITH RECURSIVE leaf(path, typid) AS (
		SELECT a.attname::text, a.atttypid
		FROM pg_attribute a
		WHERE a.attrelid = 'giar.report'::regclass AND a.attname IN ('t2', 't3', 't4', 't6')
		UNION ALL
		SELECT l.path || '.' || a.attname, a.atttypid
		FROM leaf l JOIN pg_type t ON t.oid = l.typid
		JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0
	)
	SELECT path FROM leaf l JOIN pg_type t ON t.oid = l.typid WHERE t.typrelid = 0$$,
	$$SELECT key FROM giar.dictionary WHERE table_name IN ('t2', 't3', 't4', 't6')
	  AND (NOT derived OR row_key = 'other_handling')$$,
	'every table cell of giar.report is a dictionary key and the other way round');
SELECT set_eq(
	$$SELECT 'n.' || replace(replace(attname::text, 'review_total', 'review.total'),
	                         'litigation_total', 'litigation.total')
	  FROM pg_attribute WHERE attrelid = 'giar.narrative'::regclass AND attnum > 0
	  AND attnum < (SELECT attnum FROM pg_attribute
	                WHERE attrelid = 'giar.narrative'::regclass AND attname = 'disclosed')$$,
	$$SELECT key FROM giar.dictionary WHERE table_name = 'n'$$,
	'every narrative figure of giar.report is a dictionary key');
-- the outcomes quoted in the prose are for the checks, not dictionary cells
SELECT results_eq(
	$$SELECT attname::text COLLATE "default", format_type(atttypid, atttypmod)
	  FROM pg_attribute WHERE attrelid = 'giar.narrative'::regclass
	  AND attnum >= (SELECT attnum FROM pg_attribute
	                 WHERE attrelid = 'giar.narrative'::regclass AND attname = 'disclosed')
	  ORDER BY attnum$$,
	$$VALUES ('disclosed', 'bigint'), ('partially_disclosed', 'bigint'),
	         ('withheld', 'bigint'), ('unavailable', 'bigint'),
	         ('not_processed', 'bigint'), ('other_handling', 'bigint'),
	         ('shares', 'giar.share[]')$$,
	'the prose outcomes and their printed shares follow the dictionary figures');

-- the derived columns of the shipped table use lz4 where the server has it
SELECT set_eq(
	$$SELECT attname::text FROM pg_attribute
	  WHERE attrelid = 'giar.documents'::regclass AND attcompression = 'l'$$,
	$$SELECT unnest(CASE WHEN 'lz4' = ANY (enumvals) THEN ARRAY['report', 'findings']
	                     ELSE ARRAY[]::text[] END)
	  FROM pg_settings WHERE name = 'default_toast_compression'$$,
	'giar.documents compresses report and findings with lz4 when the server supports it');

-- what the extension's views and SQL-standard function bodies were bound
-- to when they were made: functions, operators and relations of pg_catalog
-- or of giar only, so that no object of another schema stood in for a
-- built-in while they were parsed
SELECT is_empty(
	$$WITH members AS (
		SELECT d.classid, d.objid FROM pg_depend d
		WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
		  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'giar')),
	  users AS (
		SELECT 'pg_proc'::regclass AS classid, p.oid AS objid FROM pg_proc p
		JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
		WHERE p.prosqlbody IS NOT NULL
		UNION ALL
		SELECT 'pg_rewrite'::regclass, r.oid FROM pg_rewrite r
		JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = r.ev_class)
	  SELECT DISTINCT pg_describe_object(d.refclassid, d.refobjid, 0)
	  FROM users u
	  JOIN pg_depend d ON d.classid = u.classid AND d.objid = u.objid
	  LEFT JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid
	  LEFT JOIN pg_operator o ON d.refclassid = 'pg_operator'::regclass AND o.oid = d.refobjid
	  LEFT JOIN pg_class c ON d.refclassid = 'pg_class'::regclass AND c.oid = d.refobjid
	  LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid
	  WHERE COALESCE(p.pronamespace, o.oprnamespace, c.relnamespace, t.typnamespace)
	        NOT IN ('pg_catalog'::regnamespace, 'giar'::regnamespace)$$,
	'the views and SQL function bodies of giar use objects of pg_catalog and giar only');

-- and they count: the bodies are bound (SQL-standard), none resolved when run
SELECT is_empty(
	$$SELECT p.oid::regprocedure::text FROM pg_proc p
	  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
	   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'giar')
	  JOIN pg_language l ON l.oid = p.prolang
	  WHERE l.lanname NOT IN ('c', 'internal') AND p.prosqlbody IS NULL$$,
	'every function of giar is C or has an SQL-standard body (nothing looked up by name when it runs)');

SELECT * FROM finish();
ROLLBACK;
