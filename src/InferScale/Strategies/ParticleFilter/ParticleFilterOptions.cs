using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>particle-filter</c> (Puri et al. 2025): particles are partial solutions; each step extends them,
/// weights them by the softmax of their PRM scores' log-odds at <see cref="ResampleTemperature"/>, and resamples.
/// </summary>
public sealed record ParticleFilterOptions : ScalingStrategyOptions
{
    /// <summary>
    /// Particles N. Default <see langword="null"/>: the samples budget (N samples-equivalent), or
    /// <see cref="StepSearchWidth.DefaultWidth"/> under a tokens or FLOPs budget.
    /// </summary>
    [Description("Particles N; empty uses the samples budget (16 under a tokens/FLOPs budget).")]
    public int? Particles { get; init; }

    /// <summary>Temperature of the softmax over the PRM scores' log-odds used to resample. Default 1.</summary>
    [Description("Temperature of the softmax over the PRM scores' log-odds that resamples particles.")]
    public double ResampleTemperature { get; init; } = 1.0;

    /// <summary>Maximum steps. Default 40.</summary>
    [Description("Maximum steps.")]
    public int MaxSteps { get; init; } = 40;

    /// <summary>How step scores become a particle's weight. Default <see cref="StepAggregation.Last"/>.</summary>
    [Description("How PRM step scores become a particle's weight: last, min, product, mean, final.")]
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(ResampleTemperature > 0) || double.IsInfinity(ResampleTemperature))
            throw new ArgumentOutOfRangeException(nameof(ResampleTemperature), ResampleTemperature, "ResampleTemperature must be a finite number > 0.");
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
