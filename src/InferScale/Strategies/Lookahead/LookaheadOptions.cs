using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>lookahead</c> (Snell et al.): beam search that scores a step by rolling it out
/// <see cref="Lookahead"/> more steps at temperature 0 and scoring the rollout's end; cost about N·(k+1).
/// </summary>
public sealed record LookaheadOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Width N: steps sampled per round. Default <see langword="null"/>: the samples budget (N samples-equivalent; the
    /// rollouts are continuations, so the run costs about N·(k+1) steps per round), or
    /// <see cref="StepSearchWidth.DefaultWidth"/> under a tokens or FLOPs budget.
    /// </summary>
    [Description("Width N: steps sampled per round; empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Width { get; init; }

    /// <summary>How the PRM's step scores of a rollout's end rank the step. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores of the rollout's end rank a step: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <summary>Lookahead depth k. Default 3.</summary>
    [Description("Lookahead depth k: greedy rollout steps used to score a step.")]
    public int Lookahead { get; init; } = 3;

    /// <summary>Beam width M. Default 4.</summary>
    [Description("Beam width M.")]
    public int BeamWidth { get; init; } = 4;

    /// <summary>Maximum rounds (steps). Default 40.</summary>
    [Description("Maximum search rounds (steps).")]
    public int MaxRounds { get; init; } = 40;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Lookahead < 1)
            throw new ArgumentOutOfRangeException(nameof(Lookahead), Lookahead, "Lookahead must be >= 1 (use beam-search for k = 0).");
        if (BeamWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(BeamWidth), BeamWidth, "BeamWidth must be >= 1.");
        if (MaxRounds < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxRounds), MaxRounds, "MaxRounds must be >= 1.");
        StepSearchWidth.Validate(nameof(Width), Width);
        if (Width is int n && BeamWidth > n)
            throw new ArgumentOutOfRangeException(nameof(BeamWidth), BeamWidth, $"BeamWidth (M = {BeamWidth}) is larger than Width (N = {n}).");
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (budget.Kind == BudgetKind.Samples && BeamWidth > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(BeamWidth), BeamWidth, $"BeamWidth (M = {BeamWidth}) is larger than the budget (N = {budget}).");
        StepSearchWidth.ValidateBudget(nameof(Width), Width, budget);
    }
}
