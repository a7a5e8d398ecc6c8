namespace InferScale.Strategies;

/// <summary>Adds <c>revisions</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class RevisionsStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "revisions";

    /// <summary>Builds sequential revisions in parallel chains, the answer chosen across all attempts.</summary>
    public static ScalingStrategyBuilder AddRevisions(this ScalingStrategyBuilder builder, RevisionsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new RevisionsOptions(), o => new RevisionsStrategy(o));
    }
}
