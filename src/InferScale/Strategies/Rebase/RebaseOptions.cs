using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>rebase</c> (Wu et al.): at each depth a node with reward R gets <c>round(B·softmax(R/T_b))</c> children,
/// B being the remaining budget (budget minus finished solutions).
/// </summary>
public sealed record RebaseOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Width B: the solutions the search aims to finish (children per depth = B minus those finished). Default
    /// <see langword="null"/>: the samples budget (B samples-equivalent), or <see cref="StepSearchWidth.DefaultWidth"/>
    /// under a tokens or FLOPs budget.
    /// </summary>
    [Description("Width B: solutions to finish (children per depth = B minus finished); empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Width { get; init; }

    /// <summary>Balance temperature T_b of the softmax over rewards. Default 0.2 (Wu et al. use 0.1–0.2).</summary>
    [Description("Balance temperature T_b of the softmax that allocates children (0.1–0.2 in Wu et al.).")]
    public double BalanceTemperature { get; init; } = 0.2;

    /// <summary>Maximum depth (steps). Default 40.</summary>
    [Description("Maximum tree depth (steps).")]
    public int MaxDepth { get; init; } = 40;

    /// <summary>How step scores become a node's reward. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores become a node's reward: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(BalanceTemperature > 0) || double.IsInfinity(BalanceTemperature))
            throw new ArgumentOutOfRangeException(nameof(BalanceTemperature), BalanceTemperature, "BalanceTemperature must be a finite number > 0.");
        if (MaxDepth < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be >= 1.");
        StepSearchWidth.Validate(nameof(Width), Width);
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        StepSearchWidth.ValidateBudget(nameof(Width), Width, budget);
    }
}
