using System.Text.Json.Serialization;

namespace InferScale.Analysis;

/// <summary>One line of InferScale's pool format (the wire shape; <see cref="SamplePoolReader"/> maps it to a <see cref="Generation.Sample"/>).</summary>
internal sealed class PoolRecord
{
    [JsonPropertyName("problem_id")]
    [JsonRequired]
    public string ProblemId { get; set; } = string.Empty;

    [JsonPropertyName("sample")]
    [JsonRequired]
    public int Sample { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("answer")]
    public string? Answer { get; set; }

    [JsonPropertyName("correct")]
    public bool? Correct { get; set; }

    [JsonPropertyName("score")]
    public double? Score { get; set; }

    [JsonPropertyName("step_scores")]
    public List<double>? StepScores { get; set; }

    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }

    [JsonPropertyName("gold")]
    public string? Gold { get; set; }

    [JsonPropertyName("level")]
    public string? Level { get; set; }
}
