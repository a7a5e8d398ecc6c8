using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>entropic-particle-filter</c>: a particle filter that anneals the resampling distribution (raises its
/// temperature by <see cref="AnnealingFactor"/>) while the normalised entropy of the particle weights is below
/// <see cref="EntropyThreshold"/>, so diversity does not collapse.
/// </summary>
public sealed record EntropicParticleFilterOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Particles N. Default <see langword="null"/>: the samples budget (N samples-equivalent), or
    /// <see cref="StepSearchWidth.DefaultWidth"/> under a tokens or FLOPs budget.
    /// </summary>
    [Description("Particles N; empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Particles { get; init; }

    /// <summary>How step scores become a particle's weight. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores become a particle's weight: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <summary>Base temperature of the softmax over the PRM scores' log-odds. Default 1.</summary>
    [Description("Base temperature of the softmax over the PRM scores' log-odds.")]
    public double ResampleTemperature { get; init; } = 1.0;

    /// <summary>Normalised weight entropy (0–1) below which the distribution is annealed. Default 0.5.</summary>
    [Description("Normalised weight entropy (0-1) below which resampling is annealed.")]
    public double EntropyThreshold { get; init; } = 0.5;

    /// <summary>Factor (&gt; 1) by which the resampling temperature is raised while annealing. Default 2.</summary>
    [Description("Factor by which the resampling temperature is raised while entropy is low.")]
    public double AnnealingFactor { get; init; } = 2.0;

    /// <summary>Maximum steps. Default 40.</summary>
    [Description("Maximum steps.")]
    public int MaxSteps { get; init; } = 40;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(ResampleTemperature > 0) || double.IsInfinity(ResampleTemperature))
            throw new ArgumentOutOfRangeException(nameof(ResampleTemperature), ResampleTemperature, "ResampleTemperature must be a finite number > 0.");
        Require(nameof(EntropyThreshold), EntropyThreshold, 0, 1);
        if (!(AnnealingFactor >= 1) || double.IsInfinity(AnnealingFactor))
            throw new ArgumentOutOfRangeException(nameof(AnnealingFactor), AnnealingFactor, "AnnealingFactor must be a finite number >= 1.");
        if (MaxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "MaxSteps must be >= 1.");
        StepSearchWidth.Validate(nameof(Particles), Particles);
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        StepSearchWidth.ValidateBudget(nameof(Particles), Particles, budget);
    }
}
