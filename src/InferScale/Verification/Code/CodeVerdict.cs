namespace InferScale.Verification.Code;

/// <summary>The outcome of running a candidate program against its tests.</summary>
public enum CodeVerdict
{
    /// <summary>Every test passed (the program exited 0).</summary>
    Passed,

    /// <summary>A test assertion failed; the detail names the assertion.</summary>
    Failed,

    /// <summary>The program raised another exception or did not compile; the detail has the error.</summary>
    Error,

    /// <summary>The program exceeded its wall-clock or CPU time limit and was killed with its process group.</summary>
    Timeout,

    /// <summary>The program hit a memory, process-count, file-size or output-size limit.</summary>
    ResourceLimit,
}
