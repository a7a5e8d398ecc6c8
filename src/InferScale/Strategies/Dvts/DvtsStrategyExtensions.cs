namespace InferScale.Strategies;

/// <summary>Adds <c>dvts</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class DvtsStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "dvts";

    /// <summary>Builds diverse verifier tree search (independent beam-search subtrees).</summary>
    public static ScalingStrategyBuilder AddDvts(this ScalingStrategyBuilder builder, DvtsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new DvtsOptions(), o => new DvtsStrategy(o));
    }
}
