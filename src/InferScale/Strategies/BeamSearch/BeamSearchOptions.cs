using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>beam-search</c> (Snell et al.): with a budget of N samples, sample N first steps, score them with the
/// PRM, keep the top N/M, sample M continuations of each, and repeat for at most <see cref="MaxRounds"/> rounds; finish
/// with weighted best-of-N over the completed beams.
/// </summary>
public sealed record BeamSearchOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Width N: steps sampled per round. Default <see langword="null"/>: the samples budget (N samples-equivalent), or
    /// <see cref="StepSearchWidth.DefaultWidth"/> under a tokens or FLOPs budget (which then bounds the rounds).
    /// </summary>
    [Description("Width N: steps sampled per round; empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Width { get; init; }

    /// <summary>Beam width M: continuations per kept beam. Default 4.</summary>
    [Description("Beam width M: continuations sampled per kept beam (N/M beams are kept).")]
    public int BeamWidth { get; init; } = 4;

    /// <summary>Maximum rounds (steps). Default 40.</summary>
    [Description("Maximum search rounds (steps).")]
    public int MaxRounds { get; init; } = 40;

    /// <summary>How step scores rank partial solutions. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores rank beams: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
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
