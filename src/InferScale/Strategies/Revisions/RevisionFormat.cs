namespace InferScale.Strategies;

/// <summary>How <c>revisions</c> shows a chain's previous attempts to the model.</summary>
public enum RevisionFormat
{
    /// <summary>
    /// <see cref="Prompt"/> when at least the latest attempt fits the context, else <see cref="Continuation"/>, else a
    /// fresh sample.
    /// </summary>
    Auto,

    /// <summary>Snell's format: the most recent attempts that fit, listed before the original prompt (<see cref="RevisionPrompt"/>); else a fresh sample.</summary>
    Prompt,

    /// <summary>
    /// The self-check format of models trained like the arith ones: the latest attempt's thinking is kept up to the
    /// step to re-check, the wait word is appended, and the model continues (<see cref="RevisionContinuation"/>); else a
    /// fresh sample.
    /// </summary>
    Continuation,
}
