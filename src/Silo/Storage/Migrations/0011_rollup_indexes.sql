-- Reads across many keys of one scope (GET /users, GET /metrics/usage) select a project's rows of one scope, often in a
-- window of hour buckets; the primary key orders by key first, so a window would read all the scope's rows. The index
-- carries the measures those lists sum, so past hours (which no longer change, and which autovacuum marks all-visible)
-- are read by index-only scans without touching the heap.
CREATE INDEX rollups_project_scope_bucket ON rollups (project_id, scope, bucket)
    INCLUDE (scope_key, model, traces, observations, generations, errors, cost, input_tokens, output_tokens, total_tokens,
             first_seen, last_seen);
