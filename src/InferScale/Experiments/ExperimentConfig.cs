using System.Text.Json.Serialization;

namespace InferScale.Experiments;

/// <summary>
/// An experiment: datasets × models × strategies (with parameter grids) × budgets × seeds. Read from JSON (see
/// README for the schema and an example); <see cref="ExperimentConfigValidator"/> names the field of any problem.
/// </summary>
public sealed record ExperimentConfig
{
    /// <summary>Name of the experiment (used in reports).</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "experiment";

    /// <summary>Datasets to run.</summary>
    [JsonPropertyName("datasets")]
    public IReadOnlyList<DatasetSpec> Datasets { get; set; } = [];

    /// <summary>Policy models (embedded GGUF files or OpenAI-compatible endpoints).</summary>
    [JsonPropertyName("models")]
    public IReadOnlyList<ModelSpec> Models { get; set; } = [];

    /// <summary>The reward model strategies use for scoring, when any needs one.</summary>
    [JsonPropertyName("reward_model")]
    public ModelSpec? RewardModel { get; set; }

    /// <summary>Strategies with their parameter grids and budgets.</summary>
    [JsonPropertyName("strategies")]
    public IReadOnlyList<StrategySpec> Strategies { get; set; } = [];

    /// <summary>Seeds; every case runs once per seed.</summary>
    [JsonPropertyName("seeds")]
    public IReadOnlyList<ulong> Seeds { get; set; } = [1];

    /// <summary>Base sampling parameters (strategies may override per grid point).</summary>
    [JsonPropertyName("sampling")]
    public SamplingSpec Sampling { get; set; } = new();
}
