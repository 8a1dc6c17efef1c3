using Lantern.Training.Data;
using Lantern.Training.Features;

namespace Lantern.Training.Learning;

/// <summary>The result of one training run: the ONNX bytes, the chosen threshold and the rows it was judged on.</summary>
internal sealed record TrainedClassifier(
    byte[] Onnx,
    float Threshold,
    FeatureExtractor Features,
    LogisticRegression Model,
    IReadOnlyList<LabelledText> Fit,
    IReadOnlyList<LabelledText> Validation,
    int AugmentedRows);
