-- Queries the demo runs against the reports table it has loaded.
\pset border 1
\pset null '∅'

\echo
\echo '== What was read: format, year, agency, table status (one row per report)'
SELECT source,
       (report).format,
       (report).year,
       left((report).agency, 18) AS agency,
       (report).t2_status AS t2, (report).t3_status AS t3, (report).t4_status AS t4,
       cardinality((report).diagnostics) AS diagnostics
FROM reports ORDER BY source;

\echo
\echo '== Applications: new, carried over, handled, carried forward (table 3 totals) and the prose figures'
SELECT source,
       (report).t3.new_requests.total     AS new_requests,
       (report).t3.carried_over.total     AS carried_over,
       (report).t3.total_handled.total    AS handled,
       (report).t3.carried_forward.total  AS carried_forward,
       (report).narrative.new_requests    AS prose_new,
       (report).narrative.total_handled   AS prose_handled
FROM reports ORDER BY source;

\echo
\echo '== Every cell of one report, with its Chinese label (giar.cells joined to giar.dictionary)'
SELECT c.key, d.label, c.value
FROM reports r, giar.cells(r.report) c
JOIN giar.dictionary d USING (key)
WHERE r.id = (SELECT min(id) FROM reports)
  AND (c.key LIKE 't2.%' OR c.key LIKE 't4.review.%')
ORDER BY d.sort_order;

\echo
\echo '== Diagnostics: what could not be read, and why'
SELECT r.source, d.severity, d.code, d.line, left(d.message, 70) AS message
FROM reports r, unnest((r.report).diagnostics) d
WHERE d.severity <> 'info'
ORDER BY r.source, d.line NULLS FIRST;
