using Google.Protobuf;
using Lantern.Api.Otel.Protos;

namespace Lantern.Api.Otel;

/// <summary>Decodes an export body in either OTLP/HTTP encoding; any decoding failure is the client's (400), never ours.</summary>
public static class OtlpRequestDecoder
{
    public static (ExportTraceServiceRequest? Request, string? Error) Decode(byte[] body, bool json)
    {
        try
        {
            return (json ? OtlpJsonReader.Parse(body) : ExportTraceServiceRequest.Parser.ParseFrom(body), null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException or ArgumentException or OverflowException)
        {
            var what = json ? "Failed to parse OTel JSON Trace" : "Failed to parse OTel Protobuf Trace";
            return (null, $"{what}: {e.Message}");
        }
    }
}
