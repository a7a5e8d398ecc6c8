using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>One point of the compute-optimal curve.</summary>
/// <param name="Label">What the point is (e.g. <c>"compute-optimal@16"</c>).</param>
/// <param name="Budget">The budget (samples).</param>
/// <param name="MeanTokens">Mean tokens per problem.</param>
/// <param name="MeanFlops">Mean FLOPs per problem.</param>
/// <param name="Accuracy">Accuracy in [0, 1].</param>
public sealed record ComputeOptimalPoint(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("budget")] double Budget,
    [property: JsonPropertyName("tokens")] double MeanTokens,
    [property: JsonPropertyName("flops")] double MeanFlops,
    [property: JsonPropertyName("accuracy")] double Accuracy);
