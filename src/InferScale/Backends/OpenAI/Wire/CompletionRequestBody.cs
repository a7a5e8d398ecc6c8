namespace InferScale.Backends.OpenAI.Wire;

/// <summary>Body of <c>POST /v1/completions</c>, including the vLLM / llama.cpp extras <c>top_k</c> and <c>min_p</c>.</summary>
internal sealed class CompletionRequestBody
{
    public required string Model { get; init; }
    public required string Prompt { get; init; }
    public int? N { get; init; }
    public required int MaxTokens { get; init; }
    public required double Temperature { get; init; }
    public required double TopP { get; init; }
    public required int TopK { get; init; }
    public required double MinP { get; init; }
    public long? Seed { get; init; }
    public IReadOnlyList<string>? Stop { get; init; }
    public int? Logprobs { get; init; }
    public bool Stream { get; init; }
}
