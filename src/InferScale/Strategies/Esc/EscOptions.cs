using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>esc</c> (Early-Stopping Self-Consistency, Li et al. 2024): samples are drawn in windows of
/// <see cref="WindowSize"/> (by index: window j holds samples j·w … j·w + w − 1) up to the budget; sampling stops after
/// the first window whose answers are all equivalent; the answer is the majority over every sample drawn.
/// </summary>
public sealed record EscOptions : ScalingStrategyOptions
{
    /// <summary>Samples per window. Default 5 (the paper's setting, with budgets up to 20 or 40).</summary>
    [Description("Samples per window; sampling stops after a unanimous window.")]
    public int WindowSize { get; init; } = 5;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (WindowSize < 1)
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "WindowSize must be >= 1.");
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (budget.Kind == BudgetKind.Samples && WindowSize > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, $"WindowSize ({WindowSize}) is larger than the budget ({budget}).");
    }
}
