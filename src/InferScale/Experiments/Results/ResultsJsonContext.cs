using System.Text.Json.Serialization;

namespace InferScale.Experiments.Results;

/// <summary>Source-generated JSON for case outcomes (stored results and report inputs).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseOutcome))]
[JsonSerializable(typeof(ProblemOutcome))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(IReadOnlyList<CaseOutcome>))]
[JsonSerializable(typeof(IReadOnlyList<ModelInfo>))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext
{
}
