using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>One thinking budget of a <see cref="BudgetForcingSeries"/>: a report row of <c>budget-forcing</c> and what forcing did.</summary>
public sealed record BudgetForcingRow
{
    /// <summary>The maximum thinking tokens (<c>thinking-budget</c>).</summary>
    [JsonPropertyName("thinking_budget")] public required int ThinkingBudget { get; init; }

    /// <summary>The minimum thinking tokens (<c>min-thinking-tokens</c>; 0 = thinking is only capped).</summary>
    [JsonPropertyName("min_thinking_tokens")] public required int MinThinkingTokens { get; init; }

    /// <summary>The row's parameters, as text.</summary>
    [JsonPropertyName("params_text")] public required string ParamsText { get; init; }

    /// <summary>The row's accuracy (as in the main table).</summary>
    [JsonPropertyName("accuracy")] public required double Accuracy { get; init; }

    /// <summary>The row's 95% bootstrap interval: <c>[lower, upper]</c>.</summary>
    [JsonPropertyName("ci")] public required IReadOnlyList<double> Ci { get; init; }

    /// <summary>Mean thinking tokens per trace (the compute s1 plots accuracy against).</summary>
    [JsonPropertyName("thinking_tokens")] public required double ThinkingTokens { get; init; }

    /// <summary>Share of traces whose thinking ended within [minimum, maximum].</summary>
    [JsonPropertyName("within_bounds")] public required double WithinBounds { get; init; }

    /// <summary>Share of traces whose thinking was closed by force at the maximum.</summary>
    [JsonPropertyName("capped")] public required double Capped { get; init; }

    /// <summary>Mean "Wait" extensions per trace.</summary>
    [JsonPropertyName("waits")] public required double Waits { get; init; }

    /// <summary>Mean tokens per problem (as in the main table).</summary>
    [JsonPropertyName("tokens")] public required double Tokens { get; init; }
}
