using System.Text.Json.Serialization;

namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Source-generated serialisers for the OpenAI-compatible wire types (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CompletionRequestBody))]
[JsonSerializable(typeof(ChatRequestBody))]
[JsonSerializable(typeof(CompletionResponseBody))]
[JsonSerializable(typeof(ChatResponseBody))]
[JsonSerializable(typeof(PoolingRequestBody))]
[JsonSerializable(typeof(PoolingResponseBody))]
[JsonSerializable(typeof(ModelsResponseBody))]
[JsonSerializable(typeof(PropsResponseBody))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
