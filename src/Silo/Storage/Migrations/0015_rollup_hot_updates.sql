-- Every committed trace updates about four rollup rows (project, user, session, model). Two changes make those updates
-- cheap and the rollup grains' one-key reads O(1):
-- 1. The hour-window index no longer carries the measures (0011 had them as INCLUDE columns). A measure in an index makes
--    every update of it a new index entry in both indexes; without them, an update changes no indexed column and
--    PostgreSQL can make it a heap-only (HOT) update when the page has room, which the fill factor leaves.
-- 2. The window index could serve a one-key lookup (project_id, scope, then a filter on scope_key over every row of the
--    scope), and with stale statistics (a young, fast-growing table) the planner chose it: an O(users) read per grain
--    activation. It is now partial on a condition that holds for every row but that only the window queries state
--    (RollupQueries), so the planner cannot use it for anything else and one-key lookups always take the primary key.
DROP INDEX rollups_project_scope_bucket;
CREATE INDEX rollups_project_scope_bucket ON rollups (project_id, scope, bucket) WHERE scope_version >= 0;
ALTER TABLE rollups SET (fillfactor = 70);
