namespace Lantern.Silo.Encryption;

/// <summary>A stored envelope that does not open: its key is not configured, or its bytes were changed or moved.</summary>
public sealed class PayloadDecryptionException(string message, Exception? inner = null) : Exception(message, inner);
