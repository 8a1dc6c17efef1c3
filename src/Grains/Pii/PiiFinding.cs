namespace Lantern.Grains.Pii;

/// <summary>One personal data value found by the guard: its kind label, where it was in the text, and what replaced it.</summary>
public sealed record PiiFinding(string Kind, int Start, int Length, string Placeholder);
