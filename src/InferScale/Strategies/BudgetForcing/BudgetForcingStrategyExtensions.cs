namespace InferScale.Strategies;

/// <summary>Adds <c>budget-forcing</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class BudgetForcingStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "budget-forcing";

    /// <summary>Builds s1 budget forcing: cap thinking, or extend it with 'Wait'.</summary>
    public static ScalingStrategyBuilder AddBudgetForcing(this ScalingStrategyBuilder builder, BudgetForcingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new BudgetForcingOptions(), o => new BudgetForcingStrategy(o));
    }
}
