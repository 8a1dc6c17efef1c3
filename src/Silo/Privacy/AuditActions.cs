namespace Lantern.Silo.Privacy;

/// <summary>The action names written to the audit trail (stable: operators filter on them).</summary>
public static class AuditActions
{
    public const string ProjectCreated = "project.created";
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string PiiPolicyChanged = "pii_policy.changed";
    public const string EvaluatorSettingsChanged = "evaluator_settings.changed";
    public const string RetentionChanged = "retention.changed";
    public const string RetentionRun = "retention.run";
    public const string UserErased = "user.erased";
    public const string TracesDeleted = "traces.deleted";
}
