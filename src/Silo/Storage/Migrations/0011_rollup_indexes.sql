-- Windowed reads across many keys of one scope (GET /users with from/to, GET /metrics/usage?groupBy=user) select hour
-- buckets of every user; the primary key orders by key first, so without this index they read all the scope's rows.
CREATE INDEX rollups_project_scope_bucket ON rollups (project_id, scope, bucket);
