using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>A row on the compute-optimal frontier: no row that costs less is as accurate.</summary>
/// <param name="Model">The policy model.</param>
/// <param name="Strategy">The strategy.</param>
/// <param name="ParamsText">Its parameters, as text.</param>
/// <param name="BudgetKind"><c>samples</c>, <c>tokens</c> or <c>flops</c>.</param>
/// <param name="Budget">The budget.</param>
/// <param name="Cost">Mean tokens or FLOPs per problem (the frontier's axis).</param>
/// <param name="Accuracy">Accuracy.</param>
public sealed record FrontierPoint(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("params_text")] string ParamsText,
    [property: JsonPropertyName("budget_kind")] string BudgetKind,
    [property: JsonPropertyName("budget")] double Budget,
    [property: JsonPropertyName("cost")] double Cost,
    [property: JsonPropertyName("accuracy")] double Accuracy);
