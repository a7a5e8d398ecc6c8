using System.Text.Json.Serialization;
using InferScale.Experiments.Results;

namespace InferScale.Reports;

/// <summary>The analysed run: what <c>summary.json</c> holds and every other report file is rendered from.</summary>
public sealed record RunSummary
{
    /// <summary>The experiment's name.</summary>
    [JsonPropertyName("experiment")] public required string Experiment { get; init; }

    /// <summary>The run's seed.</summary>
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }

    /// <summary>The run's wall time in seconds, when known.</summary>
    [JsonPropertyName("wall_time_seconds")] public double? WallTimeSeconds { get; init; }

    /// <summary>Cases in the run.</summary>
    [JsonPropertyName("cases")] public required int Cases { get; init; }

    /// <summary>The policy models that appear in the outcomes (with sizes when known), in report order.</summary>
    [JsonPropertyName("models")] public required IReadOnlyList<ModelInfo> Models { get; init; }

    /// <summary>One row per (model, strategy, params, budget kind, budget).</summary>
    [JsonPropertyName("strategies")] public required IReadOnlyList<StrategySummary> Strategies { get; init; }

    /// <summary>The best row per difficulty level at each budget.</summary>
    [JsonPropertyName("level_winners")] public required IReadOnlyList<LevelWinner> LevelWinners { get; init; }

    /// <summary>Coverage and majority curves with fitted laws.</summary>
    [JsonPropertyName("scaling_laws")] public required IReadOnlyList<ScalingCurve> ScalingLaws { get; init; }

    /// <summary>The compute-optimal frontier across models and strategies.</summary>
    [JsonPropertyName("frontier")] public required FrontierSummary Frontier { get; init; }

    /// <summary>The FLOPs-matched exchange-rate comparison.</summary>
    [JsonPropertyName("exchange_rate")] public required ExchangeRateSummary ExchangeRate { get; init; }

    /// <summary>The compute-optimal section (fields null when not analysed).</summary>
    [JsonPropertyName("compute_optimal")] public required ComputeOptimalSummary ComputeOptimal { get; init; }

    /// <summary>s1's budget-forcing metrics per set of two or more thinking budgets (empty when the run has none).</summary>
    [JsonPropertyName("budget_forcing")] public IReadOnlyList<BudgetForcingSeries> BudgetForcing { get; init; } = [];
}
