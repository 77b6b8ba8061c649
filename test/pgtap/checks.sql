--
-- Properties of the checks over every fixture report: findings as
-- expected (test/fixtures/findings.tsv), the rule catalogue, is_valid and
-- findings agreeing with check_report, and mutation coverage: each stated
-- cell of tables 3 and 4 of a balanced report changed by +1 must draw an
-- error finding that names it.
--
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off

BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS giar;

SELECT plan(22);

CREATE TEMP TABLE fixture (name text PRIMARY KEY, body text, expected text);
\! mkdir -p tmp_check && sh test/sql/load-fixtures.sh > tmp_check/pgtap-fixtures.sql
\i tmp_check/pgtap-fixtures.sql
\set findings_tsv `cat test/fixtures/findings.tsv`

CREATE TEMP TABLE checked AS
SELECT name, r AS report, giar.check_report(r) AS findings
FROM fixture, giar.parse_report(body) AS r;

-- the findings of every fixture, as reviewed
SELECT bag_eq(
    $$SELECT c.name, f.rule_id, f.severity
      FROM checked c, unnest(c.findings) f WHERE f.assessable$$,
    format($$SELECT split_part(l, E'\t', 1) AS name, split_part(l, E'\t', 2) AS rule_id,
                    split_part(l, E'\t', 3) AS severity
             FROM regexp_split_to_table(%L, E'\n') l
             WHERE l <> '' AND l NOT LIKE '#%%'$$, :'findings_tsv'),
    'every fixture gives the reviewed findings (test/fixtures/findings.tsv)');

-- the catalogue
SELECT set_eq($$SELECT id, severity, description_zh, description_en, source, across_years FROM giar.rules$$,
              $$SELECT * FROM giar.rule_entries()$$,
              'giar.rules holds the rules the checker applies');
SELECT is_empty($$SELECT f.rule_id FROM checked, unnest(findings) f
                  WHERE f.rule_id NOT IN (SELECT id FROM giar.rules)$$,
                'every finding names a rule of giar.rules');
SELECT is_empty($$SELECT f.rule_id FROM checked, unnest(findings) f JOIN giar.rules r ON r.id = f.rule_id
                  WHERE f.severity <> CASE WHEN f.assessable THEN r.severity ELSE 'info' END$$,
                'a finding has its rule''s severity, or info when not assessable');
SELECT is_empty($$SELECT f.rule_id FROM checked, unnest(findings) f JOIN giar.rules r ON r.id = f.rule_id
                  WHERE f.description IS DISTINCT FROM r.description_zh$$,
                'a finding carries its rule''s Chinese description');
SELECT is_empty($$SELECT k FROM checked, unnest(findings) f, unnest(f.cells) k
                  WHERE k NOT IN (SELECT key FROM giar.dictionary)$$,
                'every cell a finding names is a dictionary key');
SELECT is_empty($$SELECT f.rule_id FROM checked, unnest(findings) f
                  WHERE f.rule_id ~ '^T[34]_' AND f.assessable AND f.severity = 'error'
                    AND (f.expected IS NULL OR f.actual IS NULL OR f.expected = f.actual)$$,
                'an arithmetic error states the expected and the actual value, and they differ');

-- the three ways of asking agree
SELECT is_empty($$SELECT name FROM checked
                  WHERE giar.is_valid(report) IS DISTINCT FROM
                        NOT EXISTS (SELECT 1 FROM unnest(findings) f
                                    WHERE f.severity = 'error' AND f.assessable)$$,
                'is_valid is true exactly when no assessable error is found');
SELECT is_empty($$SELECT name FROM checked
                  WHERE ARRAY(SELECT f FROM giar.findings(report) f) IS DISTINCT FROM findings$$,
                'findings() returns the rows of check_report()');
SELECT is_empty($$SELECT name FROM checked
                  WHERE giar.check_report(report, '03-31') IS DISTINCT FROM findings$$,
                'the default township deadline is 03-31');

-- balanced reports: no error at all
CREATE TEMP TABLE balanced AS
SELECT * FROM checked c
WHERE (report).format IN ('2021', '2019')
  AND (report).t3_status = 'parsed'
  AND NOT EXISTS (SELECT 1 FROM unnest(c.findings) f WHERE f.severity = 'error' AND f.assessable);
SELECT cmp_ok((SELECT count(*)::integer FROM balanced), '>=', 45,
              'most fixtures are balanced reports');

-- mutation: every stated table-3 and table-4 cell of every balanced report, +1
CREATE TEMP TABLE mutation AS
SELECT b.name, c.key,
       EXISTS (SELECT 1
               FROM unnest(giar.check_report(jsonb_populate_record(NULL::giar.report,
                        jsonb_set(to_jsonb(b.report), string_to_array(c.key, '.'),
                                  to_jsonb(c.value + 1))))) f
               WHERE f.severity = 'error' AND f.assessable AND c.key = ANY (f.cells)) AS caught,
       EXISTS (SELECT 1 FROM unnest(b.findings) f
               WHERE NOT f.assessable AND c.key = ANY (f.cells)) AS in_unassessable
FROM balanced b, giar.cells(b.report) c
WHERE c.key ~ '^t[34]\.'
  AND to_jsonb(b.report) #> string_to_array(c.key, '.') IS NOT NULL
  -- the 2021 format prints three 其他处理 rows; their sum is derived
  AND NOT (c.key LIKE 't3.other_handling.%' AND (b.report).t3_format = '2021');

