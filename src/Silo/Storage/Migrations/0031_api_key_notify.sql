-- Every node caches key lookups (ApiKeyCache). Any change to a key row (revoked, expired early, deleted with its project)
-- is announced on this channel in the same transaction, so every node listening evicts the key the moment the change
-- commits, not when its cache entry would have expired.
CREATE FUNCTION lantern_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lantern_api_keys', OLD.public_key);
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION lantern_api_key_changed();
