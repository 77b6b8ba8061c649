--
-- check_report, findings, is_valid, check_sequence and the rule catalogue:
-- every rule firing and not firing, on a balanced fixture changed one field
-- at a time, and the errors of bad arguments.
--
\set ON_ERROR_STOP 0
\pset null '∅'

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! sh test/sql/load-fixtures.sh > results/checks-fixtures.sql
\set ECHO none
\i results/checks-fixtures.sql
\set ECHO all

-- the catalogue
SELECT id, severity, across_years, source FROM giar.rules ORDER BY across_years, id;

-- a balanced 2021 report of a provincial department (its 规章 are worth a note)
CREATE TEMP TABLE base AS
SELECT giar.parse_report(body) AS r FROM fixture WHERE name = '01_pipe_rows';
SELECT rule_id, severity, assessable, message, cells FROM base, giar.findings(r);
SELECT giar.is_valid(r) FROM base;

-- One change at a time: paths in the report's JSON form, new values.
CREATE FUNCTION pg_temp.apply(r giar.report, changes jsonb)
RETURNS giar.report LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    doc jsonb := to_jsonb(r);
    k text;
BEGIN
    FOR k IN SELECT jsonb_object_keys(changes) LOOP
        doc := jsonb_set(doc, string_to_array(k, '.'), changes -> k);
    END LOOP;
    RETURN jsonb_populate_record(NULL::giar.report, doc);
END $$;

CREATE TEMP TABLE cases (n serial, what text, changes jsonb);
INSERT INTO cases (what, changes)
SELECT v.* FROM base, LATERAL (VALUES
  ('a row part +1', jsonb_build_object(
      't3.disclosed.natural_person', (r).t3.disclosed.natural_person + 1)),
  ('outcome column off, rows add up', jsonb_build_object(
      't3.total_handled.natural_person', (r).t3.total_handled.natural_person + 1,
      't3.total_handled.total', (r).t3.total_handled.total + 1,
      't3.carried_forward.natural_person', (r).t3.carried_forward.natural_person - 1,
      't3.carried_forward.total', (r).t3.carried_forward.total - 1)),
  ('carried forward +1 in a column and its total', jsonb_build_object(
      't3.carried_forward.natural_person', (r).t3.carried_forward.natural_person + 1,
      't3.carried_forward.total', (r).t3.carried_forward.total + 1)),
  ('table 4 part +1', jsonb_build_object('t4.review.upheld', (r).t4.review.upheld + 1)),
  ('a blank total', '{"t3.disclosed.total": null}'::jsonb),
  ('a blank part', '{"t3.disclosed.other_org": null}'),
  ('the 总计 column blank', (SELECT jsonb_object_agg('t3.' || k || '.total', NULL::integer)
                            FROM jsonb_object_keys(to_jsonb((r).t3)) k)),
  ('a negative count', '{"t2.licensing.decisions": -3}'),
  ('a fee amount with decimals', '{"t2.admin_fees.amount_wan": 12.50}'),
  ('format unknown', '{"format": "unknown"}'),
  ('part 四 missing', '{"parts_present": [1, 2, 3, 5, 6]}'),
  ('table 4 an image', '{"t4_status": "not_machine_readable"}'),
  ('统计期限 a year before the title', jsonb_build_object(
      'title_year', (r).year, 'period_year', (r).year - 1)),
  ('a 2020 report in the 2021 format',
      '{"year": 2020, "title_year": null, "period_year": null, "published": null}'),
  ('prose 新收 one more than the table', jsonb_build_object(
      'narrative.new_requests', (r).t3.new_requests.total + 1)),
  ('prose 新收 equal to the table', jsonb_build_object(
      'narrative.new_requests', (r).t3.new_requests.total)),
  ('prose 予以公开 two more than the table', jsonb_build_object(
      'narrative.disclosed', (r).t3.disclosed.total + 2)),
  ('a department published on 1 February', jsonb_build_object(
      'agency', '澄江市交通运输局', 'published', make_date((r).year + 1, 2, 1))),
  ('a government published on 31 March', jsonb_build_object(
      'agency', '澄江市人民政府', 'published', make_date((r).year + 1, 3, 31))),
  ('a government published on 1 April', jsonb_build_object(
      'agency', '澄江市人民政府', 'published', make_date((r).year + 1, 4, 1))),
  ('6 of 10 requests carried forward',
      '{"t3.new_requests.total": 10, "t3.carried_over.total": 0, "t3.carried_forward.total": 6}'),
  ('a county government''s 规章', '{"agency": "澄江县人民政府", "t2.regulations.issued": 1}'),
  ('a ministry''s 规章 (市场 is no place)',
      '{"agency": "国家市场监督管理总局", "t2.regulations.issued": 4}'),
  ('a fee of 356000 万元', '{"t2.admin_fees.amount_wan": 356000}'),
  ('unpaid fees while no fee was charged',
      '{"t3.other_fee_unpaid.total": 1, "narrative.processing_fee_yuan": 0}'),
  ('part 四 missing, a NULL in the list', '{"parts_present": [1, 2, 3, null, 5, 6]}'),
  ('every part listed twice', '{"parts_present": [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]}'),
  -- part 六's fee table (the prose of the fixture says 200元 were collected)
  ('fee table: 2 notices, 300.00 notified, 200.00 collected',
      '{"t6": {"processing_fee": {"notices": 2, "notified_yuan": 300.00, "collected_yuan": 200.00}}}'),
  ('fee table: 400 collected of 300.00 notified',
      '{"t6": {"processing_fee": {"notices": 2, "notified_yuan": 300.00, "collected_yuan": 400}}}'),
  ('fee table: no notice, 200 collected',
      '{"t6": {"processing_fee": {"notices": 0, "notified_yuan": 0, "collected_yuan": 200}}}'),
  ('fee table: 250.50 collected, the prose says 200',
      '{"t6": {"processing_fee": {"notices": 2, "notified_yuan": 300.00, "collected_yuan": 250.50}}}')
) AS v(what, changes);

