using System.Net.Http.Headers;
using System.Text;
using Lantern.Tests.Infrastructure;

namespace Lantern.Tests.Otel;

/// <summary>One Lantern node for the OTLP endpoint tests, with a small body limit so the 413 path is cheap to reach.</summary>
public sealed class OtelAppFixture : IAsyncLifetime
{
    public const int MaxBodyBytes = 64 * 1024;

    public LanternApp App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static AuthenticationHeaderValue Basic(string publicKey = LanternApp.PublicKey, string secretKey = LanternApp.SecretKey) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{publicKey}:{secretKey}")));

    public async ValueTask InitializeAsync()
    {
        App = await LanternApp.StartAsync(new Dictionary<string, string?> { ["Lantern:Otlp:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Client = App.CreateClient();
        Client.DefaultRequestHeaders.Authorization = Basic();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
