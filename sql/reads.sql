--
-- The read side in C (tidy, table2, table3, table4, summary) against the
-- SQL definitions it replaced, kept here as the reference: the same rows,
-- in the same order, for every fixture.
--
\set ON_ERROR_STOP 0
\pset null '∅'

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! sh test/sql/load-fixtures.sh > results/reads-fixtures.sql
\set ECHO none
\i results/reads-fixtures.sql
\set ECHO all
CREATE TEMP TABLE parsed AS
SELECT name, giar.parse_report(body) AS r FROM fixture;

-- the reference: giar 1.1's SQL definitions
\set ECHO none
CREATE FUNCTION pg_temp.ref_tidy(report giar.report,
	OUT key text, OUT table_name text, OUT row_key text, OUT column_key text,
	OUT row_label text, OUT column_label text, OUT label text, OUT unit text,
	OUT derived boolean, OUT value numeric)
RETURNS SETOF record
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 250
AS $ref$
	SELECT c.key, d.table_name, d.row_key, d.column_key, d.row_label,
		d.column_label, d.label, d.unit, d.derived, c.value
	FROM giar.cells(report) c
	JOIN giar.dictionary d ON d.key OPERATOR(pg_catalog.=) c.key
	ORDER BY d.sort_order;
$ref$;

CREATE FUNCTION pg_temp.ref_table2(report giar.report,
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
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $ref$
	SELECT
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.regulations.issued')::bigint AS regulations_issued,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.regulations.repealed')::bigint AS regulations_repealed,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.regulations.in_force')::bigint AS regulations_in_force,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.normative_documents.issued')::bigint AS normative_documents_issued,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.normative_documents.repealed')::bigint AS normative_documents_repealed,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.normative_documents.in_force')::bigint AS normative_documents_in_force,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.licensing.decisions')::bigint AS licensing_decisions,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.penalties.decisions')::bigint AS penalties_decisions,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.coercive_measures.decisions')::bigint AS coercive_measures_decisions,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.admin_fees.amount_wan')::numeric AS admin_fees_amount_wan,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.regulations.made')::bigint AS regulations_made,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.regulations.published')::bigint AS regulations_published,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.regulations.total_published')::bigint AS regulations_total_published,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.normative_documents.made')::bigint AS normative_documents_made,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.normative_documents.published')::bigint AS normative_documents_published,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.normative_documents.total_published')::bigint AS normative_documents_total_published,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.licensing.items_prior_year')::bigint AS licensing_items_prior_year,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.licensing.items_change')::bigint AS licensing_items_change,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.other_services.items_prior_year')::bigint AS other_services_items_prior_year,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.other_services.items_change')::bigint AS other_services_items_change,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.other_services.decisions')::bigint AS other_services_decisions,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.penalties.items_prior_year')::bigint AS penalties_items_prior_year,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.penalties.items_change')::bigint AS penalties_items_change,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.coercive_measures.items_prior_year')::bigint AS coercive_measures_items_prior_year,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.coercive_measures.items_change')::bigint AS coercive_measures_items_change,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.admin_fees.items_prior_year')::bigint AS admin_fees_items_prior_year,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.admin_fees.items_change')::bigint AS admin_fees_items_change,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.procurement.items')::bigint AS procurement_items,
		pg_catalog.max(c.value) FILTER (WHERE c.key OPERATOR(pg_catalog.=) 't2.procurement.amount')::numeric AS procurement_amount
	FROM giar.cells(report) c;
$ref$;

