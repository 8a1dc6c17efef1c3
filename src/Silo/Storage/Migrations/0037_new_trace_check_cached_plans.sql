-- The check a commit starts with (0036) planned its three lookups on every call: with SDK-sized requests (a commit of
-- three or four traces) that was a quarter of PostgreSQL's backend CPU (perf, docs/benchmarks.md round 17). A plan kept
-- for the connection (generic) costs about a quarter of that, but it is safe to keep only when it cannot be a plan made
-- for a few rows that the table has since outgrown: such a plan scans the project's rows, or the whole table, per key,
-- and is kept until the next ANALYZE, by which time a young table may have grown a hundredfold. So a lookup keeps its
-- plan while
-- * its table's last ANALYZE counted at least 10,000 rows and 1,000 per project: any plan made from such statistics
--   probes an index per key (a project's rows would be estimated at a thousand or more against one), and the ANALYZE
--   that follows a tenth more rows, which replaces it, changes nothing; or
-- * its table is empty (the scores of a deployment that sends none): there is nothing to scan, and once there is the
--   lookup is planned per call until the statistics count enough rows, by an ANALYZE that also drops the kept plan.
-- Otherwise it is planned for its keys, as before.
CREATE OR REPLACE FUNCTION lantern_check_new_traces(project_ids text[], trace_ids text[])
RETURNS TABLE (stored_trace text)
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  -- The rows a table's last ANALYZE counted are its live rows less those changed since (none when never analyzed), and
  -- projects its live rows: cumulative statistics, read like the relation sizes by functions, not queries (four
  -- queries of pg_class cost as much to run as the planning they saved).
  enough real := greatest(10000, 1000 * pg_stat_get_live_tuples('projects'::regclass));
  keep_traces boolean := pg_stat_get_live_tuples('traces'::regclass) - pg_stat_get_mod_since_analyze('traces'::regclass) >= enough
    OR pg_relation_size('traces'::regclass) = 0;
  keep_observations boolean := pg_stat_get_live_tuples('observations'::regclass) - pg_stat_get_mod_since_analyze('observations'::regclass) >= enough
    OR pg_relation_size('observations'::regclass) = 0;
  keep_scores boolean := pg_stat_get_live_tuples('scores'::regclass) - pg_stat_get_mod_since_analyze('scores'::regclass) >= enough
    OR pg_relation_size('scores'::regclass) = 0;
  with_trace jsonb;
  with_observations jsonb;
  with_scores jsonb;
BEGIN
  -- The function starts with kept plans; a lookup that must not keep its plan switches to planning per call until the
  -- next one that may.
  IF NOT keep_traces THEN
    PERFORM set_config('plan_cache_mode', 'force_custom_plan', true);
  END IF;
  SELECT jsonb_agg(jsonb_build_array(k.project_id, k.id)) INTO with_trace
  FROM unnest(project_ids, trace_ids) AS k (project_id, id) JOIN traces t USING (project_id, id);
  IF keep_observations <> keep_traces THEN
    PERFORM set_config('plan_cache_mode', CASE WHEN keep_observations THEN 'force_generic_plan' ELSE 'force_custom_plan' END, true);
  END IF;
  SELECT jsonb_agg(DISTINCT jsonb_build_array(k.project_id, k.id)) INTO with_observations
  FROM unnest(project_ids, trace_ids) AS k (project_id, id) JOIN observations o ON o.project_id = k.project_id AND o.trace_id = k.id;
  IF keep_scores <> keep_observations THEN
    PERFORM set_config('plan_cache_mode', CASE WHEN keep_scores THEN 'force_generic_plan' ELSE 'force_custom_plan' END, true);
  END IF;
  SELECT jsonb_agg(DISTINCT jsonb_build_array(k.project_id, k.id)) INTO with_scores
  FROM unnest(project_ids, trace_ids) AS k (project_id, id) JOIN scores s ON s.project_id = k.project_id AND s.trace_id = k.id;
  IF with_trace IS NOT NULL OR with_observations IS NOT NULL OR with_scores IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'LNT01',
      MESSAGE = (coalesce(with_trace, '[]') || coalesce(with_observations, '[]') || coalesce(with_scores, '[]'))::text;
  END IF;
END
$$;
