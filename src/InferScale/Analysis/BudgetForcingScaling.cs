namespace InferScale.Analysis;

/// <summary>s1's three metrics of a test-time scaling method over a set A of thinking budgets (Muennighoff et al. 2025, §3.2).</summary>
/// <param name="Control">Mean over the budgets of the share of traces within their bounds: <c>1/|A| Σ_a I(a_min ≤ a ≤ a_max)</c>.</param>
/// <param name="Scaling">
/// Mean slope <c>(f(b) − f(a)) / (b − a)</c> in accuracy per thinking token over the pairs with <c>a &lt; b</c> (x = mean
/// thinking tokens); <see langword="null"/> when no two budgets used different amounts of thinking.
/// </param>
/// <param name="Performance">The best accuracy over the budgets: <c>max_a f(a)</c>.</param>
/// <param name="Pairs">Pairs the slope is averaged over (pairs with the same mean thinking tokens are left out).</param>
/// <param name="TiedPairs">Pairs left out because both used the same mean thinking tokens (the slope is undefined).</param>
public sealed record BudgetForcingScaling(double Control, double? Scaling, double Performance, int Pairs, int TiedPairs);
