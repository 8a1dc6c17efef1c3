// Prints what encryption at rest costs per payload: encrypt and decrypt time of PayloadCipher (AES-256-GCM, envelope
// included) on chat-shaped JSON payloads of several sizes, the stored size, and the cost of reading a plaintext payload.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Lantern.Silo.Encryption;

var cipher = new PayloadCipher(new KeyRing(new AesGcmKey(RandomNumberGenerator.GetBytes(AesGcmKey.KeySize)), []));
var field = new PayloadField("observations", "bench-project", "0b7c1e2a-6d7f-4a51-9a43-3f1c2b4d5e6f", "input");
int[] sizes = [256, 1024, 4 * 1024, 64 * 1024];
foreach (var size in sizes)
{
    Measure(Payload(size), quiet: true);
}

foreach (var size in sizes)
{
    Measure(Payload(size));
}

void Measure(string json, bool quiet = false)
{
    var envelope = cipher.Encrypt(json, field)!;
    var encrypt = MicrosecondsPerCall(() => cipher.Encrypt(json, field));
    var decrypt = MicrosecondsPerCall(() => cipher.Decrypt(envelope, field));
    var plaintext = MicrosecondsPerCall(() => cipher.Decrypt(json, field));
    if (quiet)
    {
        return;
    }

    var kib = json.Length / 1024.0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{json.Length,6} B: encrypt {encrypt.Median,7:F2} µs (best {encrypt.Best,6:F2}), decrypt {decrypt.Median,7:F2} µs (best {decrypt.Best,6:F2}), " +
        $"both {(encrypt.Median + decrypt.Median) / kib,5:F2} µs/KiB (best {(encrypt.Best + decrypt.Best) / kib,4:F2}); " +
        $"stored {envelope.Length} B (+{100.0 * (envelope.Length - json.Length) / json.Length:F0}%); plaintext read-through {plaintext.Median:F3} µs"));
}

// Per-call time over rounds of calls: the median round, and the best round (the cost when the CPU is not shared; the
// machines this runs on often are).
static (double Median, double Best) MicrosecondsPerCall(Func<string?> call, int rounds = 200)
{
    var calls = Math.Max(1, 2_000 / ((call()?.Length ?? 0) / 1024 + 1));
    var perCall = new double[rounds];
    for (var r = 0; r < rounds; r++)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        perCall[r] = Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    Array.Sort(perCall);
    return (perCall[rounds / 2], perCall[0]);
}

// A chat transcript of about the given size, as SDKs send generation inputs.
static string Payload(int bytes)
{
    var messages = new List<object>();
    var i = 0;
    while (JsonSerializer.Serialize(new { messages }).Length < bytes)
    {
        messages.Add(new { role = i++ % 2 == 0 ? "user" : "assistant", content = $"Message {i}: please summarise the quarterly report, section {i}." });
    }

    return JsonSerializer.Serialize(new { messages });
}
