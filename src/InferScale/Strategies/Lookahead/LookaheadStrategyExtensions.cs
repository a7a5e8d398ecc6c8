namespace InferScale.Strategies;

/// <summary>Adds <c>lookahead</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class LookaheadStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "lookahead";

    /// <summary>Builds lookahead search: beam search scoring steps by greedy k-step rollouts.</summary>
    public static ScalingStrategyBuilder AddLookahead(this ScalingStrategyBuilder builder, LookaheadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new LookaheadOptions(), o => new LookaheadStrategy(o));
    }
}
