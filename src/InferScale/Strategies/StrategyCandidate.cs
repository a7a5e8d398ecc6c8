using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>One solution a strategy considered, with what it knew about it.</summary>
/// <param name="Sample">The sample, with its extracted answer (and scores where the strategy scored it).</param>
public sealed record StrategyCandidate(Sample Sample)
{
    /// <summary>The sample index (sample <c>i</c> is a pure function of the run's inputs and <c>i</c>).</summary>
    public int Index => Sample.Index;

    /// <summary>The extracted answer; <see langword="null"/> when none was found or the sample failed.</summary>
    public string? Answer => Sample.Answer;

    /// <summary>The score the strategy ranked or weighted it by (reward, confidence), when it used one.</summary>
    public double? Score { get; init; }

    /// <summary>Whether the answer matches the problem's gold answer; <see langword="null"/> when either is unknown.</summary>
    public bool? IsCorrect { get; init; }

    /// <summary>Whether the strategy kept it for its decision (false for filtered, stopped or failed candidates).</summary>
    public bool Kept { get; init; } = true;

    /// <summary>Whether it is the chosen solution.</summary>
    public bool Selected { get; init; }

    /// <summary>The failure message when generation or scoring failed; <see langword="null"/> otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Compute attributed to this candidate: its own prompt and completion tokens as the sample reports them plus its
    /// scoring usage. Call-level totals (a shared prompt counted once) are in the trace and <see cref="StrategyResult.Usage"/>.
    /// </summary>
    public Usage Usage { get; init; } = Usage.Zero;
}
