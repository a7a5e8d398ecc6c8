namespace InferScale.Backends;

/// <summary>
/// A failed HTTP call to a model backend. <see cref="IsTransient"/> failures (429, 408, 5xx, unreadable or truncated
/// bodies) are retried; others (400, 401, 404, …) are not.
/// </summary>
public sealed class BackendCallException : Exception
{
    /// <summary>Creates an exception with no details.</summary>
    public BackendCallException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public BackendCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public BackendCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception describing a failed call.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when the failure was not an HTTP status.</param>
    /// <param name="isTransient">Whether retrying may succeed.</param>
    /// <param name="retryAfter">The delay the server asked for, if any.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BackendCallException(string message, int? statusCode, bool isTransient, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status, or <see langword="null"/>.</summary>
    public int? StatusCode { get; }

    /// <summary>Whether retrying may succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>The delay the server asked for with <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; }
}
