using System.Text.Encodings.Web;
using System.Text.Json;

namespace InferScale.Gateway.Wire;

/// <summary>
/// The JSON context the gateway writes with: <see cref="GatewayJsonContext"/>'s settings plus relaxed escaping, so
/// answers keep <c>+</c>, <c>&lt;</c> and <c>&gt;</c> readable (the bodies are <c>application/json</c> or SSE, never HTML).
/// </summary>
internal static class GatewayJson
{
    public static GatewayJsonContext Context { get; } = new(new JsonSerializerOptions(GatewayJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
