using Lantern.Silo.Encryption;

namespace Lantern.Api.Queries;

/// <summary>
/// A stored payload that does not decrypt (its key is not configured, or it was tampered with) answers 500 with the reason,
/// instead of an empty 500 or, worse, the envelope passed off as data.
/// </summary>
public static partial class PayloadDecryptionErrors
{
    public static IApplicationBuilder UsePayloadDecryptionErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (PayloadDecryptionException exception) when (!context.Response.HasStarted)
        {
            LogUndecryptable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(nameof(PayloadDecryptionErrors)), exception.Message);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { message = "Stored data could not be decrypted", error = exception.Message });
        }
    });

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored data could not be decrypted: {Reason}")]
    private static partial void LogUndecryptable(ILogger logger, string reason);
}
