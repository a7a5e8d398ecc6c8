using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>
/// Snell et al.'s exchange-rate view: the smallest model with test-time compute against the largest model's greedy at
/// matched total FLOPs, for R = 0.16, 0.79 and 22. When it cannot be made (one model, unknown sizes, no greedy row)
/// <see cref="Note"/> says why and <see cref="Rows"/> is empty.
/// </summary>
public sealed record ExchangeRateSummary
{
    /// <summary>The small policy model; null when fewer than two sized models exist.</summary>
    [JsonPropertyName("small_model")] public string? SmallModel { get; init; }

    /// <summary>The large policy model; null when fewer than two sized models exist.</summary>
    [JsonPropertyName("large_model")] public string? LargeModel { get; init; }

    /// <summary>M = parameters(large) / parameters(small).</summary>
    [JsonPropertyName("size_ratio")] public double? SizeRatio { get; init; }

    /// <summary>The large model's greedy accuracy.</summary>
    [JsonPropertyName("large_greedy_accuracy")] public double? LargeGreedyAccuracy { get; init; }

    /// <summary>The large model's greedy mean FLOPs per problem.</summary>
    [JsonPropertyName("large_greedy_flops")] public double? LargeGreedyFlops { get; init; }

    /// <summary>Why the comparison is missing or partial; null when complete.</summary>
    [JsonPropertyName("note")] public string? Note { get; init; }

    /// <summary>One row per R.</summary>
    [JsonPropertyName("rows")] public required IReadOnlyList<ExchangeRateRow> Rows { get; init; }
}
