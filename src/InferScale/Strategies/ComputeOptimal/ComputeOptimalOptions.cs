using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>compute-optimal</c> (Snell et al.): estimate the question's difficulty from <see cref="ProbeSamples"/>
/// probe samples, find its bin in the policy table (<see cref="Table"/>, learned on held-out questions by
/// <c>InferScale.Analysis.ComputeOptimal</c>), and apply that bin's strategy and hyperparameters with the rest of the
/// budget. The probe scores samples by the reward model aggregated by <see cref="RewardOptions.Aggregation"/>.
/// </summary>
public sealed record ComputeOptimalOptions : RewardOptions
{
    /// <summary>Difficulty bins of the built-in policy (used when <see cref="Table"/> is empty; a table brings its own bins). Default 5.</summary>
    [Description("Difficulty bins of the built-in policy (a table brings its own).")]
    public int DifficultyBins { get; init; } = 5;

    /// <summary>
    /// How difficulty is estimated. Default <see cref="DifficultyEstimate.Predicted"/> (the probe's mean reward score,
    /// usable at test time). <see cref="DifficultyEstimate.Oracle"/> grades the probe against the gold answer: for
    /// evaluation only (an upper bound), never for deployment.
    /// </summary>
    [Description("How difficulty is estimated: predicted (verifier score of probe samples) or oracle (pass@1).")]
    public DifficultyEstimate Difficulty { get; init; } = DifficultyEstimate.Predicted;

    /// <summary>Probe samples used to estimate difficulty (counted against the budget). Default 4.</summary>
    [Description("Probe samples used to estimate difficulty (charged to the budget).")]
    public int ProbeSamples { get; init; } = 4;

    /// <summary>
    /// A policy table file (<see cref="ComputeOptimalPolicyFile"/>) holding the per-bin choices learned on held-out
    /// questions; <see langword="null"/> or empty uses the built-in policy (<see cref="ComputeOptimalBuiltInPolicy"/>).
    /// The file is read when the strategy is built.
    /// </summary>
    [Description("File with the per-bin strategy choices learned on held-out questions.")]
    public string? Table { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (DifficultyBins < 1)
            throw new ArgumentOutOfRangeException(nameof(DifficultyBins), DifficultyBins, "DifficultyBins must be >= 1.");
        if (ProbeSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(ProbeSamples), ProbeSamples, "ProbeSamples must be >= 1.");
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (budget.Kind == BudgetKind.Samples && ProbeSamples >= budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(ProbeSamples), ProbeSamples, $"ProbeSamples ({ProbeSamples}) leaves nothing of the budget ({budget}).");
    }
}
