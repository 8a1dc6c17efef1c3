-- Prompt versions (Langfuse's prompts table). The PromptRegistryGrain of a name owns its rows and serialises changes;
-- the unique key is the last guard against two versions with one number. Lists are plain SQL over this table.
CREATE TABLE prompts (
    id              text        PRIMARY KEY,
    project_id      text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name            text        NOT NULL,
    version         int         NOT NULL CHECK (version >= 1),
    type            text        NOT NULL CHECK (type IN ('text', 'chat')),
    prompt          jsonb       NOT NULL,
    config          jsonb       NOT NULL DEFAULT '{}',
    labels          text[]      NOT NULL DEFAULT '{}',
    tags            text[]      NOT NULL DEFAULT '{}',
    commit_message  text,
    created_by      text        NOT NULL DEFAULT 'API',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (project_id, name, version)
);
