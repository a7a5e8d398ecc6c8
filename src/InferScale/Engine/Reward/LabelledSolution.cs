namespace InferScale.Engine.Reward;

/// <summary>One sampled solution with its reward labels (a line of a <see cref="RewardLabelFile"/>).</summary>
public sealed record LabelledSolution
{
    /// <summary>Index of the problem in the arith training stream (<see cref="Tasks.Arith.ArithGenerator.Training"/>).</summary>
    public required long ProblemIndex { get; init; }

    /// <summary>The problem's id, e.g. <c>arith-train/3/…</c>.</summary>
    public required string ProblemId { get; init; }

    /// <summary>Difficulty level 1–5.</summary>
    public required int Level { get; init; }

    /// <summary>The prompt the policy saw.</summary>
    public required string Prompt { get; init; }

    /// <summary>The gold answer.</summary>
    public required string Gold { get; init; }

    /// <summary>Sample index among the problem's samples.</summary>
    public required int Sample { get; init; }

    /// <summary>The sampled solution (completion text).</summary>
    public required string Solution { get; init; }

    /// <summary>The extracted final answer, if any.</summary>
    public string? Answer { get; init; }

    /// <summary>Whether <see cref="Answer"/> equals the gold answer (the outcome label).</summary>
    public required bool Correct { get; init; }

    /// <summary>
    /// Per step (<see cref="RewardDocument.Steps"/>): the fraction of Monte-Carlo rollouts from the prefix ending with the
    /// step that reached the gold answer; the last step's value is the outcome itself (0 or 1).
    /// </summary>
    public required IReadOnlyList<double> StepValues { get; init; }

    /// <summary>For a corrupted solution (<see cref="RewardLabelOptions.CorruptedPerProblem"/>), the step whose result was moved; otherwise <see langword="null"/>.</summary>
    public int? CorruptedStep { get; init; }

    /// <summary>Tokens the rollouts of this solution generated.</summary>
    public long RolloutTokens { get; init; }
}
