namespace Lantern.Silo.Evaluators;

/// <summary>Evaluator settings: LANTERN_EVALUATORS, LANTERN_MODELS_DIR, the stream's bound and batch size, the backlog's bound, and LANTERN_EVALUATOR_WORKER.</summary>
public sealed class EvaluatorOptions
{
    /// <summary>False only when LANTERN_EVALUATORS=off; on by default, when the library and models load.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>libonnxruntime.so.1 (LANTERN_ONNXRUNTIME_PATH, exported by scripts/onnxruntime.sh).</summary>
    public string? LibraryPath { get; set; }

    /// <summary>Where <c>prompt-injection.onnx</c> and <c>toxicity.onnx</c> are; null to look in the usual places.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>Texts queued at most; beyond that new texts are shed (LANTERN_EVALUATOR_QUEUE).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// In a cluster, whether this silo scores texts from the shared evaluation queue (<c>LANTERN_EVALUATOR_WORKER</c>);
    /// off, it still sends its own texts there for the other silos. A single node always scores its own.
    /// </summary>
    public bool ScoreSharedQueue { get; set; } = true;

    /// <summary>Shed texts remembered for catching up (LANTERN_EVALUATOR_BACKLOG); about a hundred bytes each.</summary>
    public int BacklogCapacity { get; set; } = 200_000;

    /// <summary>Texts scored per ONNX call, and at most per message to the shared evaluation queue in a cluster.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Characters of a text that are scored: cost grows with length, and the head of a text is what matters most.</summary>
    public int MaxTextLength { get; set; } = 8_000;
}
