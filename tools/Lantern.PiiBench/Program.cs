// Prints the PII detector's recall on the labelled corpus, its false-positive rate on the PII-free corpus, what the person-name
// heuristics find in real prompts (data/injection/train.csv), and masking throughput on chat-shaped JSON payloads with and
// without personal data.
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lantern.Grains.Pii;
using Lantern.Tests.Pii;
using Lantern.Training.Data;

var masker = new PiiMasker(Encoding.UTF8.GetBytes("bench-hash-key-0123456789"));
var redact = new PiiPolicy(PiiMode.Redact, PiiKind.All);
var hash = new PiiPolicy(PiiMode.Hash, PiiKind.All);

var messages = PiiCorpus.Messages().ToList();
var caught = messages.Count(m => !masker.Mask(m.Text, redact).Contains(m.Value, StringComparison.Ordinal) &&
                                 masker.Mask(m.Text, redact).Contains($"[{m.Kind}]", StringComparison.Ordinal));
var clean = PiiCorpus.CleanTexts().ToList();
var flagged = clean.Where(t => PiiDetector.Find(t).Count > 0).ToList();
var cleanKb = clean.Sum(t => t.Length) / 1024.0;

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall: {caught}/{messages.Count} labelled messages masked with the right kind ({100.0 * caught / messages.Count:F1}%)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"false positives: {flagged.Count}/{clean.Count} PII-free texts flagged ({100.0 * flagged.Count / clean.Count:F2}%), {cleanKb:F0} KiB scanned"));
foreach (var text in flagged.Take(5))
{
    Console.WriteLine($"  flagged: {text}");
}

var prompts = Path.Combine(args.FirstOrDefault() ?? "data", "injection/train.csv");
if (File.Exists(prompts))
{
    var benign = CsvReader.Read(prompts).Where(r => r.Label == 0).Select(r => r.Text).ToList();
    var names = benign.Select(t => (Text: t, Found: PiiDetector.Find(t, PiiKind.Person))).Where(t => t.Found.Count > 0).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"person names: {names.Count}/{benign.Count} benign prompts of {prompts} have a PERSON finding ({100.0 * names.Count / benign.Count:F2}%); the first 40, to judge by eye:"));
    foreach (var (text, found) in names.Take(40))
    {
        Console.WriteLine($"  {string.Join(" | ", found.Select(m => text.Substring(m.Index, m.Length)))}");
    }
}

Measure("warm-up", Payload(messages.Select(m => m.Text)), redact, quiet: true);
Measure("chat JSON with PII, redact", Payload(messages.Select(m => m.Text)), redact);
Measure("chat JSON with PII, hash", Payload(messages.Select(m => m.Text)), hash);
Measure("chat JSON without PII, redact", Payload(clean.Take(messages.Count)), redact);
foreach (var kind in Enum.GetValues<PiiKind>().Where(k => k is not (PiiKind.None or PiiKind.All)))
{
    Measure($"  only {PiiLabels.Of(kind)}, with PII", Payload(messages.Select(m => m.Text)), new PiiPolicy(PiiMode.Redact, kind), seconds: 1);
}

static byte[] Payload(IEnumerable<string> texts) => JsonSerializer.SerializeToUtf8Bytes(new
{
    messages = texts.Select((t, i) => new { role = i % 2 == 0 ? "user" : "assistant", content = t, tokens = t.Length / 4 }).ToArray(),
    metadata = new { source = "bench", tags = new[] { "a", "b" } },
});

void Measure(string name, byte[] payload, PiiPolicy policy, bool quiet = false, double seconds = 3)
{
    using var document = JsonDocument.Parse(payload);
    var buffer = new ArrayBufferWriter<byte>(payload.Length * 2);
    long bytes = 0;
    var started = Stopwatch.GetTimestamp();
    while (Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        masker.WriteMasked(document.RootElement, policy, writer);
        writer.Flush();
        bytes += payload.Length;
    }

    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    if (quiet)
    {
        return;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {bytes / elapsed / 1e6:F1} MB/s on one core ({payload.Length / 1024.0:F0} KiB payload)"));
}
