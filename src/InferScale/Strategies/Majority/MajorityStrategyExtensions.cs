namespace InferScale.Strategies;

/// <summary>Adds <c>majority</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class MajorityStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "majority";

    /// <summary>Builds majority voting (self-consistency) over the budget's samples.</summary>
    public static ScalingStrategyBuilder AddMajority(this ScalingStrategyBuilder builder, MajorityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new MajorityOptions(), o => new MajorityStrategy(o));
    }
}
