using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options shared by the DeepConf strategies (Fu et al. 2025). Token confidence is minus the mean log-probability of the
/// top-k alternatives at a position; group confidence is the mean token confidence over a sliding window of
/// <see cref="WindowSize"/> tokens; a trace's confidence is its lowest group confidence (the whole trace's mean when it
/// is shorter than a window).
/// </summary>
public abstract record DeepConfOptions : ScalingStrategyOptions
{
    /// <summary>Alternatives k per position whose log-probabilities define token confidence. Default 20 (the paper's).</summary>
    [Description("Top-k alternatives per position used for token confidence (1-20).")]
    public int TopLogprobs { get; init; } = 20;

    /// <summary>Sliding-window length in tokens for group confidence. Default 2048 (the paper's).</summary>
    [Description("Sliding-window length in tokens for group confidence.")]
    public int WindowSize { get; init; } = 2048;

    /// <summary>Percentage η of traces kept, the most confident (90 = DeepConf-high, 10 = DeepConf-low). Default 90.</summary>
    [Description("Percent of traces kept, the most confident (90 = DeepConf-high, 10 = DeepConf-low).")]
    public double KeepPercent { get; init; } = 90;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (TopLogprobs is < 1 or > 20)
            throw new ArgumentOutOfRangeException(nameof(TopLogprobs), TopLogprobs, "TopLogprobs must be in [1, 20].");
        if (WindowSize < 1)
            throw new ArgumentOutOfRangeException(nameof(WindowSize), WindowSize, "WindowSize must be >= 1.");
        if (!(KeepPercent > 0 && KeepPercent <= 100))
            throw new ArgumentOutOfRangeException(nameof(KeepPercent), KeepPercent, "KeepPercent must be in (0, 100].");
    }
}
