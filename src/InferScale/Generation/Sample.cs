namespace InferScale.Generation;

/// <summary>
/// One generated solution: its text and everything measured about it. Generators fill the text, token counts,
/// finish reason and (when asked) logprobs; verifiers and reward models add the answer, correctness and scores
/// with <c>with</c> expressions.
/// </summary>
/// <param name="Text">The generated continuation (not including the prompt).</param>
public sealed record Sample(string Text)
{
    /// <summary>Index of the sample within its request's sample stream (sample <c>i</c> depends only on seed and <c>i</c>).</summary>
    public int Index { get; init; }

    /// <summary>The final answer extracted from <see cref="Text"/>; <see langword="null"/> when none was found or not yet extracted.</summary>
    public string? Answer { get; init; }

    /// <summary>Whether the answer is correct against the gold answer; <see langword="null"/> when unknown.</summary>
    public bool? IsCorrect { get; init; }

    /// <summary>Tokens in the prompt (and prefix) that this sample continued.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Tokens generated for this sample.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Why generation of this sample ended.</summary>
    public FinishReason FinishReason { get; init; } = FinishReason.Stop;

    /// <summary>An outcome score (reward model, confidence); <see langword="null"/> when not scored.</summary>
    public double? Score { get; init; }

    /// <summary>Per-step scores from a process reward model; <see langword="null"/> when not scored.</summary>
    public IReadOnlyList<double>? StepScores { get; init; }

    /// <summary>Per-token log-probabilities; <see langword="null"/> when not requested.</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>A message describing a failure when <see cref="FinishReason"/> is <see cref="FinishReason.Error"/>.</summary>
    public string? Error { get; init; }
}
