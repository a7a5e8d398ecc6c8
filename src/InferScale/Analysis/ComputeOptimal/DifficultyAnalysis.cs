using System.Text.Json.Serialization;
using InferScale.Strategies;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>The compute-optimal analysis under one difficulty estimate (oracle or predicted bins).</summary>
public sealed record DifficultyAnalysis
{
    /// <summary>How problems were binned.</summary>
    [JsonPropertyName("difficulty")]
    [JsonConverter(typeof(JsonStringEnumConverter<DifficultyEstimate>))]
    public DifficultyEstimate Difficulty { get; init; }

    /// <summary>The configuration(s) whose outcomes gave the estimate (the probe for predicted bins, the most-sampled runs for oracle bins).</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = "";

    /// <summary>The probe's size in samples (predicted bins); <see langword="null"/> for oracle bins.</summary>
    [JsonPropertyName("probe_samples")]
    public int? ProbeSamples { get; init; }

    /// <summary>Mean tokens per problem spent estimating difficulty (added to every problem's cost); 0 for oracle bins.</summary>
    [JsonPropertyName("probe_mean_tokens")]
    public double ProbeMeanTokens { get; init; }

    /// <summary>The bins.</summary>
    [JsonPropertyName("bins")]
    public IReadOnlyList<DifficultyBinRange> Bins { get; init; } = [];

    /// <summary>Snell's per-budget view, budget ascending.</summary>
    [JsonPropertyName("per_budget")]
    public IReadOnlyList<BudgetCurvePoint> PerBudget { get; init; } = [];

    /// <summary>The cross-validated accuracy-vs-tokens curve of the allocation by difficulty, target ascending.</summary>
    [JsonPropertyName("allocation")]
    public IReadOnlyList<AllocationCurvePoint> Allocation { get; init; } = [];

    /// <summary>The least mean tokens per problem at which the cross-validated allocation reaches the baseline's accuracy; <see langword="null"/> when it never does.</summary>
    [JsonPropertyName("tokens_to_match_baseline")]
    public double? TokensToMatchBaseline { get; init; }

    /// <summary>The final policy (fitted on all problems): the cheapest allocation reaching the baseline's accuracy, or the most accurate one when none does.</summary>
    [JsonPropertyName("policy")]
    public IReadOnlyList<BinChoice> Policy { get; init; } = [];

    /// <summary>Whether <see cref="Policy"/> reaches the baseline's accuracy on all problems (in-sample).</summary>
    [JsonPropertyName("policy_reaches_baseline")]
    public bool PolicyReachesBaseline { get; init; }

    /// <summary>The final policy as the table the <c>compute-optimal</c> strategy reads.</summary>
    public ComputeOptimalPolicy ToPolicy(string? model = null) => new()
    {
        Difficulty = Difficulty,
        ProbeSamples = ProbeSamples,
        Model = model,
        Bins = [.. Policy.Select(c => new ComputeOptimalPolicyBin
        {
            Bin = c.Range.Bin,
            LowerBound = c.Range.LowerBound,
            EstimateLow = c.Range.Low,
            EstimateHigh = c.Range.High,
            Strategy = c.Configuration.Strategy,
            Params = c.Configuration.Params,
            BudgetKind = c.Configuration.BudgetKind,
            Budget = c.Configuration.Budget,
        })],
    };
}
