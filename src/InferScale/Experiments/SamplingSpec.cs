using System.Text.Json.Serialization;

namespace InferScale.Experiments;

/// <summary>Base sampling parameters of an experiment.</summary>
public sealed record SamplingSpec
{
    /// <summary>Temperature (0 = greedy). Default 0.8.</summary>
    [JsonPropertyName("temperature")]
    public double Temperature { get; set; } = 0.8;

    /// <summary>Nucleus threshold. Default 1.</summary>
    [JsonPropertyName("top_p")]
    public double TopP { get; set; } = 1.0;

    /// <summary>Top-k (0 disables). Default 0.</summary>
    [JsonPropertyName("top_k")]
    public int TopK { get; set; }

    /// <summary>Min-p (0 disables). Default 0.</summary>
    [JsonPropertyName("min_p")]
    public double MinP { get; set; }

    /// <summary>Maximum tokens per sample. Default 256.</summary>
    [JsonPropertyName("max_tokens")]
    public int MaxTokens { get; set; } = 256;

    /// <summary>
    /// Alternatives returned per generated token (0 = none). Strategies that need token confidences (DeepConf) ask for
    /// logprobs themselves; setting the same value here lets every strategy share one pool of samples. Default 0.
    /// </summary>
    [JsonPropertyName("top_logprobs")]
    public int TopLogprobs { get; set; }
}
