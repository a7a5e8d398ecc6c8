namespace InferScale.Gateway;

/// <summary>A fault the gateway can inject (see <see cref="GatewayFaultOptions"/>).</summary>
public enum GatewayFaultKind
{
    /// <summary>429 with <c>Retry-After</c>.</summary>
    RateLimit,

    /// <summary>500 with an OpenAI-style error body.</summary>
    ServerError,

    /// <summary>No answer until the client gives up (or <see cref="GatewayFaultOptions.HangTime"/> passes, then 504).</summary>
    Hang,

    /// <summary>200 with the real answer cut in half (invalid JSON; a stream ends without <c>[DONE]</c>).</summary>
    TruncatedJson,
}
