namespace InferScale.Strategies;

/// <summary>Adds <c>mcts</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class MctsStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "mcts";

    /// <summary>Builds Monte Carlo tree search over steps (UCT selection, PRM values).</summary>
    public static ScalingStrategyBuilder AddMcts(this ScalingStrategyBuilder builder, MctsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new MctsOptions(), o => new MctsStrategy(o));
    }
}
