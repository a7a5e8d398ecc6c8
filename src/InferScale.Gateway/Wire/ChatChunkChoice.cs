using System.Text.Json.Serialization;

namespace InferScale.Gateway.Wire;

/// <summary>A streamed chat choice: a delta and, on the last one, the finish reason.</summary>
internal sealed class ChatChunkChoice
{
    public int Index { get; init; }

    public required ChatMessageBody Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobsBody? Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}
