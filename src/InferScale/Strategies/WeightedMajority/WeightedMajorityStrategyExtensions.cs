namespace InferScale.Strategies;

/// <summary>Adds <c>weighted-majority</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class WeightedMajorityStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "weighted-majority";

    /// <summary>Builds reward-weighted majority voting.</summary>
    public static ScalingStrategyBuilder AddWeightedMajority(this ScalingStrategyBuilder builder, WeightedMajorityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new WeightedMajorityOptions(), o => new WeightedMajorityStrategy(o));
    }
}
