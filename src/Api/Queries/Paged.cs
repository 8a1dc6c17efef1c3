namespace Lantern.Api.Queries;

/// <summary>A page of results: <c>{ data, meta }</c>.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Data, PageMeta Meta);
