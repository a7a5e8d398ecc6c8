namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// Options of <see cref="ComputeOptimalAnalysis"/>: which cases are the baseline and the difficulty probe, how many bins,
/// and the cross-validation seed. Defaults follow Snell et al. (5 bins, weighted best-of-N at 64 as the baseline).
/// </summary>
public sealed record ComputeOptimalAnalysisOptions
{
    /// <summary>Difficulty bins (quantiles of the estimate). Default 5.</summary>
    public int Bins { get; init; } = 5;

    /// <summary>Seed of the 2-fold split of problems (a seeded hash of each problem id). Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>The baseline strategy (Snell's "best-of-N weighted"). Default <c>weighted-majority</c>; <c>best-of-n</c> is the other usual choice.</summary>
    public string BaselineStrategy { get; init; } = "weighted-majority";

    /// <summary>The baseline's budget (samples). Default 64; when absent, the largest budget below it (else the largest present) is used and a note says so.</summary>
    public double BaselineBudget { get; init; } = 64;

    /// <summary>The budget kind of the baseline and of Snell's per-budget view. Default <c>samples</c>.</summary>
    public string BudgetKind { get; init; } = "samples";

    /// <summary>
    /// The probe whose mean reward score is the predicted difficulty, tried in order: the first strategy with cases at
    /// <see cref="ProbeBudget"/> is used. Default <c>weighted-majority</c>, then <c>best-of-n</c>.
    /// </summary>
    public IReadOnlyList<string> ProbeStrategies { get; init; } = ["weighted-majority", "best-of-n"];

    /// <summary>The probe's budget (samples). Default 4, the <c>compute-optimal</c> strategy's default probe.</summary>
    public double ProbeBudget { get; init; } = 4;

    /// <summary>Only probe cases with these parameters (for example <c>aggregation=last</c>); <see langword="null"/> (default) averages all.</summary>
    public IReadOnlyDictionary<string, string>? ProbeParams { get; init; }

    /// <summary>Strategies whose outcomes estimate the oracle pass@1 (<see cref="Experiments.Results.ProblemOutcome.OraclePass"/> of the run with the most candidates).</summary>
    public IReadOnlyList<string> OracleStrategies { get; init; } = ["pass-at-k", "majority", "weighted-majority", "best-of-n"];

    /// <summary>
    /// Strategies never chosen by a policy: <c>pass-at-k</c> grades with the gold answer (not usable at test time) and
    /// <c>compute-optimal</c> is the policy itself. Default both.
    /// </summary>
    public IReadOnlyList<string> ExcludedStrategies { get; init; } = ["pass-at-k", "compute-optimal"];

    /// <summary>The policy model to analyse; <see langword="null"/> (default): the first model (ordinal order) with baseline cases.</summary>
    public string? Model { get; init; }

    /// <summary>The dataset to analyse; <see langword="null"/> (default): the first dataset (ordinal order) with baseline cases of the model.</summary>
    public string? Dataset { get; init; }

    /// <summary>
    /// Whether a problem's cost in tokens includes the tokens the reward model read. Default false: tokens are the
    /// policy's prompt (computed) and completion tokens, the quantity token budgets charge.
    /// </summary>
    public bool IncludeVerifierTokens { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Bins < 1)
            throw new ArgumentOutOfRangeException(nameof(Bins), Bins, "Bins must be >= 1.");
        if (string.IsNullOrWhiteSpace(BaselineStrategy))
            throw new ArgumentException("BaselineStrategy must be a strategy name.", nameof(BaselineStrategy));
        if (!(BaselineBudget > 0) || double.IsInfinity(BaselineBudget))
            throw new ArgumentOutOfRangeException(nameof(BaselineBudget), BaselineBudget, "BaselineBudget must be a positive number.");
        if (BudgetKind is not ("samples" or "tokens" or "flops"))
            throw new ArgumentException($"BudgetKind must be samples, tokens or flops; got '{BudgetKind}'.", nameof(BudgetKind));
        if (ProbeStrategies is null || ProbeStrategies.Count == 0)
            throw new ArgumentException("ProbeStrategies must name at least one strategy.", nameof(ProbeStrategies));
        if (!(ProbeBudget > 0) || double.IsInfinity(ProbeBudget))
            throw new ArgumentOutOfRangeException(nameof(ProbeBudget), ProbeBudget, "ProbeBudget must be a positive number.");
        ArgumentNullException.ThrowIfNull(OracleStrategies, nameof(OracleStrategies));
        ArgumentNullException.ThrowIfNull(ExcludedStrategies, nameof(ExcludedStrategies));
    }
}
