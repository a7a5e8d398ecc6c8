namespace InferScale.Engine.Reward;

/// <summary>
/// How <see cref="RolloutLabeler"/> labels solutions (Math-Shepherd / Snell et al.): <see cref="SamplesPerProblem"/>
/// solutions per training problem from the policy at <see cref="Temperature"/>, then <see cref="Rollouts"/> rollouts
/// from every step prefix; the step's label is the fraction of rollouts that reach the gold answer. Every value here
/// shapes the labels (a label file records them); <see cref="ChunkProblems"/> and <see cref="MaxActive"/> only shape
/// speed and memory.
/// </summary>
public sealed record RewardLabelOptions
{
    /// <summary>The first problem of the block that is labelled: 2^41, past every index any policy training run of this project reads (their stream starts below 2^40 and reads tens of millions), so the policy never trained on these problems.</summary>
    public const long DefaultFirstProblem = 1L << 41;

    /// <summary>Training problems labelled (indices <see cref="FirstProblem"/> …, levels cycling 1–5). Default 1000.</summary>
    public int Problems { get; init; } = 1000;

    /// <summary>Index in the arith training stream of the first problem. Default <see cref="DefaultFirstProblem"/>.</summary>
    public long FirstProblem { get; init; } = DefaultFirstProblem;

    /// <summary>Solutions sampled per problem. Default 4.</summary>
    public int SamplesPerProblem { get; init; } = 4;

    /// <summary>
    /// Corrupted solutions per problem, beside the <see cref="SamplesPerProblem"/> samples: a sample with one step's
    /// integer result moved (StepCorruption), continued by the policy from there, then labelled by rollouts
    /// like any sample. Default 0.
    /// </summary>
    public int CorruptedPerProblem { get; init; }

    /// <summary>Solutions labelled per problem: samples plus corrupted ones.</summary>
    public int SolutionsPerProblem => SamplesPerProblem + CorruptedPerProblem;

    /// <summary>Rollouts from each step prefix (k). Default 4.</summary>
    public int Rollouts { get; init; } = 4;

    /// <summary>Sampling temperature of solutions and rollouts. Default 0.8.</summary>
    public double Temperature { get; init; } = 0.8;

    /// <summary>Seeds every sample and rollout (with the problem, sample and step). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Problems labelled together (one batch of rollouts). Default 32.</summary>
    public int ChunkProblems { get; init; } = 32;

    /// <summary>Most sequences decoded together. Default 256.</summary>
    public int MaxActive { get; init; } = 256;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad option.</summary>
    public void Validate()
    {
        static void Check(bool ok, string name, object value, string rule)
        {
            if (!ok)
                throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be {rule}.");
        }

        Check(Problems >= 1, nameof(Problems), Problems, "≥ 1");
        Check(FirstProblem >= 0 && FirstProblem <= long.MaxValue - Problems, nameof(FirstProblem), FirstProblem, "≥ 0");
        Check(SamplesPerProblem >= 1, nameof(SamplesPerProblem), SamplesPerProblem, "≥ 1");
        Check(CorruptedPerProblem >= 0, nameof(CorruptedPerProblem), CorruptedPerProblem, "≥ 0");
        Check(Rollouts >= 1, nameof(Rollouts), Rollouts, "≥ 1");
        Check(Temperature > 0 && double.IsFinite(Temperature), nameof(Temperature), Temperature, "> 0");
        Check(ChunkProblems >= 1, nameof(ChunkProblems), ChunkProblems, "≥ 1");
        Check(MaxActive >= 1, nameof(MaxActive), MaxActive, "≥ 1");
    }
}
