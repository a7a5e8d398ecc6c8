namespace InferScale.Experiments.Running;

/// <summary>A run cannot start: a model, endpoint, reward model or dataset cannot be used. The message says which and why.</summary>
public sealed class RunSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunSetupException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunSetupException(string message, Exception inner) : base(message, inner) { }
}
