namespace InferScale.Verification.Code;

/// <summary>Limits and paths of <see cref="PythonSandbox"/>; validated when the sandbox is built.</summary>
public sealed record SandboxOptions
{
    /// <summary>Wall-clock limit per run. Default 10 s.</summary>
    public TimeSpan WallTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CPU-time limit per run in seconds (RLIMIT_CPU). Default 10.</summary>
    public int CpuSeconds { get; init; } = 10;

    /// <summary>Address-space limit in bytes (RLIMIT_AS). Default 1 GiB.</summary>
    public long MemoryBytes { get; init; } = 1L << 30;

    /// <summary>Largest file the program may write, in bytes (RLIMIT_FSIZE). Default 16 MiB.</summary>
    public long MaxFileBytes { get; init; } = 16L << 20;

    /// <summary>Most processes the program's user may run (RLIMIT_NPROC; each worker has its own uid). Default 32.</summary>
    public int MaxProcesses { get; init; } = 32;

    /// <summary>Most bytes kept from stdout and from stderr; more output kills the run (resource limit). Default 1 MiB.</summary>
    public int MaxOutputBytes { get; init; } = 1 << 20;

    /// <summary>Runs in parallel. Default the processor count.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// First of the unprivileged uids the workers run as (one per worker, so the process limit of one run is not
    /// shared with another). Default <see langword="null"/>: a range unique to this process and sandbox instance.
    /// </summary>
    public int? BaseUid { get; init; }

    /// <summary>The Python interpreter, a system path visible inside the sandbox. Default <c>/usr/bin/python3</c>.</summary>
    public string PythonPath { get; init; } = "/usr/bin/python3";

    /// <summary>The bubblewrap executable. Default <c>bwrap</c> on PATH.</summary>
    public string BwrapPath { get; init; } = "bwrap";

    /// <summary>Throws naming the first invalid option.</summary>
    public void Validate()
    {
        if (WallTime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(WallTime), WallTime, "WallTime must be positive.");
        if (CpuSeconds < 1)
            throw new ArgumentOutOfRangeException(nameof(CpuSeconds), CpuSeconds, "CpuSeconds must be >= 1.");
        if (MemoryBytes < 64L << 20)
            throw new ArgumentOutOfRangeException(nameof(MemoryBytes), MemoryBytes, "MemoryBytes must be at least 64 MiB (Python needs it to start).");
        if (MaxFileBytes < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxFileBytes), MaxFileBytes, "MaxFileBytes must be >= 1.");
        if (MaxProcesses < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxProcesses), MaxProcesses, "MaxProcesses must be >= 1.");
        if (MaxOutputBytes < 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxOutputBytes), MaxOutputBytes, "MaxOutputBytes must be >= 1024.");
        if (Workers < 1)
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be >= 1.");
        if (BaseUid is < 1000)
            throw new ArgumentOutOfRangeException(nameof(BaseUid), BaseUid, "BaseUid must be an unprivileged uid (>= 1000).");
    }
}
