using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>Options of <c>mcts</c>: Monte Carlo tree search over steps with UCT selection and PRM values.</summary>
public sealed record MctsOptions : ScalingStrategyOptions
{
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
    }
}
