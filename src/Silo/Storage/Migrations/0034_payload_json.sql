-- The input, output and metadata of traces and observations (a score's metadata), and the trace grain's merge state in
-- `fields`, are stored and read back as the JSON text they are: nothing queries inside them in SQL (the API parses what
-- it returns; `->>` works on json too). As jsonb, PostgreSQL parsed every value into its binary form on insert and
-- printed it back on every read; as json it only checks the text (docs/benchmarks.md, round 14). The text is kept as
-- sent (key order, duplicate keys), as the Langfuse SDKs' own backends keep it.
--
-- Changing a column's type rewrites the table (and its indexes) under an exclusive lock: about 33,000 rows (68 MiB) a
-- second on a 2-core box, so minutes on a large deployment, during which the node does not start. It also resets a
-- column's compression, so lz4 is set again where the server has it (0033).
DO $$
DECLARE
    lz4 constant boolean := EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals));
    tab text;
BEGIN
    FOREACH tab IN ARRAY ARRAY['traces', 'observations', 'scores'] LOOP
        -- One ALTER TABLE per table: one rewrite for all its columns.
        EXECUTE format('ALTER TABLE %I ', tab) || (
            SELECT string_agg(format('ALTER COLUMN %1$I TYPE json USING %1$I::json', col)
                              || CASE WHEN lz4 THEN format(', ALTER COLUMN %I SET COMPRESSION lz4', col) ELSE '' END, ', ')
            FROM unnest(CASE tab WHEN 'scores' THEN ARRAY['metadata', 'fields'] ELSE ARRAY['input', 'output', 'metadata', 'fields'] END) AS col);
    END LOOP;
END
$$;
