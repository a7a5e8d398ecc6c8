namespace InferScale.Decontamination;

/// <summary>Options of <see cref="NgramDecontaminator"/> (Tulu 3's defaults). Validated when the decontaminator is built.</summary>
public sealed record DecontaminationOptions
{
    /// <summary>N-gram length in word tokens. Default 8.</summary>
    public int NgramSize { get; init; } = 8;

    /// <summary>An evaluation instance is contaminated when more than this fraction of its tokens is covered by n-grams shared with one training instance. Default 0.5.</summary>
    public double InstanceThreshold { get; init; } = 0.5;

    /// <summary>The training set is flagged when more than this fraction of the evaluation instances is contaminated. Default 0.02.</summary>
    public double DatasetThreshold { get; init; } = 0.02;

    /// <summary>Worker threads for the training stream; default the processor count. Results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws naming the first invalid option.</summary>
    public void Validate()
    {
        if (NgramSize is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(NgramSize), NgramSize, "NgramSize must be in [1, 64].");
        if (!(InstanceThreshold is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(InstanceThreshold), InstanceThreshold, "InstanceThreshold must be in [0, 1).");
        if (!(DatasetThreshold is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(DatasetThreshold), DatasetThreshold, "DatasetThreshold must be in [0, 1).");
        if (Threads < 1)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be >= 1.");
    }
}
