using System.Text.Json.Serialization;

namespace InferScale.Analysis;

/// <summary>Source-generated JSON metadata for the pool format (one compact line per record, nulls written).</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PoolRecord))]
internal sealed partial class PoolJsonContext : JsonSerializerContext
{
}
