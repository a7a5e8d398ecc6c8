using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>compute-optimal</c> (Snell et al.): estimate the question's difficulty, bin it into
/// <see cref="DifficultyBins"/> quantiles, and apply the strategy and hyperparameters that were best for that bin on
/// held-out questions.
/// </summary>
public sealed record ComputeOptimalOptions : ScalingStrategyOptions
{
    /// <summary>Difficulty bins (quantiles). Default 5.</summary>
    [Description("Difficulty bins (quantiles of estimated difficulty).")]
    public int DifficultyBins { get; init; } = 5;

    /// <summary>How difficulty is estimated. Default <see cref="DifficultyEstimate.Predicted"/>.</summary>
    [Description("How difficulty is estimated: predicted (verifier score of probe samples) or oracle (pass@1).")]
    public DifficultyEstimate Difficulty { get; init; } = DifficultyEstimate.Predicted;

    /// <summary>Probe samples used to estimate difficulty (counted against the budget). Default 4.</summary>
    [Description("Probe samples used to estimate difficulty (charged to the budget).")]
    public int ProbeSamples { get; init; } = 4;

    /// <summary>A file holding the per-bin choices learned on held-out questions; <see langword="null"/> uses built-in choices.</summary>
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
