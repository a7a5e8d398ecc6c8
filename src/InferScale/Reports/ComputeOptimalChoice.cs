using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>The strategy the compute-optimal policy chose for one difficulty bin.</summary>
/// <param name="Bin">The bin's name (e.g. <c>"1"</c>…<c>"5"</c>).</param>
/// <param name="DifficultyRange">The bin's range of the difficulty estimate, as text (e.g. <c>"0.80–1.00"</c>).</param>
/// <param name="Strategy">The strategy chosen.</param>
/// <param name="Params">Its parameters, as text.</param>
/// <param name="Budget">The budget.</param>
/// <param name="Accuracy">Its accuracy on the bin.</param>
public sealed record ComputeOptimalChoice(
    [property: JsonPropertyName("bin")] string Bin,
    [property: JsonPropertyName("difficulty_range")] string DifficultyRange,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("params")] string Params,
    [property: JsonPropertyName("budget")] double Budget,
    [property: JsonPropertyName("accuracy")] double Accuracy);
