using System.ComponentModel;
using InferScale.Tasks.Arith;

namespace InferScale.Strategies;

/// <summary>
/// Options of <c>budget-forcing</c> (s1, Muennighoff et al. 2025): cap thinking at <see cref="ThinkingBudget"/> tokens by
/// appending <see cref="ThinkClose"/> and <see cref="AnswerCue"/>; extend it by suppressing the end of thinking and
/// appending <see cref="WaitText"/>, <see cref="Waits"/> times (gains flatten after about 6).
/// </summary>
public sealed record BudgetForcingOptions : ScalingStrategyOptions
{
    /// <summary>Maximum thinking tokens. Default 512.</summary>
    [Description("Maximum thinking tokens before the end of thinking is forced.")]
    public int ThinkingBudget { get; init; } = 512;

    /// <summary>Times the end of thinking is suppressed and <see cref="WaitText"/> appended. Default 0.</summary>
    [Description("Times the end of thinking is suppressed and 'Wait' appended.")]
    public int Waits { get; init; }

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
        if (Waits < 0)
            throw new ArgumentOutOfRangeException(nameof(Waits), Waits, "Waits must be >= 0.");
        if (AnswerTokens < 1)
            throw new ArgumentOutOfRangeException(nameof(AnswerTokens), AnswerTokens, "AnswerTokens must be >= 1.");
        if (string.IsNullOrEmpty(WaitText))
            throw new ArgumentException("WaitText must be non-empty.", nameof(WaitText));
        if (string.IsNullOrEmpty(ThinkClose))
            throw new ArgumentException("ThinkClose must be non-empty.", nameof(ThinkClose));
    }
}
