namespace Lantern.Silo.Projects;

/// <summary>Secrets of the node. <c>LANTERN_SALT</c> (or Langfuse's <c>SALT</c>) keys the secret-key hashes.</summary>
public sealed class SecurityOptions
{
    /// <summary>The salt used by the embedded demo mode when none is configured; refused outside it.</summary>
    public const string DemoSalt = "lantern-demo-salt-not-for-production";

    public string Salt { get; set; } = "";

    /// <summary>Whether the node runs as the embedded single-node demo (run.sh), where a built-in salt is allowed.</summary>
    public bool DemoMode { get; set; }

    public string? AdminApiKey { get; set; }
}
