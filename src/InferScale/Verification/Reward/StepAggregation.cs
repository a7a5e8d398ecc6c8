namespace InferScale.Verification.Reward;

/// <summary>How per-step scores become one outcome score when the model gives no outcome score of its own.</summary>
public enum StepAggregation
{
    /// <summary>The last step's score (Snell et al. found it works best for their PRM).</summary>
    Last,

    /// <summary>The lowest step score (a solution is as good as its weakest step).</summary>
    Min,

    /// <summary>The product of step scores.</summary>
    Product,

    /// <summary>The mean of step scores.</summary>
    Mean,
}
