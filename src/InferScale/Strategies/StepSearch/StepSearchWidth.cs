namespace InferScale.Strategies;

/// <summary>The width N of a step-level search: sequences in flight per step ("N samples-equivalent").</summary>
public static class StepSearchWidth
{
    /// <summary>The width used under a tokens or FLOPs budget when none is set. 16.</summary>
    public const int DefaultWidth = 16;

    /// <summary>
    /// <paramref name="width"/> when set, else the samples budget's amount, else <see cref="DefaultWidth"/>.
    /// </summary>
    public static int Resolve(int? width, ComputeBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (width is int w)
            return w;
        return budget.Kind == BudgetKind.Samples ? (int)Math.Min(budget.Amount, 1 << 20) : DefaultWidth;
    }

    /// <summary>Throws naming <paramref name="name"/> when a set width is below 1.</summary>
    public static void Validate(string name, int? width)
    {
        if (width is int w && w < 1)
            throw new ArgumentOutOfRangeException(name, w, $"{name} must be >= 1 (or empty to use the samples budget).");
    }

    /// <summary>Throws naming <paramref name="name"/> when a set width is larger than a samples budget.</summary>
    public static void ValidateBudget(string name, int? width, ComputeBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (width is int w && budget.Kind == BudgetKind.Samples && w > budget.Amount)
            throw new ArgumentOutOfRangeException(name, w, $"{name} ({w}) is larger than the budget ({budget}).");
    }
}
