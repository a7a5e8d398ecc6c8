using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>pass-at-k</c>, the oracle upper bound (coverage): k samples (k = the budget) are drawn and the run is
/// correct when any of them is equivalent to the gold answer.
/// </summary>
public sealed record PassAtKOptions : ScalingStrategyOptions
{
    /// <summary>Stop drawing at the first correct sample (saves compute; coverage is unchanged). Default false: draw all k, as the papers do.</summary>
    [Description("Stop at the first correct sample instead of drawing all k.")]
    public bool StopAtFirstCorrect { get; init; }
}
