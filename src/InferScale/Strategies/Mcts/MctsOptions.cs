using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>Options of <c>mcts</c>: Monte Carlo tree search over steps with UCT selection and PRM values.</summary>
public sealed record MctsOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Width N: the search stops once N solutions are finished or N·<see cref="MaxDepth"/> steps were sampled (the most
    /// a width-N beam search may sample). Default <see langword="null"/>: the samples budget (N samples-equivalent), or
    /// <see cref="StepSearchWidth.DefaultWidth"/> under a tokens or FLOPs budget.
    /// </summary>
    [Description("Width N: stop after N finished solutions or N x max-depth steps; empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Width { get; init; }

    /// <summary>How PRM step scores become a node's value. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores become a node's value: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <summary>UCT exploration constant C. Default 1.</summary>
    [Description("UCT exploration constant C.")]
    public double ExplorationConstant { get; init; } = 1.0;

    /// <summary>Children sampled when a node is expanded. Default 4.</summary>
    [Description("Children sampled per expansion.")]
    public int ExpansionWidth { get; init; } = 4;

    /// <summary>Maximum depth (steps). Default 40.</summary>
    [Description("Maximum tree depth (steps).")]
    public int MaxDepth { get; init; } = 40;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(ExplorationConstant >= 0) || double.IsInfinity(ExplorationConstant))
            throw new ArgumentOutOfRangeException(nameof(ExplorationConstant), ExplorationConstant, "ExplorationConstant must be a finite number >= 0.");
        if (ExpansionWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(ExpansionWidth), ExpansionWidth, "ExpansionWidth must be >= 1.");
        if (MaxDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be >= 1.");
        StepSearchWidth.Validate(nameof(Width), Width);
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        StepSearchWidth.ValidateBudget(nameof(Width), Width, budget);
        if (budget.Kind == BudgetKind.Samples && ExpansionWidth > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(ExpansionWidth), ExpansionWidth, $"ExpansionWidth ({ExpansionWidth}) is larger than the budget ({budget}).");
    }
}
