using System.Text.Json.Serialization;

namespace InferScale.Experiments.Running;

/// <summary>One candidate of a strategy run as stored: its text, answer, score, verdict and cost.</summary>
public sealed record CandidateRecord
{
    /// <summary>The candidate's sample index.</summary>
    [JsonPropertyName("index")]
    public int Index { get; init; }

    /// <summary>The generated text.</summary>
    [JsonPropertyName("text")]
    public string Text { get; init; } = "";

    /// <summary>The extracted answer.</summary>
    [JsonPropertyName("answer")]
    public string? Answer { get; init; }

    /// <summary>The reward score, when scored.</summary>
    [JsonPropertyName("score")]
    public double? Score { get; init; }

    /// <summary>Whether the answer is correct, when known.</summary>
    [JsonPropertyName("correct")]
    public bool? Correct { get; init; }

    /// <summary>Whether the strategy kept it (e.g. DeepConf's filter).</summary>
    [JsonPropertyName("kept")]
    public bool Kept { get; init; }

    /// <summary>Whether it is the chosen answer's representative.</summary>
    [JsonPropertyName("selected")]
    public bool Selected { get; init; }

    /// <summary>Tokens generated.</summary>
    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; init; }

    /// <summary>Why it stopped.</summary>
    [JsonPropertyName("finish_reason")]
    public string FinishReason { get; init; } = "";

    /// <summary>The failure, when it failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
