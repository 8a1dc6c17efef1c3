namespace Lantern.Api.Queries;

/// <summary>Langfuse's page metadata; the JS v3 dataset loop stops when <c>totalPages &lt;= page</c>, so it must be exact.</summary>
public sealed record PageMeta(int Page, int Limit, long TotalItems, long TotalPages)
{
    public static PageMeta Of(PageRequest request, long totalItems) =>
        new(request.Page, request.Limit, totalItems, (totalItems + request.Limit - 1) / request.Limit);
}
