namespace InferScale.Strategies;

/// <summary>Adds <c>particle-filter</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class ParticleFilterStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "particle-filter";

    /// <summary>Builds particle filtering over partial solutions weighted by a process reward model.</summary>
    public static ScalingStrategyBuilder AddParticleFilter(this ScalingStrategyBuilder builder, ParticleFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new ParticleFilterOptions(), o => new ParticleFilterStrategy(o));
    }
}
