namespace InferScale.Strategies;

/// <summary>How a process reward model's per-step scores become one score (Snell et al. found <see cref="Last"/> best).</summary>
public enum StepAggregation
{
    /// <summary>The score of the last step (falls back to the final score when there are no step scores).</summary>
    Last,

    /// <summary>The lowest step score.</summary>
    Min,

    /// <summary>The product of the step scores.</summary>
    Product,

    /// <summary>The mean step score.</summary>
    Mean,

    /// <summary>The model's outcome (ORM) score, ignoring step scores.</summary>
    Final,
}
