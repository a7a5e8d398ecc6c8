using System.Text.Json.Serialization;

namespace InferScale.Strategies;

/// <summary>
/// One difficulty bin of a <see cref="ComputeOptimalPolicy"/>: which estimates fall into it and which configuration
/// (strategy, options, budget) runs on its problems.
/// </summary>
public sealed record ComputeOptimalPolicyBin
{
    /// <summary>The bin's index: 0 is the easiest (highest estimate), the last the hardest.</summary>
    [JsonPropertyName("bin")]
    public int Bin { get; init; }

    /// <summary>
    /// The least estimate routed to this bin (an estimate <c>x</c> goes to the first bin, easiest first, with
    /// <c>x ≥ LowerBound</c>); <see langword="null"/> for the last bin, which takes everything below.
    /// </summary>
    [JsonPropertyName("lower_bound")]
    public double? LowerBound { get; init; }

    /// <summary>The lowest estimate among the problems the bin was learned on (informational).</summary>
    [JsonPropertyName("estimate_low")]
    public double? EstimateLow { get; init; }

    /// <summary>The highest estimate among the problems the bin was learned on (informational).</summary>
    [JsonPropertyName("estimate_high")]
    public double? EstimateHigh { get; init; }

    /// <summary>The catalog name of the strategy to run (see <see cref="StrategyCatalog.Default"/>).</summary>
    [JsonPropertyName("strategy")]
    public string Strategy { get; init; } = "";

    /// <summary>The strategy's options (kebab-case name → value), as <see cref="StrategyCatalog.Create"/> reads them.</summary>
    [JsonPropertyName("params")]
    public IReadOnlyDictionary<string, string> Params { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The configuration's budget kind: <c>samples</c>, <c>tokens</c> or <c>flops</c>.</summary>
    [JsonPropertyName("budget_kind")]
    public string BudgetKind { get; init; } = "samples";

    /// <summary>The configuration's budget, in <see cref="BudgetKind"/>.</summary>
    [JsonPropertyName("budget")]
    public double Budget { get; init; }

    /// <summary>The configuration's budget as a <see cref="ComputeBudget"/>; throws <see cref="FormatException"/> when invalid.</summary>
    public ComputeBudget ToBudget() => ComputeBudget.Parse(FormattableString.Invariant($"{Budget:R}{BudgetKind}"));
}
