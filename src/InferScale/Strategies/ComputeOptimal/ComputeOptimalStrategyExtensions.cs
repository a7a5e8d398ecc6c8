namespace InferScale.Strategies;

/// <summary>Adds <c>compute-optimal</c> to a <see cref="ScalingStrategyBuilder"/>.</summary>
public static class ComputeOptimalStrategyExtensions
{
    /// <summary>The catalog name.</summary>
    public const string Name = "compute-optimal";

    /// <summary>
    /// Builds Snell's compute-optimal allocation: a probe estimates the problem's difficulty and the bin's configuration
    /// from the policy table runs with the rest of the budget. Reads and checks <see cref="ComputeOptimalOptions.Table"/>
    /// when built (a missing file is <see cref="FileNotFoundException"/>, a bad one <see cref="FormatException"/> naming the file and field).
    /// </summary>
    public static ScalingStrategyBuilder AddComputeOptimal(this ScalingStrategyBuilder builder, ComputeOptimalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStrategy(options ?? new ComputeOptimalOptions(), o => new ComputeOptimalStrategy(o));
    }
}
