using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// A partial (or complete) solution in a step-level search: the text after the prompt, steps joined by the step
/// delimiter (an unfinished node's text ends with it, so it is the prefix the next step continues).
/// </summary>
internal sealed class StepNode
{
    public StepNode(StepNode? parent, string text, int index)
    {
        Parent = parent;
        Text = text;
        Index = index;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>The node this one continues; <see langword="null"/> for the root (the empty solution).</summary>
    public StepNode? Parent { get; }

    /// <summary>The solution so far.</summary>
    public string Text { get; }

    /// <summary>The index of the sample that wrote the last step (unique within a run); −1 for the root.</summary>
    public int Index { get; }

    /// <summary>Steps in the solution.</summary>
    public int Depth { get; }

    /// <summary>Whether the solution ended: its answer appeared, the model stopped writing steps, it hit the length limit, or it failed.</summary>
    public bool IsComplete { get; init; }

    /// <summary>The answer extracted from <see cref="Text"/>; <see langword="null"/> when none.</summary>
    public string? Answer { get; init; }

    /// <summary>Why the last step ended.</summary>
    public FinishReason FinishReason { get; init; } = FinishReason.Stop;

    /// <summary>The failure of the last step's generation, when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Prompt (and prefix) tokens of the call that wrote the last step.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Completion tokens of every step on the path.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Whether generation of the last step failed.</summary>
    public bool Failed => FinishReason == FinishReason.Error;

    /// <summary>The reward model's judgement of <see cref="Text"/>, once scored.</summary>
    public RewardScore? Reward { get; set; }

    /// <summary>The aggregated score that ranks or weights the node; <see langword="null"/> when not scored or scoring failed.</summary>
    public double? Score { get; set; }

    /// <summary>The node as a sample (for candidates and voting).</summary>
    public Sample ToSample() => new(Text)
    {
        Index = Index,
        Answer = Failed ? null : Answer,
        PromptTokens = PromptTokens,
        CompletionTokens = CompletionTokens,
        FinishReason = FinishReason,
        Score = Reward?.Final,
        StepScores = Reward?.StepScores,
        Error = Error,
    };
}
