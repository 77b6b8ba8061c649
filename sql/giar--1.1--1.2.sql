-- giar 1.1 -> 1.2: report_from_jsonb in C.

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION giar UPDATE TO '1.2'" to load this file. \quit

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
