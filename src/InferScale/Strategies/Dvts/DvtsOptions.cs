using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>dvts</c> (diverse verifier tree search): the budget N is split into N/M independent subtrees, each a
/// beam search of width <see cref="SubtreeWidth"/> that keeps only its best step.
/// </summary>
public sealed record DvtsOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Width N: steps sampled per round over all subtrees. Default <see langword="null"/>: the samples budget (N
    /// samples-equivalent), or <see cref="StepSearchWidth.DefaultWidth"/> under a tokens or FLOPs budget.
    /// </summary>
    [Description("Width N: steps sampled per round over all subtrees; empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Width { get; init; }

    /// <summary>Width M of each subtree. Default 4.</summary>
    [Description("Width M of each subtree (N/M subtrees).")]
    public int SubtreeWidth { get; init; } = 4;

    /// <summary>Maximum rounds (steps). Default 40.</summary>
    [Description("Maximum search rounds (steps).")]
    public int MaxRounds { get; init; } = 40;

    /// <summary>How step scores rank partial solutions. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores rank steps: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (SubtreeWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(SubtreeWidth), SubtreeWidth, "SubtreeWidth must be >= 1.");
        if (MaxRounds < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxRounds), MaxRounds, "MaxRounds must be >= 1.");
        StepSearchWidth.Validate(nameof(Width), Width);
        if (Width is int n && SubtreeWidth > n)
            throw new ArgumentOutOfRangeException(nameof(SubtreeWidth), SubtreeWidth, $"SubtreeWidth (M = {SubtreeWidth}) is larger than Width (N = {n}).");
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (budget.Kind == BudgetKind.Samples && SubtreeWidth > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(SubtreeWidth), SubtreeWidth, $"SubtreeWidth (M = {SubtreeWidth}) is larger than the budget (N = {budget}).");
        StepSearchWidth.ValidateBudget(nameof(Width), Width, budget);
    }
}
