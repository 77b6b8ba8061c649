-- Queries the demo runs against giar.documents once the sample reports are loaded.
\pset border 1
\pset null '∅'

\echo
\echo '== giar.documents_summary: one row per report (first 20)'
SELECT document_id AS id, left(source_url, 28) AS source, year, left(agency, 14) AS agency,
       format, parse_status, new_requests, total_handled, disclosure_rate,
       errors, warnings, is_valid
FROM giar.documents_summary ORDER BY document_id LIMIT 20;

\echo
\echo '== How the reports fare: parse status and validity'
SELECT parse_status, count(*) AS reports, count(*) FILTER (WHERE is_valid) AS valid
FROM giar.documents_summary GROUP BY parse_status ORDER BY parse_status;

\echo
\echo '== giar.documents_findings: the errors and warnings found'
SELECT document_id AS id, rule_id, severity, expected, actual, left(message, 70) AS message
FROM giar.documents_findings
WHERE assessable AND severity IN ('error', 'warning')
ORDER BY document_id, severity, rule_id;

\echo
\echo '== giar.documents_table3: table 3 of the first report, one row per applicant column'
SELECT applicant_label, new_requests, carried_over, disclosed, partially_disclosed,
       withheld, unavailable, not_processed, other_handling, total_handled, carried_forward
FROM giar.documents_table3
WHERE document_id = (SELECT min(id) FROM giar.documents);

\echo
\echo '== giar.documents_tidy: cells with their Chinese labels (table 2 of the first report)'
SELECT key, label, unit, value
FROM giar.documents_tidy
WHERE document_id = (SELECT min(id) FROM giar.documents) AND table_name = 't2';

\echo
\echo '== Diagnostics: what could not be read, and why'
SELECT d.id, d.source_url, g.severity, g.code, g.line, left(g.message, 60) AS message
FROM giar.documents d, unnest((d.report).diagnostics) g
WHERE g.severity <> 'info'
ORDER BY d.id, g.line NULLS FIRST;
