namespace InferScale.Strategies;

/// <summary>Adds <c>deepconf-offline</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class DeepConfOfflineStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "deepconf-offline";

    /// <summary>Builds offline DeepConf: confidence filtering and confidence-weighted voting.</summary>
    public static ScalingStrategyBuilder AddDeepConfOffline(this ScalingStrategyBuilder builder, DeepConfOfflineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new DeepConfOfflineOptions(), o => new DeepConfOfflineStrategy(o));
    }
}
