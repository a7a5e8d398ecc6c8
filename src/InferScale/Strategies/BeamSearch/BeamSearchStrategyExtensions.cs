namespace InferScale.Strategies;

/// <summary>Adds <c>beam-search</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class BeamSearchStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "beam-search";

    /// <summary>Builds step-level beam search guided by a process reward model.</summary>
    public static ScalingStrategyBuilder AddBeamSearch(this ScalingStrategyBuilder builder, BeamSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new BeamSearchOptions(), o => new BeamSearchStrategy(o));
    }
}
