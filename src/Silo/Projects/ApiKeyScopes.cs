namespace Lantern.Silo.Projects;

/// <summary>The scopes a key pair can have (the <c>api_keys.scope</c> column).</summary>
public static class ApiKeyScopes
{
    /// <summary>Read and write the whole project (what Langfuse's keys do).</summary>
    public const string Project = "project";

    /// <summary>Read the project's data, nothing else: for dashboards.</summary>
    public const string Read = "read";
}