SELECT diag(format('mutation: %s cells of %s balanced reports +1; %s drew an error naming the cell (%s%%)',
                   count(*), count(DISTINCT name), count(*) FILTER (WHERE caught),
                   round(100.0 * count(*) FILTER (WHERE caught) / count(*), 1)))
FROM mutation;
SELECT cmp_ok((SELECT count(*)::integer FROM mutation), '>=', 5000,
              'thousands of cells mutated');
SELECT is_empty($$SELECT name, key FROM mutation WHERE NOT caught AND NOT in_unassessable$$,
                'a cell +1 draws an error naming it unless all its identities lack a cell');
SELECT cmp_ok((SELECT (count(*) FILTER (WHERE caught))::numeric / count(*) FROM mutation), '>=', 0.95::numeric,
              'at least 95% of the cells are caught (the rest sit only in identities with a blank cell)');

-- usable as a STORED generated column, next to the report
CREATE TEMP TABLE stored (
    body text,
    report giar.report GENERATED ALWAYS AS (giar.parse_report(body)) STORED,
    findings giar.finding[] GENERATED ALWAYS AS (giar.check_report(giar.parse_report(body))) STORED
);
SELECT lives_ok($$INSERT INTO stored (body) SELECT body FROM fixture$$,
                'check_report works in a STORED generated column');
SELECT is_empty($$SELECT s.body FROM stored s JOIN checked c ON c.report = s.report
                  WHERE s.findings IS DISTINCT FROM c.findings$$,
                'stored findings equal those computed on the fly');

-- read back from storage: check_report reads a report as its table keeps
-- it (compressed, its nested rows under 127 bytes with 1-byte headers) as
-- it reads a report just made; with pglz and, where the server has it, lz4
-- (fresh reports: a value already compressed keeps its method when copied)
CREATE TEMP TABLE kept_pglz (name text, report giar.report COMPRESSION pglz);
INSERT INTO kept_pglz SELECT name, giar.parse_report(body) FROM fixture;
SELECT cmp_ok((SELECT count(*)::integer FROM kept_pglz
               WHERE pg_column_compression(report) = 'pglz'), '>=', 10,
              'reports stored with pglz are kept compressed');
SELECT is_empty($$SELECT k.name FROM kept_pglz k JOIN checked c USING (name)
                  WHERE giar.check_report(k.report)::text IS DISTINCT FROM c.findings::text$$,
                'check_report reads reports stored with pglz as fresh ones');
CREATE TEMP TABLE kept_lz4 (name text, report giar.report);
SELECT CASE WHEN 'lz4' = ANY (enumvals) THEN
            lives_ok($$ALTER TABLE kept_lz4 ALTER COLUMN report SET COMPRESSION lz4;
                       INSERT INTO kept_lz4 SELECT name, giar.parse_report(body) FROM fixture;$$,
                     'reports stored with lz4')
       ELSE skip('this server has no lz4', 1) END
FROM pg_settings WHERE name = 'default_toast_compression';
SELECT CASE WHEN 'lz4' = ANY (enumvals) THEN
            cmp_ok((SELECT count(*)::integer FROM kept_lz4
                    WHERE pg_column_compression(report) = 'lz4'), '>=', 10,
                   'reports stored with lz4 are kept compressed')
       ELSE skip('this server has no lz4', 1) END
FROM pg_settings WHERE name = 'default_toast_compression';
SELECT is_empty($$SELECT k.name FROM kept_lz4 k JOIN checked c USING (name)
                  WHERE giar.check_report(k.report)::text IS DISTINCT FROM c.findings::text$$,
                'check_report reads reports stored with lz4 as fresh ones');

-- a row of bigint cells is read field by field (each at its alignment,
-- nothing stored for a NULL): rows with NULLs among their values, read by
-- giar.cells, give back every field the row holds
CREATE TEMP TABLE holes AS
SELECT report FROM checked
WHERE (report).t3.new_requests.total IS NOT NULL AND (report).t4.review.total IS NOT NULL
ORDER BY name LIMIT 1;
UPDATE holes SET report.t3.new_requests.commercial_enterprise = NULL,
                 report.t3.new_requests.social_welfare_org = NULL,
                 report.t3.carried_over = ROW(NULL, 7, NULL, NULL, 11, NULL, NULL)::giar.t3_row,
                 report.t4.review = ROW(1, NULL, NULL, 2, NULL)::giar.t4_group;
SELECT set_eq(
    $$SELECT c.key, c.value FROM holes, giar.cells(holes.report) c
      WHERE c.key ~ '^t3\.(new_requests|carried_over)\.' OR c.key ~ '^t4\.review\.'$$,
    $$SELECT 't3.new_requests.' || j.key, j.value::numeric
      FROM holes, jsonb_each_text(to_jsonb((report).t3.new_requests)) j WHERE j.value IS NOT NULL
      UNION ALL
      SELECT 't3.carried_over.' || j.key, j.value::numeric
      FROM holes, jsonb_each_text(to_jsonb((report).t3.carried_over)) j WHERE j.value IS NOT NULL
      UNION ALL
      SELECT 't4.review.' || j.key, j.value::numeric
      FROM holes, jsonb_each_text(to_jsonb((report).t4.review)) j WHERE j.value IS NOT NULL$$,
    'rows of bigint cells with NULLs among their values are read field by field');

SELECT * FROM finish();
ROLLBACK;
