using System.Text.Json.Serialization;

namespace InferScale.Gateway.Wire;

/// <summary>One completions choice (also a streamed chunk's choice).</summary>
internal sealed class CompletionChoiceBody
{
    public int Index { get; init; }

    public required string Text { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public CompletionLogprobsBody? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
