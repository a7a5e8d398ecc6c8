using System.Text.Json.Serialization;
using InferScale.Experiments.Results;

namespace InferScale.Experiments.Running;

/// <summary>Source-generated JSON for stored problem records (case outcomes use <see cref="OutcomeJson"/>).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProblemRecord))]
internal sealed partial class RunningJsonContext : JsonSerializerContext
{
}
