using System.Text.Json.Serialization;

namespace InferScale.Experiments;

/// <summary>A dataset of an experiment: a built-in name or a JSONL path, optionally limited.</summary>
public sealed record DatasetSpec
{
    /// <summary>Built-in name (<c>arith</c>, <c>gsm8k</c>, …) or path to a JSONL file.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Use only the first N problems per level (or overall when the dataset has no levels); null for all.</summary>
    [JsonPropertyName("limit")]
    public int? Limit { get; set; }

    /// <summary>Use only these levels; null for all.</summary>
    [JsonPropertyName("levels")]
    public IReadOnlyList<string>? Levels { get; set; }

    /// <summary>The string between solution steps for step-level search and PRM scores; null uses the dataset's own
    /// (one line for <c>arith</c>, a blank line otherwise).</summary>
    [JsonPropertyName("step_delimiter")]
    public string? StepDelimiter { get; set; }
}
