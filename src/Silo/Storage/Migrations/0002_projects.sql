-- Projects and their API key pairs. Secret keys are stored only as keyed hashes (HMAC-SHA256 with the configured salt).
CREATE TABLE projects (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    org_id      text        NOT NULL,
    org_name    text        NOT NULL,
    settings    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id                   text        PRIMARY KEY,
    project_id           text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    public_key           text        NOT NULL UNIQUE,
    secret_hash          text        NOT NULL,
    display_secret_key   text        NOT NULL,
    scope                text        NOT NULL DEFAULT 'full',
    note                 text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    expires_at           timestamptz,
    revoked_at           timestamptz
);

CREATE INDEX api_keys_project ON api_keys (project_id);
