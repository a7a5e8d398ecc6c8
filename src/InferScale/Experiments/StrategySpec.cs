using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferScale.Experiments;

/// <summary>A strategy with a grid of parameters (each value a list; the grid is their cross product) and budgets.</summary>
public sealed record StrategySpec
{
    /// <summary>Strategy name as <c>inferscale strategies</c> lists it (e.g. <c>majority</c>, <c>beam-search</c>).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Parameter grid: option name → list of values (a single value is a one-element grid).</summary>
    [JsonPropertyName("params")]
    public IReadOnlyDictionary<string, JsonElement> Params { get; set; } = new Dictionary<string, JsonElement>();

    /// <summary>Budgets to run at.</summary>
    [JsonPropertyName("budgets")]
    public IReadOnlyList<double> Budgets { get; set; } = [];

    /// <summary>What the budgets count: <c>samples</c> (samples-equivalent), <c>tokens</c> or <c>flops</c>.</summary>
    [JsonPropertyName("budget_kind")]
    public string BudgetKind { get; set; } = "samples";

    /// <summary>Run this strategy only on these models (by name); null runs it on every model of the experiment.</summary>
    [JsonPropertyName("models")]
    public IReadOnlyList<string>? Models { get; set; }
}
