namespace InferScale.Engine;

/// <summary>Options of an <see cref="EngineSession"/> and an <see cref="EngineGenerator"/>. Validated once by <see cref="Validate"/>.</summary>
public sealed record EngineOptions
{
    /// <summary>Model name reported in <see cref="Generation.GeneratorMetadata"/>. Default <c>engine</c>.</summary>
    public string ModelName { get; init; } = "engine";

    /// <summary>Kernel threads (the caller counts as one). Default: the processor count, at most 8.</summary>
    public int Threads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>Most sequences decoded together in one step by the generator. Default 256.</summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>Most token rows in one forward pass (prefill is split into chunks of this size). Default 256.</summary>
    public int MaxBatchRows { get; init; } = 256;

    /// <summary>Positions per KV block. Default 16.</summary>
    public int KvBlockSize { get; init; } = 16;

    /// <summary>Prompts kept in the generator's prefix cache (LRU, keyed by token ids); 0 disables. Default 32.</summary>
    public int PrefixCacheEntries { get; init; } = 32;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelName))
            throw new ArgumentException("ModelName must be non-empty.", nameof(ModelName));
        if (Threads < 1 || Threads > 256)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be in [1, 256].");
        if (MaxBatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be >= 1.");
        if (MaxBatchRows < MaxBatchSize)
            throw new ArgumentOutOfRangeException(nameof(MaxBatchRows), MaxBatchRows, $"MaxBatchRows must be >= MaxBatchSize ({MaxBatchSize}).");
        if (KvBlockSize < 1 || KvBlockSize > 1024)
            throw new ArgumentOutOfRangeException(nameof(KvBlockSize), KvBlockSize, "KvBlockSize must be in [1, 1024].");
        if (PrefixCacheEntries < 0)
            throw new ArgumentOutOfRangeException(nameof(PrefixCacheEntries), PrefixCacheEntries, "PrefixCacheEntries must be >= 0.");
    }
}
