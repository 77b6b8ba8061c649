--
-- Scoring helpers shared by the regression tests: compare a giar.report
-- with a fixture's .expected text (see test/fixtures/README.md).
-- Created in pg_temp, so they vanish with the session.
--

-- The .expected file as (key, value) rows; comments and blank lines dropped.
CREATE FUNCTION pg_temp.expected_rows(expected text)
RETURNS TABLE (key text, value text)
LANGUAGE sql IMMUTABLE AS $$
	SELECT split_part(l, E'\t', 1),
	       btrim(regexp_replace(split_part(l, E'\t', 2), '\s+#.*$', ''))
	FROM regexp_split_to_table(expected, E'\n') AS l
	WHERE l !~ '^\s*(#|$)' AND position(E'\t' IN l) > 0
$$;

-- Cells that differ from the expected ones (derived subtotals excluded).
CREATE FUNCTION pg_temp.score_details(r giar.report, expected text)
RETURNS TABLE (key text, outcome text, got numeric, want numeric)
LANGUAGE sql IMMUTABLE AS $$
	WITH want AS (
		SELECT e.key, e.value::numeric AS value
		FROM pg_temp.expected_rows(expected) e
		WHERE e.key ~ '^(t[2346]|n)\.'
	), maybe AS (
		SELECT e.value AS key FROM pg_temp.expected_rows(expected) e WHERE e.key = 'maybe'
	), got AS (
		SELECT c.key, c.value, d.derived
		FROM giar.cells(r) c
		JOIN giar.dictionary d USING (key)
		WHERE d.table_name <> 'meta'
	)
	SELECT coalesce(w.key, g.key),
	       CASE WHEN g.key IS NULL THEN 'missing'
	            WHEN w.key IS NULL THEN 'spurious'
	            ELSE 'wrong' END,
	       g.value, w.value
	FROM want w FULL JOIN got g USING (key)
	WHERE (g.key IS NULL OR (w.key IS NULL AND NOT g.derived) OR g.value <> w.value)
	  AND coalesce(w.key, g.key) NOT IN (SELECT key FROM maybe)
$$;

CREATE FUNCTION pg_temp.score(name text, r giar.report, expected text)
RETURNS TABLE (fixture text, format text, year integer, t2 text, t3 text, t4 text,
               meta_ok boolean, cells integer, wrong integer, missing integer,
               spurious integer, diagnostics_ok boolean)
LANGUAGE sql IMMUTABLE AS $$
	WITH e AS (SELECT * FROM pg_temp.expected_rows(expected)),
	d AS (SELECT * FROM pg_temp.score_details(r, expected))
	SELECT name, r.format, r.year, r.t2_status, r.t3_status, r.t4_status,
	       (SELECT bool_and(CASE e.key
	            WHEN 'meta.format' THEN e.value = r.format
	            WHEN 'meta.year' THEN e.value = coalesce(r.year::text, '-')
	            WHEN 'meta.agency' THEN e.value = '-' OR e.value = r.agency
	            WHEN 'meta.published' THEN e.value = coalesce(to_char(r.published, 'YYYY-MM-DD'), '-')
	            WHEN 'meta.index_number' THEN e.value = coalesce(r.index_number, '-')
	            WHEN 'status.t2' THEN e.value = r.t2_status
	            WHEN 'status.t3' THEN e.value = r.t3_status
	            WHEN 'status.t4' THEN e.value = r.t4_status
	            ELSE true END) FROM e),
	       (SELECT count(*)::integer FROM giar.cells(r) c JOIN giar.dictionary USING (key)
	        WHERE table_name <> 'meta' AND (NOT derived OR key IN (SELECT e.key FROM e))),
	       (SELECT count(*)::integer FROM d WHERE outcome = 'wrong'),
	       (SELECT count(*)::integer FROM d WHERE outcome = 'missing'),
	       (SELECT count(*)::integer FROM d WHERE outcome = 'spurious'),
	       (SELECT coalesce(bool_and(e.value IN (SELECT (x).code FROM unnest(r.diagnostics) x)), true)
	        FROM e WHERE e.key = 'diag')
$$;
