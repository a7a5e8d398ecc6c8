namespace InferScale.Strategies;

/// <summary>Adds <c>pass-at-k</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class PassAtKStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "pass-at-k";

    /// <summary>Builds the pass@k oracle: correct when any of k samples matches the gold answer.</summary>
    public static ScalingStrategyBuilder AddPassAtK(this ScalingStrategyBuilder builder, PassAtKOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new PassAtKOptions(), o => new PassAtKStrategy(o));
    }
}
