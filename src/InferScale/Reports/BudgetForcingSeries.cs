using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>
/// s1's metrics for one set A of thinking budgets: the <c>budget-forcing</c> rows of one model, budget and other parameters,
/// in one mode (<c>cap</c>: thinking only capped; <c>extend</c>: a minimum below the maximum enforced with "Wait";
/// <c>wait</c>: minimum ≥ maximum, so every end of thinking is suppressed up to <c>waits</c> times, s1's "Wait ×n"),
/// at two or more settings of the thinking bounds and waits.
/// </summary>
public sealed record BudgetForcingSeries
{
    /// <summary>The policy model.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary><c>samples</c>, <c>tokens</c> or <c>flops</c>.</summary>
    [JsonPropertyName("budget_kind")] public required string BudgetKind { get; init; }

    /// <summary>The strategy budget (under a samples budget: the traces voted per problem).</summary>
    [JsonPropertyName("budget")] public required double Budget { get; init; }

    /// <summary><c>cap</c> (minimum 0), <c>extend</c> (0 &lt; minimum &lt; maximum) or <c>wait</c> (minimum ≥ maximum: s1's "Wait ×n").</summary>
    [JsonPropertyName("mode")] public required string Mode { get; init; }

    /// <summary>The parameters shared by the rows (the thinking bounds left out), as text.</summary>
    [JsonPropertyName("params_text")] public required string ParamsText { get; init; }

    /// <summary>The rows, by increasing mean thinking tokens (then maximum, then minimum).</summary>
    [JsonPropertyName("rows")] public required IReadOnlyList<BudgetForcingRow> Rows { get; init; }

    /// <summary>s1's Control: the mean over the rows of the share of traces within bounds.</summary>
    [JsonPropertyName("control")] public required double Control { get; init; }

    /// <summary>s1's Scaling: the mean slope of accuracy per thinking token over pairs of rows; null when no pair differs in thinking.</summary>
    [JsonPropertyName("scaling")] public required double? Scaling { get; init; }

    /// <summary>s1's Performance: the best accuracy of the rows.</summary>
    [JsonPropertyName("performance")] public required double Performance { get; init; }

    /// <summary>Pairs the slope averages over.</summary>
    [JsonPropertyName("pairs")] public required int Pairs { get; init; }
}
