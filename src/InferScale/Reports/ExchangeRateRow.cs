using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>
/// The FLOPs-matched comparison at one ratio R = D_inference / D_pretrain: the small model may spend
/// <c>(M + 3·(M − 1)/R) / M</c> times the large model's greedy FLOPs per problem, and its most accurate row within
/// that budget is compared with the large model's greedy accuracy.
/// </summary>
public sealed record ExchangeRateRow
{
    /// <summary>R = D_inference / D_pretrain.</summary>
    [JsonPropertyName("r")] public required double R { get; init; }

    /// <summary>The small model's allowed inference compute relative to its own greedy (<c>M + 3·(M − 1)/R</c>).</summary>
    [JsonPropertyName("multiplier")] public required double Multiplier { get; init; }

    /// <summary>The small model's matched FLOPs budget per problem.</summary>
    [JsonPropertyName("flops_budget")] public required double FlopsBudget { get; init; }

    /// <summary>The small model's best row within the budget: its strategy; null when none fits.</summary>
    [JsonPropertyName("small_strategy")] public string? SmallStrategy { get; init; }

    /// <summary>That row's parameters, as text.</summary>
    [JsonPropertyName("small_params_text")] public string? SmallParamsText { get; init; }

    /// <summary>That row's budget kind.</summary>
    [JsonPropertyName("small_budget_kind")] public string? SmallBudgetKind { get; init; }

    /// <summary>That row's budget.</summary>
    [JsonPropertyName("small_budget")] public double? SmallBudget { get; init; }

    /// <summary>That row's accuracy.</summary>
    [JsonPropertyName("small_accuracy")] public double? SmallAccuracy { get; init; }

    /// <summary>That row's mean FLOPs per problem.</summary>
    [JsonPropertyName("small_flops")] public double? SmallFlops { get; init; }

    /// <summary><c>small+test-time</c>, <c>large greedy</c> or <c>tie</c>.</summary>
    [JsonPropertyName("winner")] public required string Winner { get; init; }
}
