using System.Globalization;
using System.Text;
using Lantern.Training.Evaluation;
using Lantern.Training.Features;

namespace Lantern.Training;

/// <summary>Renders models/&lt;name&gt;.card.md: data, licence, features, validation figures, threshold, use and limits.</summary>
internal static class ModelCard
{
    public static string Render(ModelCardData card)
    {
        var t = card.Trained;
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# Model card: {card.Task.Name}");
        s.AppendLine();
        s.AppendLine(inv, $"Binary text classifier. Output `probability` = P({card.Task.Positive}); flag when `probability >= {t.Threshold.ToString("R", inv)}`.");
        s.AppendLine(inv, $"File `models/{card.Task.Name}.onnx`, SHA-256 `{card.Sha256}`, {t.Onnx.Length / 1024} KiB. Written by `tools/Lantern.Training` (`train`); regenerate with");
        s.AppendLine("`source scripts/onnxruntime.sh && dotnet run -c Release --project tools/Lantern.Training -- train`. Same data and settings give the same bytes.");
        s.AppendLine();
        s.AppendLine("## Data");
        s.AppendLine(inv, $"`{card.Task.DataPath}` (see data/README.md for sources, licences and attributions). Split with seed {card.Settings.Seed}, by groups of");
        s.AppendLine("near-duplicates (first 48 lower-cased alphanumerics), so template variants never straddle a split:");
        s.AppendLine(inv, $"{t.Fit.Count - t.AugmentedRows} fit rows, a tuning split ({card.Settings.TuningFraction:P0} of the rest; chooses the threshold), and {t.Validation.Count} validation rows ({card.Settings.HeldOutFraction:P0}; never seen in training).");
        if (t.AugmentedRows > 0)
        {
            s.AppendLine(inv, $"Training adds {t.AugmentedRows} templated rows (`Augmentation/`): direct and indirect injections inside emails, web pages, tool output, code and documents; the same carriers without an attack; look-alike benign requests; and long benign texts made by joining benign rows.");
        }
        s.AppendLine();
        s.AppendLine("## Licence");
        s.AppendLine("The model is derived from the data in data/; its sources' licences (MIT, Apache-2.0, CC0, CC-BY-4.0, CC-BY-SA-3.0/4.0) and attributions are listed in data/README.md. Because CC-BY-SA rows are part of the training data, distribute the model with that attribution and under compatible terms.");
        s.AppendLine();
        s.AppendLine("## Features and model");
        var ngrams = t.Features.Ngrams;
        s.AppendLine("The graph takes raw text (`text`, string[N]) and runs in ONNX Runtime 1.30 with standard ops plus ORT's built-in com.microsoft");
        s.AppendLine("Tokenizer and Unique, building no dense vector (a run costs what the text's length costs; a Loop scores a batch one text at a");
        s.AppendLine("time, so nothing is padded): Tokenizer (Unicode characters) → LabelEncoder (character ids; upper and lower case share one)");
        s.AppendLine("→ Conv + MatMul (every character n-gram as a number) → Mod (bucket) → Unique (presence, not counts) → Gather");
        s.AppendLine("→ w·x/|x| with x = presence × smoothed IDF scaled to unit length (so length and repetition are not rewarded) + intercept →");
        s.AppendLine("Sigmoid (`probability`, float[N,1]). `tools/Lantern.Training/Features/CharNgramBlock.cs` defines the n-gram numbers.");
        var used = t.Features.Idf.Count(v => v > 0);
        s.AppendLine(inv, $"- character {CharNgramBlock.MinN}–{ngrams.MaxN}-grams (including the windows that run past the end of the text) over an alphabet of the {ngrams.Alphabet.Count} most frequent characters of the fit rows, case folded ({ngrams.Ids.Count} characters map to them; one more id for any other),");
        s.AppendLine(inv, $"  in {ngrams.Size} buckets (the n-gram's number modulo that prime); {used} buckets are in ≥ {card.Settings.MinDocs} fit texts and weighted, the rest ignored");
        s.AppendLine(inv, $"- logistic regression, L2 {card.Settings.L2}, AdaGrad (rate {card.Settings.LearningRate}, batch {card.Settings.BatchSize}, {card.Settings.Epochs} epochs), classes balanced; trained in {card.TrainingTime.TotalSeconds:F0} s.");
        s.AppendLine();
        s.AppendLine("## Validation (scored through ONNX Runtime)");
        s.AppendLine("| rows | precision | recall | F1 | ROC-AUC | false-positive rate | threshold |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Row(s, "validation", card.Validation!);
        if (card.Baseline is { } baseline)
        {
            Row(s, "baseline llm-guardrail-tfidf-lr on the same validation rows (threshold 0.5)", baseline);
        }
        s.AppendLine();
        s.AppendLine(inv, $"The trainer's own float arithmetic agrees with ORT to within {card.MaxTrainerDifference:E1} on every validation row.");
        if (card.Probe is { } probe)
        {
            s.AppendLine();
            s.AppendLine("## Direct and indirect injections, and the length shortcut");
            s.AppendLine("The probe set uses attack wordings and carriers that training never saw (the second half of every template list)");
            s.AppendLine("with benign filler from the validation rows; half are carriers with an attack, half the same carriers without.");
            s.AppendLine("| model | rows | precision | recall | F1 | ROC-AUC | false-positive rate | threshold |");
            s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            Row(s, "shipped (augmented) | probe", probe);
            Row(s, "without augmentation | probe", card.PlainProbe!);
            Row(s, "without augmentation | validation", card.PlainValidation!);
            s.AppendLine();
            s.AppendLine(inv, $"Long benign validation texts (≥ 500 characters, {card.LongBenignCount} rows) flagged: {card.LongBenignFlagged} by the shipped model, {card.PlainLongBenignFlagged} without augmentation.");
        }
        s.AppendLine();
        s.AppendLine("## Spot checks (hand-written, scored through ONNX Runtime)");
        s.AppendLine("| expected | score | verdict | text |");
        s.AppendLine("| --- | ---: | --- | --- |");
        foreach (var ((label, text), score) in card.Task.SpotChecks.Zip(card.SpotCheckScores))
        {
            var right = (score >= t.Threshold) == (label == 1);
            s.AppendLine(inv, $"| {(label == 1 ? "positive" : "negative")} | {score:F3} | {(right ? "right" : "**wrong**")} | {text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
        s.AppendLine();
        s.AppendLine("## Intended use");
        s.AppendLine(inv, $"A fast first-line score for every trace and generation input/output in Lantern (evaluators and the guard API), surfaced as a score and a flag for review, alerting and filtering. Not a sole gate for blocking traffic.");
        s.AppendLine();
        s.AppendLine("## Limits");
        s.AppendLine("- English only; bag of character 3–5-grams (which span word boundaries), so it sees fragments of words and phrases, not meaning: paraphrased or novel attacks and implicit toxicity are missed, and quoting an attack (e.g. in a security discussion) can score high.");
        s.AppendLine("- Validation comes from the same sources as training: expect lower figures on real traffic. The probe uses our own templates.");
        s.AppendLine("- Inherits the data's biases (data/README.md). Toxicity: profanity-heavy and dialect (AAE) bias from Davidson; mentions of identity groups (women, Muslims, ...) push scores up even in friendly sentences, because in the hate-speech sources such mentions are mostly hateful; and Toxic Spans adds only positives from news comments, so civil argumentative comments score near the threshold (see the spot checks). Injection: positives are mostly jailbreak-style prompts; short classic injections (\"ignore the above and ...\") inside a benign task can fall below the threshold.");
        s.AppendLine("- Scores are not calibrated probabilities; choose project thresholds from your own labelled traffic.");
        return s.ToString();
    }

    public static string Summary(ModelCardData card)
    {
        var v = card.Validation!;
        var inv = CultureInfo.InvariantCulture;
        var summary = string.Create(inv, $"{card.Task.Name}: F1 {v.F1:F3} ROC-AUC {v.RocAuc:F4} precision {v.Precision:F3} recall {v.Recall:F3} at {v.Threshold:F3} ({v.Count} validation rows)");
        if (card.Probe is { } p)
        {
            summary += string.Create(inv, $"; probe F1 {p.F1:F3} (without augmentation {card.PlainProbe!.F1:F3})");
        }
        if (card.Baseline is { } b)
        {
            summary += string.Create(inv, $"; baseline F1 {b.F1:F3} ROC-AUC {b.RocAuc:F4}");
        }
        return summary;
    }

    private static void Row(StringBuilder s, string label, BinaryMetrics m) => s.AppendLine(CultureInfo.InvariantCulture,
        $"| {label} ({m.Count}, {m.Positives} positive) | {m.Precision:F3} | {m.Recall:F3} | {m.F1:F3} | {m.RocAuc:F4} | {m.FalsePositiveRate:F3} | {m.Threshold:F3} |");
}
