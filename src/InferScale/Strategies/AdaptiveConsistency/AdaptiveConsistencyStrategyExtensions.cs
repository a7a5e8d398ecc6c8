namespace InferScale.Strategies;

/// <summary>Adds <c>adaptive-consistency</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class AdaptiveConsistencyStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "adaptive-consistency";

    /// <summary>Builds Adaptive-Consistency (Beta stopping rule).</summary>
    public static ScalingStrategyBuilder AddAdaptiveConsistency(this ScalingStrategyBuilder builder, AdaptiveConsistencyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new AdaptiveConsistencyOptions(), o => new AdaptiveConsistencyStrategy(o));
    }
}
