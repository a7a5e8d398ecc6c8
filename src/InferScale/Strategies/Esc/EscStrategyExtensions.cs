namespace InferScale.Strategies;

/// <summary>Adds <c>esc</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class EscStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "esc";

    /// <summary>Builds Early-Stopping Self-Consistency.</summary>
    public static ScalingStrategyBuilder AddEsc(this ScalingStrategyBuilder builder, EscOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new EscOptions(), o => new EscStrategy(o));
    }
}
