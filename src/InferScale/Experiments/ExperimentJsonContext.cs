using System.Text.Json.Serialization;

namespace InferScale.Experiments;

/// <summary>Source-generated JSON for experiment configs (comments and trailing commas allowed).</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ExperimentConfig))]
[JsonSerializable(typeof(DatasetSpec))]
[JsonSerializable(typeof(ModelSpec))]
[JsonSerializable(typeof(SamplingSpec))]
[JsonSerializable(typeof(StrategySpec))]
internal sealed partial class ExperimentJsonContext : JsonSerializerContext
{
}
