-- Append-only audit trail of administrative actions (keys, projects, policies, deletions, retention runs). The table's
-- owner could always REVOKE nothing from itself, so a trigger refuses every UPDATE, DELETE and TRUNCATE instead.
CREATE TABLE audit_log (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          text        NOT NULL UNIQUE,
    at          timestamptz NOT NULL DEFAULT now(),
    project_id  text,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target      text,
    details     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_project ON audit_log (project_id, seq DESC);

CREATE FUNCTION lantern_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION lantern_audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION lantern_audit_log_append_only();
