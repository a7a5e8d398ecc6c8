using InferScale.Generation;

namespace InferScale.Backends.Replay;

/// <summary>One recorded sample of a pool: its text and what was measured about it.</summary>
/// <param name="Text">The generated text.</param>
public sealed record RecordedSample(string Text)
{
    /// <summary>The extracted answer, when recorded (re-extracted by strategies when <see langword="null"/>).</summary>
    public string? Answer { get; init; }

    /// <summary>Whether the answer was graded correct, when recorded.</summary>
    public bool? IsCorrect { get; init; }

    /// <summary>Prompt tokens the sample continued (0 when unknown).</summary>
    public int PromptTokens { get; init; }

    /// <summary>Completion tokens (0 when unknown; then the token count of <see cref="Logprobs"/> is used when recorded).</summary>
    public int CompletionTokens { get; init; }

    /// <summary>How the sample ended. Default <see cref="Generation.FinishReason.Stop"/>.</summary>
    public FinishReason FinishReason { get; init; } = FinishReason.Stop;

    /// <summary>A recorded outcome score (reward model), when recorded.</summary>
    public double? Score { get; init; }

    /// <summary>Recorded per-step scores, when recorded.</summary>
    public IReadOnlyList<double>? StepScores { get; init; }

    /// <summary>Recorded per-token log-probabilities (their tokens concatenate to <see cref="Text"/>), when recorded.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }
}
