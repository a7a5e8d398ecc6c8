using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>deepconf-online</c>: <see cref="WarmupTraces"/> full traces set the stopping threshold at the
/// (100 − η)th percentile of their lowest group confidence; every later trace is generated in chunks of
/// <see cref="ChunkTokens"/> tokens (prefix continuation) and stopped as soon as a window's confidence falls below the
/// threshold (stopped traces do not vote); sampling ends when the leading answer's share of the confidence-weighted
/// vote reaches <see cref="ConsensusThreshold"/> or the budget is spent.
/// </summary>
public sealed record DeepConfOnlineOptions : DeepConfOptions
{
    /// <summary>Warm-up traces N_init that set the threshold. Default 16 (the paper's).</summary>
    [Description("Warm-up traces that set the confidence threshold.")]
    public int WarmupTraces { get; init; } = 16;

    /// <summary>Tokens generated between confidence checks. Default 64.</summary>
    [Description("Tokens generated between confidence checks of a trace.")]
    public int ChunkTokens { get; init; } = 64;

    /// <summary>Stop sampling when the leader's share of the weighted vote reaches this; 1 waits for unanimity. Default 0.95 (the paper's τ).</summary>
    [Description("Stop when the leading answer's share of the weighted vote reaches this (1 = unanimous only).")]
    public double ConsensusThreshold { get; init; } = 0.95;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (WarmupTraces < 1)
            throw new ArgumentOutOfRangeException(nameof(WarmupTraces), WarmupTraces, "WarmupTraces must be >= 1.");
        if (ChunkTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(ChunkTokens), ChunkTokens, "ChunkTokens must be >= 1.");
        if (!(ConsensusThreshold > 0.5 && ConsensusThreshold <= 1))
            throw new ArgumentOutOfRangeException(nameof(ConsensusThreshold), ConsensusThreshold, "ConsensusThreshold must be in (0.5, 1].");
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (budget.Kind == BudgetKind.Samples && WarmupTraces > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(WarmupTraces), WarmupTraces, $"WarmupTraces ({WarmupTraces}) is larger than the budget ({budget}).");
    }
}
