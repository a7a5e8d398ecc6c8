namespace InferScale.Gateway.Http;

/// <summary>
/// A request the gateway refuses or cannot answer, as OpenAI reports it: an HTTP status and
/// <c>{"error":{"message","type","param","code"}}</c>. Thrown by parsing and planning, written by the endpoints.
/// </summary>
internal sealed class ApiError : Exception
{
    private ApiError(int status, string type, string? code, string message, string? param)
        : base(message)
    {
        Status = status;
        Type = type;
        Code = code;
        Param = param;
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>OpenAI's error type (for example <c>invalid_request_error</c>).</summary>
    public string Type { get; }

    /// <summary>A machine-readable code (for example <c>model_not_found</c>), or <see langword="null"/>.</summary>
    public string? Code { get; }

    /// <summary>The request field at fault, or <see langword="null"/>.</summary>
    public string? Param { get; }

    /// <summary>Seconds for a <c>Retry-After</c> header (429), or <see langword="null"/>.</summary>
    public int? RetryAfterSeconds { get; private init; }

    public static ApiError BadRequest(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", code, message, param);

    public static ApiError Unauthorized(string message) => new(401, "invalid_request_error", "invalid_api_key", message, null);

    public static ApiError Forbidden(string message) => new(403, "permission_error", "permission_denied", message, null);

    public static ApiError NotFound(string message, string? param = null, string? code = null) =>
        new(404, "invalid_request_error", code, message, param);

    public static ApiError TooLarge(string message) => new(413, "invalid_request_error", "request_too_large", message, null);

    public static ApiError TooManyRequests(string message, int retryAfterSeconds, string code = "rate_limit_exceeded") =>
        new(429, "rate_limit_error", code, message, null) { RetryAfterSeconds = retryAfterSeconds };

    public static ApiError Internal(string message, string code = "server_error") => new(500, "server_error", code, message, null);

    public static ApiError BadGateway(string message) => new(502, "server_error", "upstream_error", message, null);

    public static ApiError GatewayTimeout(string message) => new(504, "server_error", "timeout", message, null);
}
