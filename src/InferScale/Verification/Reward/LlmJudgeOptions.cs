using InferScale.Generation;

namespace InferScale.Verification.Reward;

/// <summary>Configuration of an <see cref="LlmJudgeRewardModel"/>. Validated once by its constructor.</summary>
public sealed record LlmJudgeOptions
{
    /// <summary>The default rubric for <see cref="JudgeMode.OutcomeScore"/>.</summary>
    public const string OutcomeRubric =
        "You are grading a solution to a problem.\n\nProblem:\n{prompt}\n\nSolution:\n{solution}\n\n" +
        "Judge whether the reasoning is correct and the final answer is right. " +
        "Explain briefly, then end with a line of the form \"Score: N\" where N is an integer from 0 (wrong) to 10 (certainly correct).";

    /// <summary>The default rubric for <see cref="JudgeMode.StepVerdicts"/>.</summary>
    public const string StepRubric =
        "You are checking a step-by-step solution to a problem.\n\nProblem:\n{prompt}\n\nSolution steps:\n{steps}\n\n" +
        "For every step, decide whether it is correct given the steps before it. " +
        "Answer with one line per step, exactly \"Step K: yes\" or \"Step K: no\", for K = 1 to {step_count}.";

    /// <summary>What to ask for. Default <see cref="JudgeMode.OutcomeScore"/>.</summary>
    public JudgeMode Mode { get; init; } = JudgeMode.OutcomeScore;

    /// <summary>
    /// The judge prompt; <c>{prompt}</c>, <c>{solution}</c>, <c>{steps}</c> (numbered <c>Step K: …</c> lines) and
    /// <c>{step_count}</c> are replaced. <see langword="null"/> uses <see cref="OutcomeRubric"/> or <see cref="StepRubric"/> by mode.
    /// </summary>
    public string? Rubric { get; init; }

    /// <summary>How the judge samples. Default greedy with at most 512 tokens.</summary>
    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;

    /// <summary>How step verdicts become the outcome score. Default <see cref="StepAggregation.Min"/> (1 only if every step is right).</summary>
    public StepAggregation Aggregation { get; init; } = StepAggregation.Min;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode))
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Mode must be OutcomeScore or StepVerdicts.");
        if (Rubric is not null && !Rubric.Contains("{solution}", StringComparison.Ordinal) && !Rubric.Contains("{steps}", StringComparison.Ordinal))
            throw new ArgumentException("Rubric must contain {solution} or {steps}.", nameof(Rubric));
        ArgumentNullException.ThrowIfNull(Sampling, nameof(Sampling));
        Sampling.Validate();
        if (!Enum.IsDefined(Aggregation))
            throw new ArgumentOutOfRangeException(nameof(Aggregation), Aggregation, "Aggregation must be Last, Min, Product or Mean.");
    }
}
