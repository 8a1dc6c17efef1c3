using Lantern.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace Lantern.Silo.Encryption;

/// <summary>Says at every start, loudly, when payloads go to PostgreSQL in plaintext.</summary>
internal sealed partial class PlaintextWarning(PayloadCipher cipher, ILogger<PlaintextWarning> logger) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (!cipher.Enabled)
        {
            LogPlaintext(logger);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running without " + EncryptionOptions.KeySetting + ": payloads (input, output, metadata) are stored in plaintext. " +
        "Set it to 64 hex characters (openssl rand -hex 32) to encrypt them at rest with AES-256-GCM.")]
    private static partial void LogPlaintext(ILogger logger);
}
