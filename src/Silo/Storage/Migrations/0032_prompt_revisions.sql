-- One row per prompt name, bumped in the same transaction as every change to the name's versions. Any process may run the
-- name's registry grain (an api pod, every silo), so each holds its own copy: a save names the revision its copy was
-- read at and fails when another process changed the prompt since (optimistic concurrency), and a read compares the
-- stored revision with its copy's before answering. No row means revision 0 (nothing saved since this migration).
CREATE TABLE prompt_revisions (
    project_id  text   NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        text   NOT NULL,
    revision    bigint NOT NULL CHECK (revision >= 1),
    PRIMARY KEY (project_id, name)
);
