namespace Lantern.Silo.Projects;

/// <summary>Headless initialisation, as Langfuse's <c>LANGFUSE_INIT_*</c> variables (also read as <c>LANTERN_INIT_*</c>).</summary>
public sealed class InitOptions
{
    public string? OrgId { get; set; }

    public string? OrgName { get; set; }

    public string? ProjectId { get; set; }

    public string? ProjectName { get; set; }

    public string? PublicKey { get; set; }

    public string? SecretKey { get; set; }

    public bool IsSet => !string.IsNullOrEmpty(ProjectId) || !string.IsNullOrEmpty(PublicKey);

    /// <summary>What is wrong with the settings, or null when they can be used.</summary>
    public string? Validate()
    {
        if (!IsSet)
        {
            return null;
        }

        if (string.IsNullOrEmpty(ProjectId))
        {
            return "LANGFUSE_INIT_PROJECT_ID is required when init keys are set.";
        }

        if (string.IsNullOrEmpty(PublicKey) != string.IsNullOrEmpty(SecretKey))
        {
            return "LANGFUSE_INIT_PROJECT_PUBLIC_KEY and LANGFUSE_INIT_PROJECT_SECRET_KEY must be set together.";
        }

        if (PublicKey is not null && PublicKey.StartsWith("sk-", StringComparison.Ordinal))
        {
            return "LANGFUSE_INIT_PROJECT_PUBLIC_KEY starts with 'sk-': that is a secret key; the public key starts with 'pk-'.";
        }

        if (SecretKey is not null && SecretKey.StartsWith("pk-", StringComparison.Ordinal))
        {
            return "LANGFUSE_INIT_PROJECT_SECRET_KEY starts with 'pk-': that is a public key; the secret key starts with 'sk-'.";
        }

        return null;
    }
}
