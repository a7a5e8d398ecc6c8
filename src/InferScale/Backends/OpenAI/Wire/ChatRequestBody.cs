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
    public required int TopK { get; init; }
    public required double MinP { get; init; }
    public long? Seed { get; init; }
    public IReadOnlyList<string>? Stop { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public bool? ContinueFinalMessage { get; init; }
    public bool? AddGenerationPrompt { get; init; }
    public bool Stream { get; init; }
}
