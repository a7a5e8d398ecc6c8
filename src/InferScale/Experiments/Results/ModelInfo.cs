using System.Text.Json.Serialization;

namespace InferScale.Experiments.Results;

/// <summary>What a report needs to know about a policy model: its size (FLOPs) and, when known, its pretraining tokens (exchange rate).</summary>
public sealed record ModelInfo
{
    /// <summary>The model's name in the experiment.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    /// <summary>Parameters (all weights); null when unknown (a remote model whose size the config does not give).</summary>
    [JsonPropertyName("parameters")]
    public long? Parameters { get; init; }

    /// <summary>Tokens the model was pretrained on, when known.</summary>
    [JsonPropertyName("training_tokens")]
    public long? TrainingTokens { get; init; }

    /// <summary>
    /// The reproducibility guarantees the backend kept when probed at the start of the run
    /// (<see cref="Backends.SeedProbe"/>); null when not probed.
    /// </summary>
    [JsonPropertyName("reproducibility")]
    public Backends.SeedProbeResult? Reproducibility { get; init; }
}