CREATE FUNCTION pg_temp.ref_table3(report giar.report,
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
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 7
AS $ref$
	SELECT d.column_key, pg_catalog.min(d.column_label),
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'new_requests')::bigint AS new_requests,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'carried_over')::bigint AS carried_over,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'disclosed')::bigint AS disclosed,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'partially_disclosed')::bigint AS partially_disclosed,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_state_secret')::bigint AS withheld_state_secret,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_prohibited_by_law')::bigint AS withheld_prohibited_by_law,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_security_stability')::bigint AS withheld_security_stability,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_third_party_rights')::bigint AS withheld_third_party_rights,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_internal_affairs')::bigint AS withheld_internal_affairs,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_deliberative_process')::bigint AS withheld_deliberative_process,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_enforcement_case_file')::bigint AS withheld_enforcement_case_file,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld_administrative_query')::bigint AS withheld_administrative_query,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'unavailable_not_held')::bigint AS unavailable_not_held,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'unavailable_needs_creation')::bigint AS unavailable_needs_creation,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'unavailable_still_unclear')::bigint AS unavailable_still_unclear,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'not_processed_complaint')::bigint AS not_processed_complaint,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'not_processed_duplicate')::bigint AS not_processed_duplicate,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'not_processed_publication')::bigint AS not_processed_publication,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'not_processed_excessive')::bigint AS not_processed_excessive,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'not_processed_confirmation')::bigint AS not_processed_confirmation,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'other_no_correction')::bigint AS other_no_correction,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'other_fee_unpaid')::bigint AS other_fee_unpaid,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'other_other')::bigint AS other_other,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'total_handled')::bigint AS total_handled,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'carried_forward')::bigint AS carried_forward,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'withheld')::bigint AS withheld,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'unavailable')::bigint AS unavailable,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'not_processed')::bigint AS not_processed,
		pg_catalog.max(c.value) FILTER (WHERE d.row_key OPERATOR(pg_catalog.=) 'other_handling')::bigint AS other_handling
	FROM giar.cells(report) c
	JOIN giar.dictionary d ON d.key OPERATOR(pg_catalog.=) c.key
	WHERE d.table_name OPERATOR(pg_catalog.=) 't3'
	GROUP BY d.column_key
	ORDER BY pg_catalog.min(d.sort_order);
$ref$;

CREATE FUNCTION pg_temp.ref_table4(report giar.report,
	OUT case_group text, OUT case_group_label text,
	OUT upheld bigint, OUT corrected bigint, OUT other bigint,
	OUT pending bigint, OUT total bigint)
RETURNS SETOF record
LANGUAGE sql STABLE STRICT PARALLEL SAFE ROWS 3
AS $ref$
	SELECT d.row_key, pg_catalog.min(d.row_label),
		pg_catalog.max(c.value) FILTER (WHERE d.column_key OPERATOR(pg_catalog.=) 'upheld')::bigint,
		pg_catalog.max(c.value) FILTER (WHERE d.column_key OPERATOR(pg_catalog.=) 'corrected')::bigint,
		pg_catalog.max(c.value) FILTER (WHERE d.column_key OPERATOR(pg_catalog.=) 'other')::bigint,
		pg_catalog.max(c.value) FILTER (WHERE d.column_key OPERATOR(pg_catalog.=) 'pending')::bigint,
		pg_catalog.max(c.value) FILTER (WHERE d.column_key OPERATOR(pg_catalog.=) 'total')::bigint
	FROM giar.cells(report) c
	JOIN giar.dictionary d ON d.key OPERATOR(pg_catalog.=) c.key
	WHERE d.table_name OPERATOR(pg_catalog.=) 't4'
	GROUP BY d.row_key
	ORDER BY pg_catalog.min(d.sort_order);
$ref$;

CREATE FUNCTION pg_temp.ref_summary(report giar.report,
	OUT year integer, OUT agency text, OUT format text, OUT published date,
	OUT parse_status text, OUT new_requests bigint, OUT carried_over bigint,
	OUT total_handled bigint, OUT disclosed bigint, OUT disclosure_rate numeric,
	OUT carried_forward bigint, OUT reviews bigint, OUT lawsuits bigint,
	OUT errors integer, OUT warnings integer, OUT is_valid boolean)
