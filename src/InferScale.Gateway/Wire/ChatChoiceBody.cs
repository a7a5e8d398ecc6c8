using System.Text.Json.Serialization;

namespace InferScale.Gateway.Wire;

/// <summary>One chat choice.</summary>
internal sealed class ChatChoiceBody
{
    public int Index { get; init; }

    public required ChatMessageBody Message { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public ChatLogprobsBody? Logprobs { get; init; }

    public required string FinishReason { get; init; }
}
