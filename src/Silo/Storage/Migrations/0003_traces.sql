-- Traces, observations and scores as merged by trace grains. Typed columns serve filters and sorting; `fields` holds the
-- merge state (values and per-field stamps) the grain reloads; input, output and metadata are kept apart (large payloads).
CREATE TABLE traces (
    project_id        text        NOT NULL,
    id                text        NOT NULL,
    timestamp         timestamptz NOT NULL,
    name              text,
    user_id           text,
    session_id        text,
    release           text,
    version           text,
    environment       text        NOT NULL DEFAULT 'default',
    public            boolean     NOT NULL DEFAULT false,
    bookmarked        boolean     NOT NULL DEFAULT false,
    tags              text[]      NOT NULL DEFAULT '{}',
    input             jsonb,
    output            jsonb,
    metadata          jsonb,
    total_cost        numeric     NOT NULL DEFAULT 0,
    latency           double precision NOT NULL DEFAULT 0,
    observation_count integer     NOT NULL DEFAULT 0,
    fields            jsonb       NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id)
);
CREATE INDEX traces_project_time ON traces (project_id, timestamp DESC);
CREATE INDEX traces_project_user_time ON traces (project_id, user_id, timestamp DESC) WHERE user_id IS NOT NULL;
CREATE INDEX traces_project_session_time ON traces (project_id, session_id, timestamp DESC) WHERE session_id IS NOT NULL;
CREATE INDEX traces_project_name_time ON traces (project_id, name, timestamp DESC);
CREATE INDEX traces_tags ON traces USING gin (tags);

CREATE TABLE observations (
    project_id             text        NOT NULL,
    id                     text        NOT NULL,
    trace_id               text        NOT NULL,
    type                   text        NOT NULL,
    name                   text,
    start_time             timestamptz NOT NULL,
    end_time               timestamptz,
    completion_start_time  timestamptz,
    parent_observation_id  text,
    level                  text        NOT NULL DEFAULT 'DEFAULT',
    status_message         text,
    version                text,
    environment            text        NOT NULL DEFAULT 'default',
    model                  text,
    model_parameters       jsonb,
    input                  jsonb,
    output                 jsonb,
    metadata               jsonb,
    usage_details          jsonb       NOT NULL DEFAULT '{}',
    cost_details           jsonb       NOT NULL DEFAULT '{}',
    total_cost             numeric,
    internal_model_id      text,
    pricing_tier_id        text,
    pricing_tier_name      text,
    input_price            numeric,
    output_price           numeric,
    total_price            numeric,
    prompt_name            text,
    prompt_version         integer,
    fields                 jsonb       NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id)
);
CREATE INDEX observations_trace ON observations (project_id, trace_id);
CREATE INDEX observations_project_start ON observations (project_id, start_time DESC);
CREATE INDEX observations_prompt ON observations (project_id, prompt_name, prompt_version) WHERE prompt_name IS NOT NULL;

CREATE TABLE scores (
    project_id      text        NOT NULL,
    id              text        NOT NULL,
    trace_id        text,
    observation_id  text,
    session_id      text,
    dataset_run_id  text,
    name            text        NOT NULL,
    value           double precision,
    string_value    text,
    data_type       text        NOT NULL,
    source          text        NOT NULL DEFAULT 'API',
    comment         text,
    metadata        jsonb,
    config_id       text,
    queue_id        text,
    environment     text        NOT NULL DEFAULT 'default',
    timestamp       timestamptz NOT NULL,
    fields          jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id)
);
CREATE INDEX scores_trace ON scores (project_id, trace_id);
CREATE INDEX scores_project_time ON scores (project_id, timestamp DESC);
CREATE INDEX scores_session ON scores (project_id, session_id) WHERE session_id IS NOT NULL;

-- Rollups: one row per scope key, hour bucket and model, changed in the same transaction as the rows it sums.
-- `version` moves by one on every change, so a grain caching the row applies each change exactly once.
CREATE TABLE rollups (
    project_id     text        NOT NULL,
    scope          text        NOT NULL,
    scope_key      text        NOT NULL,
    scope_version  integer     NOT NULL DEFAULT 0,
    bucket         timestamptz NOT NULL,
    model          text        NOT NULL DEFAULT '',
    traces         bigint      NOT NULL DEFAULT 0,
    observations   bigint      NOT NULL DEFAULT 0,
    generations    bigint      NOT NULL DEFAULT 0,
    errors         bigint      NOT NULL DEFAULT 0,
    cost           numeric     NOT NULL DEFAULT 0,
    input_tokens   bigint      NOT NULL DEFAULT 0,
    output_tokens  bigint      NOT NULL DEFAULT 0,
    total_tokens   bigint      NOT NULL DEFAULT 0,
    latency        bigint[]    NOT NULL DEFAULT '{}',
    ttft           bigint[]    NOT NULL DEFAULT '{}',
    scores         jsonb       NOT NULL DEFAULT '{}',
    first_seen     timestamptz,
    last_seen      timestamptz,
    version        bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (project_id, scope, scope_key, scope_version, bucket, model)
);

-- Element-wise sum of two histograms (either may be empty).
CREATE FUNCTION lantern_array_add(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i), '{}')
    FROM generate_series(1, greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0))) AS i
$$;

-- Sum of two {name: {"sum": s, "count": c}} maps; names whose count reaches zero disappear.
CREATE FUNCTION lantern_scores_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('sum', s, 'count', c)), '{}')
    FROM (
        SELECT k, sum((v ->> 'sum')::double precision) AS s, sum((v ->> 'count')::bigint) AS c
        FROM (SELECT * FROM jsonb_each(coalesce(a, '{}')) UNION ALL SELECT * FROM jsonb_each(coalesce(b, '{}'))) AS x (k, v)
        GROUP BY k
    ) AS y
    WHERE c <> 0
$$;
