-- Every committed trace updates about four rollup rows (project, user, session, model). Two changes make those updates
-- cheap:
-- 1. The hour-window index no longer carries the measures (0011 had them as INCLUDE columns). A measure in an index makes
--    every update of it a new index entry in both indexes; without them, an update changes no indexed column and
--    PostgreSQL can make it a heap-only (HOT) update when the page has room, which the fill factor leaves.
-- 2. The same index no longer looks like a way to find one key's rows: with stale statistics (a young, fast-growing table)
--    the planner chose it for the one-key lookups of the rollup grains and filtered every row of the scope, an O(users)
--    read per grain activation. The lookup now also orders by the primary key's columns (PostgresRollupStore).
DROP INDEX rollups_project_scope_bucket;
CREATE INDEX rollups_project_scope_bucket ON rollups (project_id, scope, bucket);
ALTER TABLE rollups SET (fillfactor = 70);
