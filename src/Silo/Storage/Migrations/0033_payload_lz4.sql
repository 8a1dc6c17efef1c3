-- A trace's or observation's input, output and metadata, and the merge state in `fields`, are often past PostgreSQL's
-- 2 KB TOAST threshold, so every insert compresses them. lz4 takes about a third less time than the default pglz on
-- LLM text and compresses it at least as well (docs/benchmarks.md, round 13); the group commit's observation inserts
-- are PostgreSQL's largest cost. Values written from now on use it; those stored before stay readable as they are. A
-- server built without lz4 (or older than PostgreSQL 14, which has no per-column compression) keeps pglz.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE traces
            ALTER COLUMN input SET COMPRESSION lz4,
            ALTER COLUMN output SET COMPRESSION lz4,
            ALTER COLUMN metadata SET COMPRESSION lz4,
            ALTER COLUMN fields SET COMPRESSION lz4;
        ALTER TABLE observations
            ALTER COLUMN input SET COMPRESSION lz4,
            ALTER COLUMN output SET COMPRESSION lz4,
            ALTER COLUMN metadata SET COMPRESSION lz4,
            ALTER COLUMN fields SET COMPRESSION lz4;
    END IF;
END
$$;
