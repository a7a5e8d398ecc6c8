namespace InferScale.Analysis;

/// <summary>Settings of <see cref="PoolAnalyzer"/>; <see cref="Validate"/> checks them once.</summary>
public sealed record PoolAnalysisOptions
{
    /// <summary>Seed of every random draw (subsampling and bootstrap). Same seed, same results. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>Bootstrap resamples over problems for confidence intervals; 0 turns intervals off. Default 1000.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Draws of k of n samples per problem for majority and weighted voting at 1 &lt; k &lt; n. Default 200.</summary>
    public int Subsamples { get; init; } = 200;

    /// <summary>Confidence level of the intervals, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Extrapolate the fitted laws to this multiple of the samples per problem. Default 10.</summary>
    public int ExtrapolationFactor { get; init; } = 10;

    /// <summary>Threads to use; <see langword="null"/> for all cores. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (BootstrapResamples < 0)
            throw new ArgumentOutOfRangeException(nameof(BootstrapResamples), BootstrapResamples, $"{nameof(BootstrapResamples)} must be >= 0 (0 turns intervals off).");
        if (Subsamples < 1)
            throw new ArgumentOutOfRangeException(nameof(Subsamples), Subsamples, $"{nameof(Subsamples)} must be >= 1.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, $"{nameof(ConfidenceLevel)} must be in (0, 1).");
        if (ExtrapolationFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(ExtrapolationFactor), ExtrapolationFactor, $"{nameof(ExtrapolationFactor)} must be >= 1.");
        if (MaxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, $"{nameof(MaxDegreeOfParallelism)} must be >= 1 when set.");
    }
}
