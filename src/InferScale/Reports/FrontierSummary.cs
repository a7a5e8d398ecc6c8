using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>
/// The compute-optimal frontier across models and strategies: the Pareto front of accuracy against mean tokens and
/// against mean FLOPs over every row except the oracle <c>pass-at-k</c> (which reads the gold answer).
/// </summary>
/// <param name="Tokens">The front against mean tokens per problem, cost ascending.</param>
/// <param name="Flops">The front against mean FLOPs per problem, cost ascending.</param>
public sealed record FrontierSummary(
    [property: JsonPropertyName("tokens")] IReadOnlyList<FrontierPoint> Tokens,
    [property: JsonPropertyName("flops")] IReadOnlyList<FrontierPoint> Flops);
