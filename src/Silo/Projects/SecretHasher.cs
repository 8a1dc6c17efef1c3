using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lantern.Silo.Projects;

/// <summary>Keyed hash of secret keys: HMAC-SHA256 with the configured salt, so a leaked table does not reveal keys.</summary>
public sealed class SecretHasher(IOptions<SecurityOptions> options)
{
    private readonly byte[] _salt = Encoding.UTF8.GetBytes(options.Value.Salt);

    public string Hash(string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_salt, Encoding.UTF8.GetBytes(secret)));

    public bool Matches(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
}
