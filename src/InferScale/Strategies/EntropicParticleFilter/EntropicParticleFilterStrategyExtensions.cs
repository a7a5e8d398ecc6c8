namespace InferScale.Strategies;

/// <summary>Adds <c>entropic-particle-filter</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class EntropicParticleFilterStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "entropic-particle-filter";

    /// <summary>Builds a particle filter that anneals resampling when the weights' entropy collapses.</summary>
    public static ScalingStrategyBuilder AddEntropicParticleFilter(this ScalingStrategyBuilder builder, EntropicParticleFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new EntropicParticleFilterOptions(), o => new EntropicParticleFilterStrategy(o));
    }
}
