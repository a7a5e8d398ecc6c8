using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>
/// One row of the report: a (model, strategy, params, budget kind, budget) aggregated over seeds and problems. A problem
/// whose outcome has an error or an unknown correctness counts as incorrect.
/// </summary>
public sealed record StrategySummary
{
    /// <summary>The policy model.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>The strategy's name.</summary>
    [JsonPropertyName("strategy")] public required string Strategy { get; init; }

    /// <summary>The strategy's parameters, keys in ordinal order.</summary>
    [JsonPropertyName("params")] public required IReadOnlyDictionary<string, JsonElement> Params { get; init; }

    /// <summary>The parameters as text (<c>key=value, …</c>; empty when none).</summary>
    [JsonPropertyName("params_text")] public required string ParamsText { get; init; }

    /// <summary>The budget.</summary>
    [JsonPropertyName("budget")] public required double Budget { get; init; }

    /// <summary><c>samples</c>, <c>tokens</c> or <c>flops</c>.</summary>
    [JsonPropertyName("budget_kind")] public required string BudgetKind { get; init; }

    /// <summary>Mean correctness over problems (each problem's mean over seeds).</summary>
    [JsonPropertyName("accuracy")] public required double Accuracy { get; init; }

    /// <summary>The 95% bootstrap percentile interval of <see cref="Accuracy"/> over problems: <c>[lower, upper]</c>.</summary>
    [JsonPropertyName("ci")] public required IReadOnlyList<double> Ci { get; init; }

    /// <summary>Mean tokens per problem (prompt prefilled + generated + verifier).</summary>
    [JsonPropertyName("tokens")] public required double Tokens { get; init; }

    /// <summary>Mean policy FLOPs per problem.</summary>
    [JsonPropertyName("flops")] public required double Flops { get; init; }

    /// <summary>Distinct problems.</summary>
    [JsonPropertyName("problems")] public required int Problems { get; init; }

    /// <summary>Distinct seeds.</summary>
    [JsonPropertyName("seeds")] public required int Seeds { get; init; }

    /// <summary>Problem outcomes that failed with an error (counted as incorrect).</summary>
    [JsonPropertyName("errors")] public required int Errors { get; init; }

    /// <summary>Accuracy per difficulty level (keys <c>"1"</c>…<c>"5"</c> for arith; problems without a level are left out).</summary>
    [JsonPropertyName("by_level")] public required IReadOnlyDictionary<string, double> ByLevel { get; init; }

    /// <summary>The series this row belongs to in the plots: <c>strategy</c> or <c>strategy(params)</c>, with the budget kind when not samples.</summary>
    [JsonIgnore] public string Series => ReportText.Series(Strategy, ParamsText, BudgetKind);
}
