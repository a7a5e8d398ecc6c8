namespace InferScale.Strategies;

/// <summary>Adds <c>greedy</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class GreedyStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "greedy";

    /// <summary>Builds greedy decoding: one sample at temperature 0.</summary>
    public static ScalingStrategyBuilder AddGreedy(this ScalingStrategyBuilder builder, GreedyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new GreedyOptions(), o => new GreedyStrategy(o));
    }
}
