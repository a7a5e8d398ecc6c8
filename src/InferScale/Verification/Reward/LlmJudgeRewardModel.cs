using System.Globalization;
using InferScale.Generation;

namespace InferScale.Verification.Reward;

/// <summary>
/// An LLM-as-judge reward model: asks any <see cref="IGenerator"/> to grade a solution with a rubric prompt and parses
/// its text deterministically — a 0–10 grade (<see cref="RewardScore.Final"/> = grade / 10) or a yes/no verdict per step
/// (1 or 0; the outcome is their aggregate). Text that cannot be parsed, or a failed judge call, gives NaN scores with
/// <see cref="RewardScore.Error"/> set; nothing is thrown except on cancellation. The judge's prompt and completion
/// tokens are counted as <see cref="Usage.VerifierTokens"/>.
/// </summary>
public sealed class LlmJudgeRewardModel : IRewardModel
{
    private readonly IGenerator _judge;
    private readonly LlmJudgeOptions _options;
    private readonly string _rubric;

    /// <summary>Uses <paramref name="judge"/> as the grader; validates <paramref name="options"/> once.</summary>
    public LlmJudgeRewardModel(IGenerator judge, LlmJudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _options = options ?? new LlmJudgeOptions();
        _options.Validate();
        _judge = judge;
        _rubric = _options.Rubric ?? (_options.Mode == JudgeMode.OutcomeScore ? LlmJudgeOptions.OutcomeRubric : LlmJudgeOptions.StepRubric);
    }

    /// <inheritdoc />
    public async ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(solution);
        var steps = SolutionSteps.Split(solution);
        var judgePrompt = _rubric
            .Replace("{prompt}", prompt, StringComparison.Ordinal)
            .Replace("{solution}", solution, StringComparison.Ordinal)
            .Replace("{steps}", string.Join("\n", steps.Select((s, i) => $"Step {i + 1}: {s}")), StringComparison.Ordinal)
            .Replace("{step_count}", steps.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var result = await _judge.GenerateAsync(new GenerationRequest(judgePrompt) { Sampling = _options.Sampling }, cancellationToken).ConfigureAwait(false);
        var usage = new Usage
        {
            Calls = result.Usage.Calls,
            CachedPromptTokens = result.Usage.CachedPromptTokens,
            VerifierTokens = result.Usage.PromptTokens + result.Usage.CompletionTokens + result.Usage.VerifierTokens,
            Flops = result.Usage.Flops,
            WallTime = result.Usage.WallTime,
        };
        if (result.Samples is not [var verdict, ..])
            return RewardScore.Failed("The judge returned no sample.", usage);
        if (verdict.FinishReason == FinishReason.Error)
            return RewardScore.Failed($"The judge call failed: {verdict.Error}", usage);

        if (_options.Mode == JudgeMode.OutcomeScore)
        {
            return JudgeVerdictParser.TryParseGrade(verdict.Text, out var grade, out var problem)
                ? new RewardScore([], grade / 10.0, usage)
                : RewardScore.Failed($"Unparseable judge output: {problem}", usage);
        }
        if (steps.Count == 0)
            return RewardScore.Failed("The solution has no steps to judge.", usage);
        var verdicts = JudgeVerdictParser.ParseStepVerdicts(verdict.Text, steps.Count, out var missing);
        var final = _options.Aggregation.Aggregate(verdicts);
        return missing.Count == 0
            ? new RewardScore(verdicts, final, usage)
            : new RewardScore(verdicts, double.NaN, usage) { Error = $"Unparseable judge output: no verdict for step(s) {string.Join(", ", missing)}." };
    }
}
