using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace InferScale.Gateway.Http;

/// <summary>
/// Who may call the API: with keys configured, requests must send <c>Authorization: Bearer KEY</c> with one of them
/// (401 otherwise); with none, only loopback clients are served (403 otherwise). Keys are compared by SHA-256 digest in
/// constant time.
/// </summary>
internal sealed class GatewayAccess
{
    private readonly byte[][] _digests;

    public GatewayAccess(IReadOnlyList<string> keys)
    {
        _digests = [.. keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    /// <summary>Whether keys are required (otherwise: loopback only).</summary>
    public bool RequiresKey => _digests.Length > 0;

    /// <summary>The refusal for this request, or <see langword="null"/> when it may go on.</summary>
    public ApiError? Check(HttpContext context)
    {
        if (!RequiresKey)
        {
            return context.Connection.RemoteIpAddress is { } remote && IsLoopback(remote)
                ? null
                : ApiError.Forbidden(
                    "This gateway has no API key configured, so it serves loopback clients (127.0.0.1, ::1) only; " +
                    "start it with --api-key KEY (or INFERSCALE_API_KEYS) to serve other hosts.");
        }
        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || header.Length == Bearer.Length)
        {
            return ApiError.Unauthorized(
                "You didn't provide an API key. Send it as 'Authorization: Bearer KEY' (the OpenAI SDKs do this from their apiKey / OPENAI_API_KEY).");
        }
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()));
        var ok = false;
        foreach (var digest in _digests)
            ok |= CryptographicOperations.FixedTimeEquals(given, digest);
        return ok ? null : ApiError.Unauthorized("Incorrect API key provided.");
    }

    /// <summary>Whether <paramref name="address"/> is a loopback address (IPv4, IPv6, or IPv4 mapped into IPv6).</summary>
    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4()));
}