RETURNS record
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $ref$
	SELECT report.year, report.agency, report.format, report.published,
		giar.parse_status(report),
		(report.t3).new_requests.total,
		(report.t3).carried_over.total,
		(report.t3).total_handled.total,
		(report.t3).disclosed.total,
		pg_catalog.round((report.t3).disclosed.total::numeric
			  OPERATOR(pg_catalog./) CASE WHEN (report.t3).total_handled.total OPERATOR(pg_catalog.<>) 0
										  THEN (report.t3).total_handled.total END, 4),
		(report.t3).carried_forward.total,
		(report.t4).review.total,
		(report.t4).litigation_direct.total OPERATOR(pg_catalog.+) (report.t4).litigation_after_review.total,
		(SELECT pg_catalog.count(*)::integer FROM pg_catalog.unnest(f.findings) x
		 WHERE x.severity OPERATOR(pg_catalog.=) 'error' AND x.assessable),
		(SELECT pg_catalog.count(*)::integer FROM pg_catalog.unnest(f.findings) x
		 WHERE x.severity OPERATOR(pg_catalog.=) 'warning' AND x.assessable),
		NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(f.findings) x
					WHERE x.severity OPERATOR(pg_catalog.=) 'error' AND x.assessable)
	FROM (SELECT giar.check_report(report) AS findings) f;
$ref$;
\set ECHO all

SELECT count(*) AS fixtures,
       count(*) FILTER (WHERE (SELECT array_agg(t) FROM giar.tidy(r) t)
                              IS DISTINCT FROM (SELECT array_agg(t) FROM pg_temp.ref_tidy(r) t)) AS tidy_differs,
       count(*) FILTER (WHERE (SELECT t FROM giar.table2(r) t)
                              IS DISTINCT FROM (SELECT t FROM pg_temp.ref_table2(r) t)) AS table2_differs,
       count(*) FILTER (WHERE (SELECT array_agg(t) FROM giar.table3(r) t)
                              IS DISTINCT FROM (SELECT array_agg(t) FROM pg_temp.ref_table3(r) t)) AS table3_differs,
       count(*) FILTER (WHERE (SELECT array_agg(t) FROM giar.table4(r) t)
                              IS DISTINCT FROM (SELECT array_agg(t) FROM pg_temp.ref_table4(r) t)) AS table4_differs,
       count(*) FILTER (WHERE (SELECT s FROM giar.summary(r) s)
                              IS DISTINCT FROM (SELECT s FROM pg_temp.ref_summary(r) s)) AS summary_differs,
       count(*) FILTER (WHERE (SELECT s FROM giar.summary(r, giar.check_report(r)) s)
                              IS DISTINCT FROM (SELECT s FROM pg_temp.ref_summary(r) s)) AS summary_findings_differs
FROM parsed;
SELECT sum((SELECT count(*) FROM giar.tidy(r))) AS tidy_rows,
       sum((SELECT count(*) FROM giar.table3(r))) AS table3_rows,
       sum((SELECT count(*) FROM giar.table4(r))) AS table4_rows
FROM parsed;

-- without findings, the counts are NULL; a NULL report gives no row
SELECT s.year, s.parse_status, s.errors, s.warnings, s.is_valid
FROM parsed, giar.summary(r, NULL) s WHERE name = '01_pipe_rows';
SELECT giar.summary(NULL, NULL) IS NULL AS no_report;

-- the read functions read no table: IMMUTABLE, and their results do not
-- change when giar.dictionary is emptied
SELECT p.proname, p.provolatile
FROM pg_proc p WHERE p.pronamespace = 'giar'::regnamespace
  AND p.proname IN ('tidy', 'table2', 'table3', 'table4', 'summary')
ORDER BY 1, 2;
BEGIN;
DELETE FROM giar.dictionary;
SELECT count(*) AS tidy_rows_without_the_table FROM parsed, giar.tidy(r) WHERE name = '01_pipe_rows';
ROLLBACK;
