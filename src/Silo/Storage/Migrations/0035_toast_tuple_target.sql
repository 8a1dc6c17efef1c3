-- Once a row passes 2 KB, PostgreSQL compresses its values, largest first, only until the row is under the table's
-- toast_tuple_target, 2 KB by default: a trace or observation with a kilobyte-sized input and output had one compressed
-- and the other stored, and written to the WAL, whole. With a 1 KB target both are compressed (lz4 where the server has
-- it, 0033): a third less table and a fifth less WAL for the benchmark's rows at little CPU (docs/benchmarks.md,
-- round 14). Rows under 2 KB are not compressed either way. Only rows written from now on change; no rewrite.
ALTER TABLE traces SET (toast_tuple_target = 1024);
ALTER TABLE observations SET (toast_tuple_target = 1024);
