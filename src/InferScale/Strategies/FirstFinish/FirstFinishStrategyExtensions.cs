namespace InferScale.Strategies;

/// <summary>Adds <c>first-finish</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class FirstFinishStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "first-finish";

    /// <summary>Builds First Finish Search: the first of n samples to finish (fewest tokens, ties by index).</summary>
    public static ScalingStrategyBuilder AddFirstFinish(this ScalingStrategyBuilder builder, FirstFinishOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new FirstFinishOptions(), o => new FirstFinishStrategy(o));
    }
}
