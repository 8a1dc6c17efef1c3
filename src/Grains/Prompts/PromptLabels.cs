namespace Lantern.Grains.Prompts;

/// <summary>Labels with a meaning: <c>latest</c> is server-managed, <c>production</c> is what SDKs fetch by default.</summary>
public static class PromptLabels
{
    public const string Latest = "latest";
    public const string Production = "production";
}
