namespace InferScale.Strategies;

/// <summary>Adds <c>rebase</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class RebaseStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "rebase";

    /// <summary>Builds REBASE: reward-balanced tree search allocating children by a softmax of PRM rewards.</summary>
    public static ScalingStrategyBuilder AddRebase(this ScalingStrategyBuilder builder, RebaseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new RebaseOptions(), o => new RebaseStrategy(o));
    }
}
