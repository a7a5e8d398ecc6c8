using System.Text.Json.Serialization;

namespace InferScale.Reports;

/// <summary>The most accurate row on one difficulty level at one budget (ties: fewer tokens, then row order); no winner where every row scored 0.</summary>
/// <param name="BudgetKind"><c>samples</c>, <c>tokens</c> or <c>flops</c>.</param>
/// <param name="Budget">The budget.</param>
/// <param name="Level">The difficulty level.</param>
/// <param name="Model">The winning row's model.</param>
/// <param name="Strategy">The winning row's strategy.</param>
/// <param name="ParamsText">The winning row's parameters, as text.</param>
/// <param name="Accuracy">Its accuracy on the level.</param>
/// <param name="Contenders">How many rows competed.</param>
/// <param name="Tied">How many other rows reached the same accuracy (the winner among them used fewer tokens).</param>
public sealed record LevelWinner(
    [property: JsonPropertyName("budget_kind")] string BudgetKind,
    [property: JsonPropertyName("budget")] double Budget,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("params_text")] string ParamsText,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("contenders")] int Contenders,
    [property: JsonPropertyName("tied")] int Tied);
