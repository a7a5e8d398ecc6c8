namespace InferScale.Experiments.Store;

/// <summary>The worker's lease on a case expired and another worker claimed it; this worker must drop the case.</summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Creates the exception for <paramref name="claim"/>.</summary>
    public LeaseLostException(CaseClaim claim)
        : base($"Worker {claim?.WorkerId} lost its lease on case {claim?.Case.Id} of run {claim?.RunId} (fence {claim?.Fence}); another worker took it over.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LeaseLostException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LeaseLostException()
    {
    }
}
