-- The guard's anonymization vault: placeholder -> value maps, AES-256-GCM encrypted (key id for rotation), one project's
-- each, gone after their TTL. Numbered 0020 to leave room for the migrations of work in flight.
CREATE TABLE guard_vault (
    id          uuid        PRIMARY KEY,
    project_id  text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key_id      text        NOT NULL,
    sealed      bytea       NOT NULL,
    expires_at  timestamptz NOT NULL
);

CREATE INDEX guard_vault_expires_at ON guard_vault (expires_at);
