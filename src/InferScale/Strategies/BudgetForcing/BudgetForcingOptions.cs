using System.ComponentModel;
using InferScale.Tasks.Arith;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>budget-forcing</c> (s1, Muennighoff et al. 2025): cap thinking at <see cref="ThinkingBudget"/> tokens by
/// appending <see cref="ThinkClose"/> and <see cref="AnswerCue"/>; extend it, while it is shorter than
/// <see cref="MinThinkingTokens"/>, by suppressing the end of thinking and appending <see cref="WaitText"/>, at most
/// <see cref="Waits"/> times (gains flatten after about 6). s1's "Wait ×n" runs: <c>MinThinkingTokens = ThinkingBudget</c>, <c>Waits = n</c>.
/// </summary>
public sealed record BudgetForcingOptions : ScalingStrategyOptions
{
    /// <summary>Maximum thinking tokens. Default 512.</summary>
    [Description("Maximum thinking tokens before the end of thinking is forced.")]
    public int ThinkingBudget { get; init; } = 512;

    /// <summary>Minimum thinking tokens: an earlier end of thinking is suppressed (up to <see cref="Waits"/> times). Default 0.</summary>
    [Description("Minimum thinking tokens: an earlier end of thinking is suppressed and 'Wait' appended.")]
    public int MinThinkingTokens { get; init; }

    /// <summary>Most times the end of thinking is suppressed and <see cref="WaitText"/> appended. Default 6.</summary>
    [Description("Most times the end of thinking is suppressed and 'Wait' appended.")]
    public int Waits { get; init; } = 6;

    /// <summary>
    /// Independent forced traces, voted by majority. Default <see langword="null"/>: the samples budget (1 under a tokens
    /// or FLOPs budget); s1 uses one.
    /// </summary>
    [Description("Independent forced traces voted by majority; empty uses the samples budget (1 under a tokens/FLOPs budget).")]
    public int? Traces { get; init; }

    /// <summary>Text appended to extend thinking. Default <c>Wait</c>.</summary>
    [Description("Text appended to extend thinking.")]
    public string WaitText { get; init; } = ArithFormat.Wait;

    /// <summary>The end-of-thinking delimiter. Default <c>&lt;/think&gt;</c>.</summary>
    [Description("The end-of-thinking delimiter.")]
    public string ThinkClose { get; init; } = ArithFormat.ThinkClose;

    /// <summary>The cue appended after the thinking to make the model answer. Default the arith task's <c>The answer is \boxed{</c>.</summary>
    [Description("The cue appended after thinking to make the model answer.")]
    public string AnswerCue { get; init; } = ArithFormat.AnswerCue;

    /// <summary>Maximum tokens of the answer after the cue. Default 32.</summary>
    [Description("Maximum tokens of the answer after the cue.")]
    public int AnswerTokens { get; init; } = 32;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (ThinkingBudget < 1)
            throw new ArgumentOutOfRangeException(nameof(ThinkingBudget), ThinkingBudget, "ThinkingBudget must be >= 1.");
        if (MinThinkingTokens < 0 || MinThinkingTokens > ThinkingBudget)
            throw new ArgumentOutOfRangeException(nameof(MinThinkingTokens), MinThinkingTokens, $"MinThinkingTokens must be in [0, ThinkingBudget = {ThinkingBudget}].");
        if (Traces is int n && n < 1)
            throw new ArgumentOutOfRangeException(nameof(Traces), n, "Traces must be >= 1 (or empty to use the samples budget).");
        if (Waits < 0)
            throw new ArgumentOutOfRangeException(nameof(Waits), Waits, "Waits must be >= 0.");
        if (AnswerTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(AnswerTokens), AnswerTokens, "AnswerTokens must be >= 1.");
        if (string.IsNullOrEmpty(WaitText))
            throw new ArgumentException("WaitText must be non-empty.", nameof(WaitText));
        if (string.IsNullOrEmpty(ThinkClose))
            throw new ArgumentException("ThinkClose must be non-empty.", nameof(ThinkClose));
    }

    /// <inheritdoc />
    public override void ValidateBudget(ComputeBudget budget)
    {
        base.ValidateBudget(budget);
        if (Traces is int n && budget.Kind == BudgetKind.Samples && n > budget.Amount)
            throw new ArgumentOutOfRangeException(nameof(Traces), n, $"Traces ({n}) is larger than the budget ({budget}).");
    }
}
