namespace InferScale.Tests.Support;

/// <summary>A fault the test server can inject into one request.</summary>
public enum OpenAiTestServerFault
{
    /// <summary>Serve normally.</summary>
    None,

    /// <summary>429 with <c>Retry-After</c>.</summary>
    RateLimit,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>Never answer (until the client gives up).</summary>
    Hang,

    /// <summary>200 with the first half of the JSON body.</summary>
    TruncatedJson,

    /// <summary>Abort the connection without a response.</summary>
    ConnectionReset,
}
