using System.Text.Json;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Grains.Pii;
using Lantern.Silo.Guard;

namespace Lantern.Api.Guard;

/// <summary><c>POST /api/guard/deanonymize</c>: <c>{"vaultId", "text"}</c> → the text with the scan's placeholders restored.</summary>
public static class DeanonymizeHandler
{
    public static async Task<IResult> HandleAsync(HttpContext http, GuardVault vault, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            return ApiResults.BadRequest($"body: not valid JSON ({exception.Message})");
        }

        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("vaultId", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !Guid.TryParse(idElement.GetString(), out var vaultId))
        {
            return ApiResults.BadRequest("vaultId: required, the vaultId a scan returned");
        }

        if (!body.TryGetProperty("text", out var textElement) || textElement.ValueKind != JsonValueKind.String)
        {
            return ApiResults.BadRequest("text: required, a string with the scan's placeholders");
        }

        var values = await vault.ReadAsync(http.ProjectAccess().ProjectId, vaultId, cancellationToken);
        return values is null
            ? ApiResults.NotFound($"Vault entry {vaultId} not found: it expired, belongs to another project, or never existed")
            : TypedResults.Ok(new { text = PiiAnonymizer.Deanonymize(textElement.GetString()!, values) });
    }
}