-- what each change draws, beyond the base report's findings
SELECT c.n, c.what, f.rule_id, f.severity, f.assessable, f.expected, f.actual, f.message
FROM cases c, base,
     LATERAL giar.findings(pg_temp.apply(r, c.changes)) f
WHERE (f.rule_id, f.message) NOT IN (SELECT rule_id, message FROM giar.findings(r))
ORDER BY c.n, f.rule_id, f.message;

-- every single-report rule fires in some case above or in a fixture
-- (CELL_INTEGER cannot: the bigint columns of giar.report hold no fraction;
-- PERCENTAGE is shown on its own below)
SELECT id AS never_fired FROM giar.rules
WHERE NOT across_years
  AND id NOT IN (SELECT f.rule_id FROM cases c, base, giar.findings(pg_temp.apply(r, c.changes)) f
                 UNION SELECT f.rule_id FROM fixture, giar.findings(giar.parse_report(body)) f)
ORDER BY id;

-- is_valid follows the errors
SELECT c.n, giar.is_valid(pg_temp.apply(r, c.changes)) AS valid
FROM cases c, base ORDER BY c.n;

-- a share of the outcomes printed in the prose, as parsed and as checked
SELECT name, (giar.parse_report(body)).narrative.shares FROM fixture
WHERE name = '22_pdftotext_two_page_table3';
SELECT rule_id, message FROM fixture, giar.findings(giar.parse_report(body))
WHERE name = '22_pdftotext_two_page_table3' AND rule_id = 'PERCENTAGE';
SELECT f.rule_id, f.expected, f.actual, f.message
FROM fixture, giar.parse_report(body) r,
     giar.findings(pg_temp.apply(r, jsonb_build_object('narrative.shares',
         jsonb_set(to_jsonb((r).narrative.shares), '{0,percent}',
                   to_jsonb(((r).narrative.shares)[1].percent + 3))))) f
WHERE name = '22_pdftotext_two_page_table3' AND f.rule_id = 'PERCENTAGE';

-- findings of fixtures that do not balance or are not whole
SELECT name, rule_id, severity, message
FROM fixture, giar.findings(giar.parse_report(body))
WHERE name IN ('02_markdown_table', '13_tables_as_images', '15_lookalike_enforcement',
               '31_period_year_mismatch', '49_t3_no_total_column')
  AND assessable
