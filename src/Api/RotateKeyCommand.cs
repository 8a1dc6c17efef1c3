using Lantern.Silo.Encryption;
using Lantern.Silo.Guard;
using Lantern.Silo.Storage;
using Npgsql;

namespace Lantern.Api;

/// <summary>
/// <c>Lantern.Api rotate-key [--plaintext]</c>: re-encrypts every stored payload and guard vault entry with
/// <c>LANTERN_ENCRYPTION_KEY</c>, opening old ones with <c>LANTERN_ENCRYPTION_PREVIOUS_KEYS</c>, while nodes keep serving;
/// <c>--plaintext</c> also encrypts payloads stored before encryption was turned on. Prints what it did per table.
/// </summary>
internal static class RotateKeyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var encryptPlaintext = args.Contains("--plaintext");
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args.Where(a => a != "--plaintext").ToArray()).Build();
        var options = EncryptionOptions.Read(configuration);
        var url = configuration[DatabaseOptions.UrlKey];
        var problem = string.IsNullOrEmpty(url) ? $"{DatabaseOptions.UrlKey} is not set: point it at PostgreSQL (postgres://user:pass@host:port/db)."
            : options.Key is null ? $"{EncryptionOptions.KeySetting} is not set: it is the key to rotate to (64 hex characters)."
            : options.Problem();
        if (problem is not null)
        {
            await Console.Error.WriteLineAsync($"Lantern cannot rotate keys: {problem}");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(ConnectionStrings.Parse(url!).ConnectionString);
        var cipher = new PayloadCipher(options.PayloadKeys());
        var salt = configuration["LANTERN_SALT"] ?? configuration["SALT"];
        var rotation = new KeyRotation(dataSource, cipher, VaultCipher.Create(options, salt is { Length: > 0 } ? salt : null));
        IReadOnlyList<RotationReport> reports;
        try
        {
            reports = await rotation.RunAsync(encryptPlaintext, CancellationToken.None);
        }
        catch (PayloadDecryptionException exception)
        {
            await Console.Error.WriteLineAsync($"Rotation stopped: {exception.Message}");
            return 1;
        }

        Console.WriteLine($"Rotated to key {cipher.CurrentKeyId}.");
        foreach (var r in reports)
        {
            Console.WriteLine($"{r.Table}: rows={r.Rows} reencrypted={r.Reencrypted} encrypted={r.Encrypted} plaintextLeft={r.PlaintextLeft} otherKeyLeft={r.OtherKeyLeft}");
        }

        // Vault entries under a removed key cannot be helped (they expire with their TTL); payloads left under another key can: run again.
        return reports.Any(r => r.Table != "guard_vault" && r.OtherKeyLeft > 0) ? 3 : 0;
    }
}
