namespace InferScale.Gateway.Wire;

/// <summary>Legacy completions logprobs: parallel arrays.</summary>
internal sealed class CompletionLogprobsBody
{
    public required List<string> Tokens { get; init; }

    public required List<float> TokenLogprobs { get; init; }

    public required List<Dictionary<string, float>> TopLogprobs { get; init; }

    public required List<int> TextOffset { get; init; }
}
