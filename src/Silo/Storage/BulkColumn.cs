namespace Lantern.Silo.Storage;

/// <summary>One column of a bulk upsert: its values for every row, sent as one array parameter.</summary>
/// <param name="Name">The column.</param>
/// <param name="ArrayType">The PostgreSQL type of the parameter array, e.g. <c>text[]</c>.</param>
/// <param name="Values">One value per row.</param>
/// <param name="Cast">A cast applied to each element, e.g. <c>jsonb</c> for JSON sent as text.</param>
/// <param name="OnConflict">The update expression on conflict; null means <c>excluded.column</c>; empty means not updated.</param>
public sealed record BulkColumn(string Name, string ArrayType, Array Values, string? Cast = null, string? OnConflict = null);
