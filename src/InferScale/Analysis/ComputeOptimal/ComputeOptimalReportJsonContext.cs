using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>Source-generated JSON for <see cref="ComputeOptimalReport"/> (indented, nulls written, property order fixed).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ComputeOptimalReport))]
internal sealed partial class ComputeOptimalReportJsonContext : JsonSerializerContext
{
}
