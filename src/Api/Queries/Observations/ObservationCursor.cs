using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Lantern.Api.Queries.Observations;

/// <summary>
/// The v2 list's cursor: the (start time, id) of the last row served, as opaque base64url. Pages continue strictly after it
/// in (start time desc, id desc) order, so rows written meanwhile never shift a page the way offsets do.
/// </summary>
public readonly record struct ObservationCursor(DateTimeOffset StartTime, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{StartTime.UtcTicks}:{Id}")));

    public static bool TryDecode(string text, out ObservationCursor cursor)
    {
        cursor = default;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        var value = Encoding.UTF8.GetString(bytes);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !long.TryParse(value.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new ObservationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), value[(colon + 1)..]);
        return true;
    }
}
