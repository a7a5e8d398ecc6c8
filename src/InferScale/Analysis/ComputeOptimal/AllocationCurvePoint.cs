using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// One point of the cross-validated allocation curve: each fold chose the cheapest per-bin allocation reaching
/// <see cref="Target"/> on itself (or its most accurate one when it cannot), evaluated on the other fold.
/// </summary>
public sealed record AllocationCurvePoint
{
    /// <summary>The accuracy the choosing folds required of themselves.</summary>
    [JsonPropertyName("target")]
    public double Target { get; init; }

    /// <summary>Held-out accuracy (both folds combined).</summary>
    [JsonPropertyName("accuracy")]
    public double Accuracy { get; init; }

    /// <summary>Held-out mean tokens per problem (the probe's included for predicted difficulty).</summary>
    [JsonPropertyName("mean_tokens")]
    public double MeanTokens { get; init; }

    /// <summary>Held-out mean policy FLOPs per problem (the probe's included for predicted difficulty).</summary>
    [JsonPropertyName("mean_flops")]
    public double MeanFlops { get; init; }
}
