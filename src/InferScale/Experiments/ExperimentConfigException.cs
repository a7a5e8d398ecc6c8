namespace InferScale.Experiments;

/// <summary>An invalid experiment config: <see cref="Field"/> names the field (a JSON path) and the message says what is wrong.</summary>
public sealed class ExperimentConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/>.</summary>
    public ExperimentConfigException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ExperimentConfigException(string message)
        : base(message)
    {
        Field = "";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ExperimentConfigException(string message, Exception inner)
        : base(message, inner)
    {
        Field = "";
    }

    /// <summary>Creates the exception.</summary>
    public ExperimentConfigException()
    {
        Field = "";
    }

    /// <summary>The offending field as a JSON path, e.g. <c>strategies[1].budgets[0]</c>.</summary>
    public string Field { get; }
}
