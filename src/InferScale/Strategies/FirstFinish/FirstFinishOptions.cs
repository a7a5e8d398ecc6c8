using System.ComponentModel;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>first-finish</c> (First Finish Search, 2025): launch n samples (n = the budget) and return the first
/// to finish, "first" meaning fewest completion tokens among the samples that ended on their own (ties: lower index),
/// so the choice is deterministic. With <see cref="ChunkTokens"/> set, the samples advance together in chunks of that
/// many tokens (by prefix continuation) and the run stops as soon as one has finished, saving the rest's tokens.
/// </summary>
public sealed record FirstFinishOptions : ScalingStrategyOptions
{
    /// <summary>Tokens per lock-step chunk; <see langword="null"/> (default) generates whole samples and picks the shortest finished one.</summary>
    [Description("Tokens per lock-step chunk (stops all samples once one finishes); empty generates whole samples.")]
    public int? ChunkTokens { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (ChunkTokens is int c && c < 1)
            throw new ArgumentOutOfRangeException(nameof(ChunkTokens), c, "ChunkTokens must be >= 1 (or unset).");
    }
}
