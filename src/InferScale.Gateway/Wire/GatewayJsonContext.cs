using System.Text.Json.Serialization;

namespace InferScale.Gateway.Wire;

/// <summary>Source-generated JSON for every body the gateway writes (snake_case; absent optional fields left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ModelListResponse))]
[JsonSerializable(typeof(ModelEntryBody))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(CompletionChunk))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
