using System.Text.Json.Serialization;

namespace InferScale.Gateway.Wire;

/// <summary>One candidate in the trace summary.</summary>
internal sealed class CandidateBody
{
    public int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Answer { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public double? Score { get; init; }

    public bool Kept { get; init; }

    public bool Selected { get; init; }

    public required string FinishReason { get; init; }

    public long CompletionTokens { get; init; }

    public string? Error { get; init; }
}
