namespace InferScale.Strategies;

/// <summary>Adds <c>deepconf-online</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class DeepConfOnlineStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "deepconf-online";

    /// <summary>Builds online DeepConf: warm-up threshold and early stopping of low-confidence traces.</summary>
    public static ScalingStrategyBuilder AddDeepConfOnline(this ScalingStrategyBuilder builder, DeepConfOnlineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new DeepConfOnlineOptions(), o => new DeepConfOnlineStrategy(o));
    }
}
