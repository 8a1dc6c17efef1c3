using System.Globalization;
using System.Text.Json;
using Lantern.Api.Queries;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Prompts;

namespace Lantern.Api.Prompts;

/// <summary>Creating versions, moving labels and deleting: validated here, applied by the prompt's registry grain.</summary>
public static class PromptWrites
{
    public static async Task<IResult> CreateAsync(HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var document = await ReadAsync(http, cancellationToken);
        if (document is null)
        {
            return ApiResults.BadRequest("body: not valid JSON");
        }

        var (name, request, error) = CreatePromptParser.Parse(document.RootElement);
        if (request is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var outcome = await PromptEndpoints.Registry(http, grains, name!).CreateAsync(request);
        // Langfuse answers 201 although its generated spec says 200; the SDKs accept both.
        return outcome.Version is { } created
            ? TypedResults.Json(PromptResponse.From(created), statusCode: StatusCodes.Status201Created)
            : Refused(outcome);
    }

    public static async Task<IResult> UpdateLabelsAsync(HttpContext http, IGrainFactory grains, string name, string version, CancellationToken cancellationToken)
    {
        if (!int.TryParse(version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return ApiResults.BadRequest("version: expected an integer >= 1");
        }

        using var document = await ReadAsync(http, cancellationToken);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } body
            || !body.TryGetProperty("newLabels", out var newLabels) || newLabels.ValueKind != JsonValueKind.Array
            || newLabels.EnumerateArray().Any(l => l.ValueKind != JsonValueKind.String))
        {
            return ApiResults.BadRequest("newLabels: expected an array of strings");
        }

        string[] labels = [.. newLabels.EnumerateArray().Select(l => l.GetString()!)];
        if (labels.Contains(PromptLabels.Latest, StringComparer.Ordinal))
        {
            return ApiResults.BadRequest("Label 'latest' is always assigned to the latest prompt version");
        }

        if (PromptRules.LabelsError(labels) is { } error)
        {
            return ApiResults.BadRequest(error);
        }

        var outcome = await PromptEndpoints.Registry(http, grains, name).AddLabelsAsync(number, labels);
        return outcome.Version is { } updated ? TypedResults.Ok(PromptResponse.From(updated)) : Refused(outcome);
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, IGrainFactory grains, string name)
    {
        var query = http.Request.Query;
        int? version = null;
        if (!string.IsNullOrEmpty(query["version"]))
        {
            if (!int.TryParse(query["version"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return ApiResults.BadRequest("version: expected an integer");
            }

            version = number;
        }

        string? label = string.IsNullOrEmpty(query["label"]) ? null : query["label"].ToString();
        return await PromptEndpoints.Registry(http, grains, name).DeleteAsync(version, label) switch
        {
            PromptFailure.None => TypedResults.NoContent(),
            PromptFailure.Conflict => Conflict($"Prompt '{PromptEndpoints.Decode(name)}' kept changing concurrently; retry the request"),
            _ => ApiResults.NotFound($"Prompt not found: '{PromptEndpoints.Decode(name)}'"),
        };
    }

    private static IResult Refused(PromptOutcome outcome) => outcome.Failure switch
    {
        PromptFailure.NotFound => ApiResults.NotFound(outcome.Message!),
        PromptFailure.Conflict => Conflict(outcome.Message!),
        _ => ApiResults.BadRequest(outcome.Message!),
    };

    // Other processes kept saving the prompt while this change was retried (PromptRegistryGrain): nothing was written,
    // and sending the request again is safe.
    private static IResult Conflict(string message) =>
        TypedResults.Json(new { message, error = "PromptConflict" }, statusCode: StatusCodes.Status409Conflict);

    private static async Task<JsonDocument?> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
