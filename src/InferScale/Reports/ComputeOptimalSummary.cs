using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>The compute-optimal section of <c>summary.json</c>; every field is null when no compute-optimal analysis was given.</summary>
/// <param name="Bon64Accuracy">Weighted best-of-64 accuracy.</param>
/// <param name="Bon64Tokens">Weighted best-of-64 mean tokens per problem.</param>
/// <param name="TokensToMatchBon64">Mean tokens the compute-optimal policy needs to match it; null when it never does.</param>
/// <param name="Curve">The compute-optimal curve.</param>
/// <param name="Choices">The strategy chosen per difficulty bin.</param>
public sealed record ComputeOptimalSummary(
    [property: JsonPropertyName("bon64_accuracy")] double? Bon64Accuracy,
    [property: JsonPropertyName("bon64_tokens")] double? Bon64Tokens,
    [property: JsonPropertyName("tokens_to_match_bon64")] double? TokensToMatchBon64,
    [property: JsonPropertyName("curve")] IReadOnlyList<ComputeOptimalPoint>? Curve,
    [property: JsonPropertyName("choices")] IReadOnlyList<ComputeOptimalChoice>? Choices);
