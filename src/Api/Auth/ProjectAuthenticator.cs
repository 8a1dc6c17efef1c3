using System.Text;
using Lantern.Silo.Projects;

namespace Lantern.Api.Auth;

/// <summary>Langfuse's key check: Basic <c>pk:sk</c> is full project access, Bearer <c>pk</c> may only create scores.</summary>
public sealed class ProjectAuthenticator(ApiKeyCache keys, SecretHasher hasher, TimeProvider time)
{
    private const string HostHint = "Confirm that you've configured the correct host.";

    /// <summary>What a read-only key is told when it tries to write.</summary>
    public const string ReadOnlyMessage = "This API key is read-only: it can read the project's data but not ingest, change or delete it. Use a read-write key.";

    public async ValueTask<(ProjectAccess? Access, AuthFailure? Failure)> AuthenticateAsync(string? header, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Fail("No authorization header");
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var publicKey = header["Bearer ".Length..].Trim();
            var record = await keys.FindAsync(publicKey, cancellationToken);
            if (record is not null && record.Scope == ApiKeyScopes.Read)
            {
                // A read-only pair grants nothing without its secret: its public key alone may not even create scores.
                return (null, new AuthFailure(StatusCodes.Status403Forbidden, "Forbidden", ReadOnlyMessage));
            }

            return record is not null && record.IsUsable(time.GetUtcNow())
                ? (new ProjectAccess(record.ProjectId, publicKey, AccessLevel.ScoresOnly), null)
                : Fail($"Invalid public key. {HostHint}");
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || !TryDecode(header["Basic ".Length..], out var pk, out var sk))
        {
            return Fail("Invalid authorization header");
        }

        var key = await keys.FindAsync(pk, cancellationToken);
        if (key is null || !hasher.Matches(sk, key.SecretHash) || !key.IsUsable(time.GetUtcNow()))
        {
            return Fail($"Invalid credentials. {HostHint}");
        }

        return (new ProjectAccess(key.ProjectId, pk, key.Scope == ApiKeyScopes.Read ? AccessLevel.ReadOnly : AccessLevel.Project), null);
    }

    private static (ProjectAccess?, AuthFailure?) Fail(string message) => (null, new AuthFailure(StatusCodes.Status401Unauthorized, "Unauthorized", message));

    private static bool TryDecode(string encoded, out string publicKey, out string secretKey)
    {
        publicKey = secretKey = "";
        Span<byte> buffer = stackalloc byte[512];
        if (!Convert.TryFromBase64String(encoded.Trim(), buffer, out var length))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer[..length]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        publicKey = text[..colon];
        secretKey = text[(colon + 1)..];
        return true;
    }
}
