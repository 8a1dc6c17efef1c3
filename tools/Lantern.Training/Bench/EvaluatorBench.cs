using System.Diagnostics;
using System.Globalization;
using Lantern.Silo.Onnx;
using Lantern.Training.Data;

namespace Lantern.Training.Bench;

/// <summary>
/// <c>bench</c>: scoring speed of the shipped models through ONNX Runtime on real texts from data/ (every
/// 4th row of both data sets): texts/s on one thread, one text per run and in batches of 32, and on N threads;
/// p50/p99 latency of one Score call; texts per CPU-second (per core) on one thread. Figures are printed, never asserted.
/// </summary>
internal static class EvaluatorBench
{
    private const int BatchSize = 32;

    public static int Run(string repo, int threads)
    {
        var runtime = OrtRuntime.LoadFromEnvironment();
        var texts = ModelTask.All
            .SelectMany(t => CsvReader.Read(Path.Combine(repo, t.DataPath)).Where((_, i) => i % 4 == 0))
            .Select(r => r.Text).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{texts.Length} texts, mean {texts.Average(t => t.Length):F0} chars, median {texts.Select(t => t.Length).Order().ElementAt(texts.Length / 2)}; ORT {runtime.Version}; {Environment.ProcessorCount} cores"));
        foreach (var task in ModelTask.All)
        {
            using var classifier = OnnxTextClassifier.Load(runtime, Path.Combine(repo, "models", task.Name + ".onnx"));
            // Warm up on every text once: the JIT's tiered compilation (background CPU) then runs before the measurement.
            foreach (var text in texts)
            {
                classifier.Score(text);
            }
            Console.WriteLine(Measure(task.Name, classifier, texts, threads));
        }
        return 0;
    }

    private static string Measure(string name, OnnxTextClassifier classifier, string[] texts, int threads)
    {
        var latencies = new double[texts.Length];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < texts.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            classifier.Score(texts[i]);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var single = texts.Length / clock.Elapsed.TotalSeconds;
        // Per CPU-second rather than per wall-second: on a shared machine other processes steal wall time.
        var perCore = texts.Length / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Array.Sort(latencies);

        clock.Restart();
        foreach (var batch in texts.Chunk(BatchSize))
        {
            classifier.ScoreBatch(batch);
        }
        var batched = texts.Length / clock.Elapsed.TotalSeconds;

        clock.Restart();
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() =>
        {
            for (var i = w; i < texts.Length; i += threads)
            {
                classifier.Score(texts[i]);
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var parallel = texts.Length / clock.Elapsed.TotalSeconds;

        // The fixed cost of one run, whatever the text: what batching saves.
        clock.Restart();
        for (var i = 0; i < 2000; i++)
        {
            classifier.Score("");
        }
        var empty = clock.Elapsed.TotalMilliseconds / 2000;

        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: 1 thread {single:F0} texts/s, {perCore:F0} per CPU-second (p50 {latencies[latencies.Length / 2]:F3} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:F3} ms); batches of {BatchSize} {batched:F0} texts/s; {threads} threads {parallel:F0} texts/s; empty text {empty:F3} ms");
    }
}
