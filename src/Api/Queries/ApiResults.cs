namespace Lantern.Api.Queries;

/// <summary>Langfuse's error bodies for the read and management routes (reference §1).</summary>
public static class ApiResults
{
    public static IResult BadRequest(string error) =>
        TypedResults.Json(new { message = "Invalid request data", error }, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string message) =>
        TypedResults.Json(new { message, error = "LangfuseNotFoundError" }, statusCode: StatusCodes.Status404NotFound);
}
