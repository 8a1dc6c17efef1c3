namespace Lantern.Silo.Encryption;

/// <summary>
/// What a rotation did to one table: rows read, values moved from another key to the current one, plaintext values
/// encrypted, plaintext values left as they were, and values still under another key afterwards (rows that a concurrent
/// write held locked; run the rotation again until it is 0).
/// </summary>
public sealed record RotationReport(string Table, long Rows, long Reencrypted, long Encrypted, long PlaintextLeft, long OtherKeyLeft);
