namespace InferScale.Strategies;

/// <summary>Adds <c>best-of-n</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class BestOfNStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "best-of-n";

    /// <summary>Builds best-of-N selection by a reward model.</summary>
    public static ScalingStrategyBuilder AddBestOfN(this ScalingStrategyBuilder builder, BestOfNOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new BestOfNOptions(), o => new BestOfNStrategy(o));
    }
}
