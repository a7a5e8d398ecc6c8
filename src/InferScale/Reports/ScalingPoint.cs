using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>A point of a scaling curve: observed, or predicted by the fitted law.</summary>
/// <param name="Budget">Samples (k).</param>
/// <param name="Value">Accuracy or coverage in [0, 1].</param>
/// <param name="Extrapolated">Whether the point lies beyond the largest observed budget (predicted points only).</param>
public sealed record ScalingPoint(
    [property: JsonPropertyName("budget")] double Budget,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("extrapolated")] bool Extrapolated);
