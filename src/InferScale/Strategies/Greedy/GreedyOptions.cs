namespace InferScale.Strategies;

/// <summary>Options of <c>greedy</c>: one sample at temperature 0 (the baseline every scaling curve starts from).</summary>
public sealed record GreedyOptions : ScalingStrategyOptions
{
    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (Temperature is double t && t != 0)
            throw new ArgumentOutOfRangeException(nameof(Temperature), t, "Temperature of greedy decoding is 0; leave it unset.");
    }
}
