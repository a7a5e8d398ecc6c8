namespace InferScale.Gateway.Http;

/// <summary>The request body's <c>inferscale</c> object: a strategy, its budget and its options.</summary>
/// <param name="Strategy">The catalog name, or <see langword="null"/> when the object only adds options to a prefixed model name.</param>
/// <param name="Budget">The budget text (a number, or a number with a unit), or <see langword="null"/>.</param>
/// <param name="BudgetKind">samples, tokens or flops, or <see langword="null"/>.</param>
/// <param name="Params">Strategy options by kebab-case name, as strings.</param>
internal sealed record StrategyRequest(string? Strategy, string? Budget, string? BudgetKind, IReadOnlyDictionary<string, string> Params);
