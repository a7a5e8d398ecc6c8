namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Body of <c>POST /v1/chat/completions</c>, including vLLM's <c>continue_final_message</c> and the sampling extras.</summary>
internal sealed class ChatRequestBody
{
    public required string Model { get; init; }
    public required IReadOnlyList<WireChatMessage> Messages { get; init; }
    public int? N { get; init; }
    public required int MaxTokens { get; init; }
    public required double Temperature { get; init; }
    public required double TopP { get; init; }
    public int? TopK { get; init; }
    public double? MinP { get; init; }
    public long? Seed { get; init; }
    public IReadOnlyList<string>? Stop { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public bool? ContinueFinalMessage { get; init; }
    public bool? AddGenerationPrompt { get; init; }
    public bool Stream { get; init; }

    // llama-server only (null elsewhere): the sampler chain and the switches that server defaults could turn on.
    public IReadOnlyList<string>? Samplers { get; init; }
    public int? Mirostat { get; init; }
    public double? DynatempRange { get; init; }
    public bool? IgnoreEos { get; init; }
}
