using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// Snell's per-budget view at one generation budget B: per bin, the configuration at budget ≤ B that was most accurate
/// on the other fold, evaluated on held-out problems (2-fold cross-validation, both folds combined).
/// </summary>
public sealed record BudgetCurvePoint
{
    /// <summary>The generation budget B (in the analysis's budget kind).</summary>
    [JsonPropertyName("budget")]
    public double Budget { get; init; }

    /// <summary>Cross-validated accuracy of the compute-optimal policy at B.</summary>
    [JsonPropertyName("accuracy")]
    public double Accuracy { get; init; }

    /// <summary>Mean tokens per problem (the probe's included for predicted difficulty).</summary>
    [JsonPropertyName("mean_tokens")]
    public double MeanTokens { get; init; }

    /// <summary>Mean policy FLOPs per problem (the probe's included for predicted difficulty).</summary>
    [JsonPropertyName("mean_flops")]
    public double MeanFlops { get; init; }

    /// <summary>The configuration each bin gets at B when the policy is fitted on all problems (easiest bin first), as canonical keys.</summary>
    [JsonPropertyName("choices")]
    public IReadOnlyList<string> Choices { get; init; } = [];
}
