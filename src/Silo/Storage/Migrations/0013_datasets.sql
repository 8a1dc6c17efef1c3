-- Datasets, their items, experiment runs and the run items linking items to traces (Langfuse's dataset tables).
-- Item ids are chosen by clients (createDatasetItem upserts by id), so they are unique per project, not globally.
CREATE TABLE datasets (
    id                      text        PRIMARY KEY,
    project_id              text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name                    text        NOT NULL,
    description             text,
    metadata                jsonb,
    input_schema            jsonb,
    expected_output_schema  jsonb,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name)
);

CREATE TABLE dataset_items (
    project_id             text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id                     text        NOT NULL,
    dataset_id             text        NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    status                 text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED')),
    input                  jsonb,
    expected_output        jsonb,
    metadata               jsonb,
    source_trace_id        text,
    source_observation_id  text,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, id)
);
CREATE INDEX dataset_items_by_dataset ON dataset_items (dataset_id, created_at DESC, id);

CREATE TABLE dataset_runs (
    id           text        PRIMARY KEY,
    project_id   text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    dataset_id   text        NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    description  text,
    metadata     jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (dataset_id, name)
);

CREATE TABLE dataset_run_items (
    id               text        PRIMARY KEY,
    project_id       text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    dataset_run_id   text        NOT NULL REFERENCES dataset_runs (id) ON DELETE CASCADE,
    dataset_item_id  text        NOT NULL,
    trace_id         text        NOT NULL,
    observation_id   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dataset_run_items_by_run ON dataset_run_items (dataset_run_id, created_at, id);
