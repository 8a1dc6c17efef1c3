-- Every node caches lookups of API keys, project settings (PII policy, evaluator thresholds) and score configs. Any
-- change to those rows, including a new row (a "not found" may be cached too), is announced in the changing transaction,
-- so every node listening (ChangeListener) evicts the entry the moment the change commits instead of when it would
-- have expired. Payloads: the public key; the project id; project id, unit separator (chr(31)), score config id.
CREATE FUNCTION lantern_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lantern_api_keys', CASE WHEN TG_OP = 'DELETE' THEN OLD.public_key ELSE NEW.public_key END);
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_keys_changed AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION lantern_api_key_changed();

CREATE FUNCTION lantern_project_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lantern_projects', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    RETURN NULL;
END;
$$;

CREATE TRIGGER projects_changed AFTER INSERT OR UPDATE OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION lantern_project_changed();

CREATE FUNCTION lantern_score_config_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lantern_score_configs', CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id || chr(31) || OLD.id
                                                    ELSE NEW.project_id || chr(31) || NEW.id END);
    RETURN NULL;
END;
$$;

CREATE TRIGGER score_configs_changed AFTER INSERT OR UPDATE OR DELETE ON score_configs
    FOR EACH ROW EXECUTE FUNCTION lantern_score_config_changed();
