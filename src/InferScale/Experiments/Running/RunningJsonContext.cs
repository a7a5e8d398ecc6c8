using System.Text.Json.Serialization;
using InferScale.Experiments.Results;

namespace InferScale.Experiments.Running;

/// <summary>Source-generated JSON for stored problem records and case results.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProblemRecord))]
[JsonSerializable(typeof(CaseOutcome))]
internal sealed partial class RunningJsonContext : JsonSerializerContext
{
}
