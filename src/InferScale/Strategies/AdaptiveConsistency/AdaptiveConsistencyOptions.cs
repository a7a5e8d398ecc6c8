using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>adaptive-consistency</c> (Aggarwal et al. 2023): samples are drawn by index, <see cref="BatchSize"/> at a
/// time, until the Beta posterior probability that the leading answer (a votes) beats the runner-up (b votes),
/// <c>∫_{0.5}^{1} x^a (1−x)^b dx / B(a+1, b+1) = 1 − I_{0.5}(a+1, b+1)</c>, exceeds <see cref="Threshold"/>, or the
/// budget is spent; the answer is the majority.
/// </summary>
public sealed record AdaptiveConsistencyOptions : ScalingStrategyOptions
{
    /// <summary>Stop when the posterior exceeds this. Default 0.95 (the paper's). With unanimous samples it stops after 4.</summary>
    [Description("Stop when P(leader beats runner-up) under the Beta posterior exceeds this.")]
    public double Threshold { get; init; } = 0.95;

    /// <summary>Samples drawn between checks. Default 1 (the paper's: check after every sample).</summary>
    [Description("Samples drawn between stopping checks.")]
    public int BatchSize { get; init; } = 1;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!(Threshold >= 0.5 && Threshold < 1))
            throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold must be in [0.5, 1).");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be >= 1.");
    }
}
