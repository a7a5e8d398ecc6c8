namespace InferScale.Verification;

/// <summary>Settings of a <see cref="MathAnswerChecker"/>. Validated once, when the checker is built.</summary>
public sealed class MathAnswerOptions
{
    /// <summary>Relative tolerance of numeric comparisons (values are equal when |a − b| ≤ tolerance · max(1, |a|, |b|)). Default 1e-8.</summary>
    public double RelativeTolerance { get; init; } = 1e-8;

    /// <summary>
    /// When one side is a decimal with at least two places and the other is exact (<c>0.33</c> vs <c>\frac{1}{3}</c>),
    /// accept the decimal if it is the exact value rounded to its places. Default true.
    /// </summary>
    public bool AcceptRoundedDecimals { get; init; } = true;

    /// <summary>Random points at which expressions with variables are compared. Default 5.</summary>
    public int SamplePoints { get; init; } = 5;

    /// <summary>Seed of the random points (results are deterministic for a given seed). Default 20240601.</summary>
    public int Seed { get; init; } = 20240601;

    /// <summary>Wall-clock limit of one call (extraction and comparison together); past it the answer is "not equivalent". Default 1 s.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Operation budget of one call (tokens, nodes, evaluations); past it the answer is "not equivalent". Default 2,000,000.</summary>
    public long MaxOperations { get; init; } = 2_000_000;

    /// <summary>Only the last this-many characters of a text are searched for its answer. Default 20,000.</summary>
    public int MaxScanLength { get; init; } = 20_000;

    /// <summary>Clock of the time limit (inject a fake one in tests). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!(RelativeTolerance >= 0 && RelativeTolerance < 1))
            throw new ArgumentException($"MathAnswerOptions.RelativeTolerance must be in [0, 1); got {RelativeTolerance}.", nameof(RelativeTolerance));
        if (SamplePoints is < 1 or > 100)
            throw new ArgumentException($"MathAnswerOptions.SamplePoints must be in [1, 100]; got {SamplePoints}.", nameof(SamplePoints));
        if (TimeLimit <= TimeSpan.Zero)
            throw new ArgumentException($"MathAnswerOptions.TimeLimit must be positive; got {TimeLimit}.", nameof(TimeLimit));
        if (MaxOperations < 1000)
            throw new ArgumentException($"MathAnswerOptions.MaxOperations must be at least 1000; got {MaxOperations}.", nameof(MaxOperations));
        if (MaxScanLength < 100)
            throw new ArgumentException($"MathAnswerOptions.MaxScanLength must be at least 100; got {MaxScanLength}.", nameof(MaxScanLength));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
