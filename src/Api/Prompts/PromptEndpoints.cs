using System.Globalization;
using Lantern.Api.Auth;
using Lantern.Api.Queries;
using Lantern.Contracts.Runtime;
using Lantern.Grains.Prompts;
using Lantern.Silo.Prompts;

namespace Lantern.Api.Prompts;

/// <summary><c>/api/public/v2/prompts</c>: the prompt registry the SDKs fetch from and create versions in (reference §6).</summary>
public static class PromptEndpoints
{
    public static IEndpointRouteBuilder MapLanternPrompts(this IEndpointRouteBuilder app)
    {
        var prompts = app.MapGroup("/api/public/v2/prompts").WithTags("Prompts")
            .RequireProjectKey(allowScoresOnly: true).AddEndpointFilter<PromptAccessFilter>();
        prompts.MapGet("/", ListAsync).WithName("ListPrompts").WithSummary("Prompt names with their versions and labels");
        prompts.MapGet("/{name}", GetAsync).WithName("GetPrompt").WithSummary("A version by number or label (default production)");
        prompts.MapPost("/", PromptWrites.CreateAsync).WithName("CreatePrompt").WithSummary("Creates the next version; 201");
        prompts.MapPatch("/{name}/versions/{version}", PromptWrites.UpdateLabelsAsync).WithName("UpdatePromptVersionLabels");
        prompts.MapDelete("/{name}", PromptWrites.DeleteAsync).WithName("DeletePrompt").WithSummary("All versions, or those matching version/label");
        return app;
    }

    /// <summary>The grain of a prompt name; route values keep <c>%2F</c> encoded, so folder names are decoded here.</summary>
    internal static IPromptRegistryGrain Registry(HttpContext http, IGrainFactory grains, string name) =>
        grains.GetGrain<IPromptRegistryGrain>($"{http.ProjectAccess().ProjectId}/{Decode(name)}");

    internal static string Decode(string name) =>
        name.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> GetAsync(HttpContext http, IGrainFactory grains, string name)
    {
        var query = http.Request.Query;
        string? label = query["label"];
        int? version = null;
        if (!string.IsNullOrEmpty(query["version"]))
        {
            if (!int.TryParse(query["version"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return ApiResults.BadRequest("version: expected an integer >= 1");
            }

            version = number;
        }

        if (version is not null && !string.IsNullOrEmpty(label))
        {
            return ApiResults.BadRequest("Cannot specify both version and label");
        }

        label = string.IsNullOrEmpty(label) ? PromptLabels.Production : label;
        if (await Registry(http, grains, name).GetAsync(version, label) is not { } prompt)
        {
            var which = version is null ? $"label '{label}'" : $"version {version}";
            return ApiResults.NotFound($"Prompt not found: '{Decode(name)}' with {which}");
        }

        // The SDKs keep their own TTL cache; the validator lets HTTP caches and conditional clients revalidate cheaply.
        var etag = $"W/\"{prompt.Id}-{prompt.UpdatedAt.ToUnixTimeMilliseconds()}\"";
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ETag = etag;
        return http.Request.Headers.IfNoneMatch.Contains(etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(PromptResponse.From(prompt));
    }

    private static async Task<IResult> ListAsync(HttpContext http, PromptListQuery prompts, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (PageRequest.Parse(query, out var error, defaultLimit: 10) is not { } page)
        {
            return ApiResults.BadRequest(error!);
        }

        if (!QueryTime.TryParse(query, "fromUpdatedAt", out var from, out error) || !QueryTime.TryParse(query, "toUpdatedAt", out var to, out error))
        {
            return ApiResults.BadRequest(error!);
        }

        var filter = new PromptListFilter(Optional(query["name"]), Optional(query["label"]), Optional(query["tag"]), from, to);
        var (rows, total) = await prompts.ListAsync(http.ProjectAccess().ProjectId, filter, page.Offset, page.Limit, cancellationToken);
        return TypedResults.Ok(new Paged<PromptListItem>([.. rows.Select(PromptListItem.From)], PageMeta.Of(page, total)));
    }

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
