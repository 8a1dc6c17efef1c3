using System.Text.Json;

namespace Lantern.Grains.Pii;

/// <summary>
/// A project's masking policy: the mode, which kinds it applies to, and its allow and deny lists (which the guard API and
/// the <c>pii</c> score follow too). Stored as <c>projects.settings.pii</c>.
/// </summary>
public sealed record PiiPolicy(PiiMode Mode, PiiKind Kinds)
{
    public PiiLists Lists { get; init; } = PiiLists.None;

    public static readonly PiiPolicy Off = new(PiiMode.Off, PiiKind.None);

    /// <summary>
    /// What a policy masks when it names no kinds: every kind but PERSON. Names are found by heuristics, and masking before
    /// storage cannot be undone, so a project opts in by listing PERSON (the guard's reversible anonymization finds them always).
    /// </summary>
    public const PiiKind DefaultKinds = PiiKind.All & ~PiiKind.Person;

    public bool IsActive => Mode != PiiMode.Off && Kinds != PiiKind.None;

    /// <summary>
    /// Reads <c>{"mode": "redact", "kinds": ["EMAIL", ...], "allow": [...], "deny": [...]}</c>; kinds absent means
    /// <see cref="DefaultKinds"/>.
    /// Returns the error otherwise.
    /// </summary>
    public static string? TryParse(JsonElement json, out PiiPolicy policy)
    {
        policy = Off;
        if (json.ValueKind != JsonValueKind.Object ||
            !json.TryGetProperty("mode", out var modeJson) || modeJson.ValueKind != JsonValueKind.String ||
            ParseMode(modeJson.GetString()!) is not { } mode)
        {
            return "mode: required, one of off, redact, hash";
        }

        var kinds = DefaultKinds;
        if (json.TryGetProperty("kinds", out var kindsJson) && kindsJson.ValueKind != JsonValueKind.Null)
        {
            if (kindsJson.ValueKind != JsonValueKind.Array)
            {
                return $"kinds: expected an array of {string.Join(", ", PiiLabels.All)}";
            }

            kinds = PiiKind.None;
            foreach (var item in kindsJson.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || PiiLabels.Parse(item.GetString()!) is not { } kind)
                {
                    return $"kinds: unknown kind {item}; expected {string.Join(", ", PiiLabels.All)}";
                }

                kinds |= kind;
            }
        }

        if (PiiLists.TryParse(json, out var lists) is { } listError)
        {
            return listError;
        }

        // A deny list is an explicit request: its terms are masked whichever kinds were picked.
        policy = new PiiPolicy(mode, lists.Deny.Count > 0 ? kinds | PiiKind.Custom : kinds) { Lists = lists };
        return null;
    }

    public static PiiMode? ParseMode(string text) =>
        Enum.TryParse<PiiMode>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !char.IsAsciiDigit(text[0]) ? mode : null;

    /// <summary>The stored form, which <see cref="TryParse"/> reads back.</summary>
    public object ToJson() => new
    {
        mode = Mode.ToString().ToLowerInvariant(),
        kinds = Enum.GetValues<PiiKind>().Where(k => k is not (PiiKind.None or PiiKind.All) && (Kinds & k) != 0).Select(PiiLabels.Of).ToArray(),
        allow = Lists.Allow,
        deny = Lists.Deny,
    };
}
