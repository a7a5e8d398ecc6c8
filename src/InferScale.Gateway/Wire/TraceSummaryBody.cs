using System.Text.Json.Serialization;

namespace InferScale.Gateway.Wire;

/// <summary>The <c>inferscale</c> field: what the strategy did, decided and spent.</summary>
internal sealed class TraceSummaryBody
{
    /// <summary>The strategy's catalog name, or <c>sample</c> for a bare model name.</summary>
    public required string Strategy { get; init; }

    /// <summary>The served model.</summary>
    public required string Model { get; init; }

    /// <summary>The budget in <c>ComputeBudget</c> syntax (<c>16samples</c>, <c>2048tokens</c>, <c>1e9flops</c>).</summary>
    public required string Budget { get; init; }

    public required string BudgetKind { get; init; }

    public double BudgetAmount { get; init; }

    public double BudgetSpent { get; init; }

    public bool BudgetExhausted { get; init; }

    public bool BudgetOverrun { get; init; }

    public ulong Seed { get; init; }

    /// <summary>The strategy options that differ from or add to the defaults, as given.</summary>
    public Dictionary<string, string>? Options { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Answer { get; init; }

    /// <summary>Always null: the gateway has no gold answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool? Correct { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? SelectedIndex { get; init; }

    public required List<CandidateBody> Candidates { get; init; }

    public required List<FailureBody> Failures { get; init; }

    public int TraceEvents { get; init; }

    public Dictionary<string, double>? Metrics { get; init; }

    public required UsageDetailBody Usage { get; init; }
}
