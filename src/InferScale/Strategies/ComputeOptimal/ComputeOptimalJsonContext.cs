using System.Text.Json.Serialization;

namespace InferScale.Strategies;

/// <summary>Source-generated JSON for compute-optimal policy tables (indented, nulls written, property order fixed).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ComputeOptimalPolicy))]
internal sealed partial class ComputeOptimalJsonContext : JsonSerializerContext
{
}