ORDER BY name, rule_id, message;

-- townships: the province sets the deadline
SELECT (SELECT count(*) FROM unnest(giar.check_report(t)) f
        WHERE f.rule_id = 'DEADLINE') AS late_by_default,
       (SELECT count(*) FROM unnest(giar.check_report(t, '03-15')) f
        WHERE f.rule_id = 'DEADLINE') AS late_by_15_march
FROM base, pg_temp.apply(r, jsonb_build_object(
         'agency', '澄江县青石镇人民政府', 'published', make_date((r).year + 1, 3, 20))) t;

-- across years: last year's report derived from this one
CREATE TEMP TABLE pair AS
SELECT pg_temp.apply(r, jsonb_build_object(
           'year', (r).year - 1,
           't3.carried_forward', to_jsonb((r).t3.carried_over),
           't2.regulations.in_force', (r).t2.regulations.in_force - (r).t2.regulations.issued + (r).t2.regulations.repealed,
           't2.normative_documents.in_force', (r).t2.normative_documents.in_force - (r).t2.normative_documents.issued + (r).t2.normative_documents.repealed,
           'fingerprint', NULL)) AS prev,
       r AS cur
FROM base;
SELECT 'consistent' AS pair, f.rule_id, f.severity, f.message
FROM pair, unnest(giar.check_sequence(prev, cur)) f;
SELECT 'carry-over 2 short' AS pair, f.rule_id, f.severity, f.expected, f.actual, f.cells
FROM pair, unnest(giar.check_sequence(
         pg_temp.apply(prev, jsonb_build_object('t3.carried_forward.natural_person', (prev).t3.carried_forward.natural_person + 2,
                                                't3.carried_forward.total', (prev).t3.carried_forward.total + 2)),
         cur)) f;
SELECT 'in force 5 off' AS pair, f.rule_id, f.severity, f.expected, f.actual, f.message
FROM pair, unnest(giar.check_sequence(
         pg_temp.apply(prev, jsonb_build_object('t2.normative_documents.in_force', (prev).t2.normative_documents.in_force + 5)),
         cur)) f;
SELECT 'the same report twice' AS pair, f.rule_id, f.severity, f.message
FROM base, unnest(giar.check_sequence(pg_temp.apply(r, jsonb_build_object('year', (r).year - 1)), r)) f;
SELECT 'the same report twice, a bin of one fingerprint NULL' AS pair, f.rule_id, f.severity, f.message
FROM base, unnest(giar.check_sequence(pg_temp.apply(r, jsonb_build_object(
         'year', (r).year - 1,
         'fingerprint', jsonb_set(to_jsonb((r).fingerprint), '{0}', 'null'))), r)) f;
SELECT 'two years apart' AS pair, f.rule_id, f.severity, f.assessable, f.message
FROM base, unnest(giar.check_sequence(pg_temp.apply(r, jsonb_build_object('year', (r).year - 2)), r)) f;
SELECT '2019 format: items as last year, licensing one over' AS pair, f.rule_id, f.severity, f.expected, f.actual, f.cells
FROM fixture, giar.parse_report(body) p,
     unnest(giar.check_sequence(p, pg_temp.apply(p, jsonb_build_object(
         'year', (p).year + 1,
         't2.licensing.items_prior_year', (p).t2.licensing.items_prior_year + (p).t2.licensing.items_change + 1)))) f
WHERE name = '14_format_2019' AND f.rule_id = 'SEQ_ITEMS';

-- NULL in, NULL out (STRICT); bad arguments raise
SELECT giar.check_report(NULL) IS NULL AS null_report,
       giar.is_valid(NULL) IS NULL AS null_valid,
       giar.check_sequence(NULL, r) IS NULL AS null_previous
FROM base;
SELECT giar.check_report(r, '02-30') FROM base;
SELECT giar.check_report(r, 'March 31') FROM base;
\set VERBOSITY sqlstate
SELECT giar.check_report(r, '13-01') FROM base;
\set VERBOSITY default
