using InferScale.Generation;

namespace InferScale.Analysis;

/// <summary>Options of <see cref="PoolSampler"/>; validated when the sampler runs.</summary>
public sealed record PoolSamplerOptions
{
    /// <summary>Samples per problem. Default 16.</summary>
    public int SamplesPerProblem { get; init; } = 16;

    /// <summary>How samples are drawn (the seed is the run's seed; sample i of a problem uses (seed, i)).</summary>
    public SamplingOptions Sampling { get; init; } = new() { Temperature = 0.8 };

    /// <summary>Samples requested per generator call (the engine batches them). Default 16.</summary>
    public int SamplesPerCall { get; init; } = 16;

    /// <summary>Problems sampled concurrently. Default 1 (the engine batches within a problem).</summary>
    public int ConcurrentProblems { get; init; } = 1;

    /// <summary>Throws naming the first invalid option.</summary>
    public void Validate()
    {
        if (SamplesPerProblem < 1)
            throw new ArgumentOutOfRangeException(nameof(SamplesPerProblem), SamplesPerProblem, "SamplesPerProblem (--n) must be >= 1.");
        if (SamplesPerCall < 1)
            throw new ArgumentOutOfRangeException(nameof(SamplesPerCall), SamplesPerCall, "SamplesPerCall must be >= 1.");
        if (ConcurrentProblems < 1)
            throw new ArgumentOutOfRangeException(nameof(ConcurrentProblems), ConcurrentProblems, "ConcurrentProblems must be >= 1.");
        ArgumentNullException.ThrowIfNull(Sampling);
        Sampling.Validate();
    }
}
