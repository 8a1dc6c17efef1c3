using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lantern.Contracts.Rollups;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Rollups;

/// <summary>
/// Sends a user spend alert to the configured webhook in the background, retrying with backoff on errors. The body is
/// signed with HMAC-SHA256 of the secret (<c>X-Lantern-Signature: sha256=&lt;hex&gt;</c>) so receivers can verify it.
/// </summary>
public sealed partial class AlertWebhook(AlertWebhookOptions options, ILogger<AlertWebhook> logger) : IDisposable
{
    public const string SignatureHeader = "X-Lantern-Signature";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Send(string projectId, UserSpendAlert alert)
    {
        if (options.Url is null)
        {
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new { type = "user_spend_alert", projectId, alert }, Json);
        _ = Task.Run(() => DeliverAsync(body));
    }

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public void Dispose() => _http.Dispose();

    private async Task DeliverAsync(byte[] body)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; attempt <= options.Attempts; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (options.Secret is { Length: > 0 } secret)
                {
                    request.Headers.Add(SignatureHeader, Sign(body, secret));
                }

                using var response = await _http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                LogAttemptFailed(logger, attempt, $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                LogAttemptFailed(logger, attempt, exception.Message);
            }

            if (attempt < options.Attempts)
            {
                await Task.Delay(delay);
                delay *= 2;
            }
        }

        LogGaveUp(logger, options.Attempts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert webhook attempt {Attempt} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert webhook gave up after {Attempts} attempts; the alert is still listed at /api/public/alerts/users")]
    private static partial void LogGaveUp(ILogger logger, int attempts);
}
