-- Project-specific model price definitions (Langfuse's models table; the built-in table ships inside the binary).
-- pricing_tiers: every tier (PricingTier JSON, the default tier included), the truth for pricing; prices: the default
-- tier's USD price per usage type, kept beside it so plain SQL can read a model's prices.
CREATE TABLE models (
    id                text        PRIMARY KEY,
    project_id        text        NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    model_name        text        NOT NULL,
    match_pattern     text        NOT NULL,
    start_date        timestamptz,
    unit              text,
    prices            jsonb       NOT NULL DEFAULT '{}',
    pricing_tiers     jsonb       NOT NULL DEFAULT '[]',
    tokenizer_id      text,
    tokenizer_config  jsonb,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (project_id, model_name, start_date, unit)
);

-- One counter every node polls: it moves on any change to models or to project settings (including changes made
-- with plain SQL), so each node reloads its in-memory price view without polling the tables themselves.
CREATE TABLE model_revision (
    id        int    PRIMARY KEY CHECK (id = 1),
    revision  bigint NOT NULL
);
INSERT INTO model_revision (id, revision) VALUES (1, 1);

CREATE FUNCTION lantern_bump_model_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE model_revision SET revision = revision + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER models_changed AFTER INSERT OR UPDATE OR DELETE ON models
    FOR EACH STATEMENT EXECUTE FUNCTION lantern_bump_model_revision();
CREATE TRIGGER project_settings_changed AFTER UPDATE OF settings ON projects
    FOR EACH STATEMENT EXECUTE FUNCTION lantern_bump_model_revision();
