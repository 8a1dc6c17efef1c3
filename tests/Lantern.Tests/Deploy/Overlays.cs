using System.Collections.Concurrent;

namespace Lantern.Tests.Deploy;

/// <summary>Each overlay rendered and validated once per test run; the tests then read the same objects.</summary>
public static class Overlays
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<(RenderedManifests, string[])>>> Loaded = new(StringComparer.Ordinal);

    public static Task<(RenderedManifests Manifests, string[] Rejections)> LoadAsync(string overlay) =>
        Loaded.GetOrAdd(overlay, name => new Lazy<Task<(RenderedManifests, string[])>>(() => RenderAndValidateAsync(name))).Value;

    private static async Task<(RenderedManifests, string[])> RenderAndValidateAsync(string overlay)
    {
        var (objects, rejections) = await ManifestValidator.ValidateAsync(await Kustomize.RenderAsync(overlay));
        return (new RenderedManifests(objects), rejections);
    }
}
