using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>Source-generated JSON for <c>summary.json</c> (indented, nulls written, so missing data reads as null).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
