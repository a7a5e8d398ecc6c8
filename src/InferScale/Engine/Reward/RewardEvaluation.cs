using InferScale.Generation;
using InferScale.Verification;
using InferScale.Verification.Reward;

namespace InferScale.Engine.Reward;

/// <summary>
/// Measures reward models on a pool drawn from a policy: n samples per problem (sample indices 0…n−1 of one seeded
/// request, as <c>inferscale sample</c> draws them), each checked against the gold answer and scored by every scorer;
/// then per scorer the AUC of correctness, best-of-n accuracy and weighted-majority accuracy, beside pass@1, maj@n and
/// pass@n of the same pool.
/// </summary>
public static class RewardEvaluation
{
    /// <summary>The key of the all-levels entries.</summary>
    public const string All = "all";

    /// <summary>Samples <paramref name="samples"/> solutions per problem with <paramref name="sampling"/> and evaluates <paramref name="scorers"/> on them.</summary>
    public static async Task<RewardEvaluationReport> RunAsync(
        IGenerator policy, IReadOnlyList<Problem> problems, IReadOnlyList<RewardScorer> scorers, int samples, SamplingOptions sampling,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(scorers);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var checker = MathAnswerChecker.Default;
        var models = scorers.Select(s => s.Model).Distinct().ToList();
        var policyUsage = Usage.Zero;
        var rewardUsage = Usage.Zero;
        var pool = new List<(string Level, bool[] Correct, string?[] Keys, double[][] Scores)>();
        for (var p = 0; p < problems.Count; p++)
        {
            var problem = problems[p];
            var result = await policy.GenerateAsync(new GenerationRequest(problem.Prompt) { Count = samples, Sampling = sampling }, cancellationToken).ConfigureAwait(false);
            policyUsage += result.Usage;
            var texts = result.Samples.Select(s => s.Text).ToList();
            var answers = texts.Select(checker.Extract).ToArray();
            var correct = answers.Select(a => a is not null && problem.Gold is { } gold && checker.AreEquivalent(gold, a)).ToArray();
            var keys = answers.Select(a => a is null ? null : MathAnswerNormalizer.Normalize(a)).ToArray();
            var verdicts = new Dictionary<IRewardModel, IReadOnlyList<RewardScore>>();
            foreach (var model in models)
            {
                var scores = model is EngineRewardModel engine
                    ? await engine.ScoreManyAsync([.. texts.Select(t => (problem.Prompt, t))], cancellationToken).ConfigureAwait(false)
                    : await model.ScoreBatchAsync(problem.Prompt, texts, 1, cancellationToken).ConfigureAwait(false);
                verdicts[model] = scores;
                foreach (var s in scores)
                    rewardUsage += s.Usage;
            }
            var byScorer = scorers.Select(s => verdicts[s.Model].Select(s.Apply).ToArray()).ToArray();
            pool.Add((problem.Level ?? "?", correct, keys, byScorer));
            progress?.Report(p + 1);
        }

        var levels = pool.Select(x => x.Level).Distinct().Order(StringComparer.Ordinal).Append(All).ToList();
        IReadOnlyDictionary<string, double> PerLevel(Func<IReadOnlyList<(string Level, bool[] Correct, string?[] Keys, double[][] Scores)>, double> metric) =>
            levels.ToDictionary(l => l, l => metric(l == All ? pool : [.. pool.Where(x => x.Level == l)]));
        static double Mean<T>(IReadOnlyList<T> items, Func<T, double> f) => items.Count == 0 ? double.NaN : items.Average(f);

        var rows = new List<RewardEvaluationRow>();
        for (var s = 0; s < scorers.Count; s++)
        {
            var k = s;
            rows.Add(new RewardEvaluationRow(
                scorers[s].Name,
                PerLevel(sub => RewardMetrics.Auc([.. sub.SelectMany(x => x.Scores[k].Zip(x.Correct))])),
                PerLevel(sub => Mean(sub, x => RewardMetrics.BestOfN(x.Scores[k]) is var i && i >= 0 && x.Correct[i] ? 1 : 0)),
                PerLevel(sub => Mean(sub, x => RewardMetrics.WeightedMajority(x.Keys, x.Scores[k]) is var i && i >= 0 && x.Correct[i] ? 1 : 0))));
        }
        return new RewardEvaluationReport(
            problems.Count,
            samples,
            PerLevel(sub => Mean(sub, x => x.Correct.Average(c => c ? 1.0 : 0.0))),
            PerLevel(sub => Mean(sub, x => RewardMetrics.WeightedMajority(x.Keys, [.. x.Keys.Select(_ => 1.0)]) is var i && i >= 0 && x.Correct[i] ? 1 : 0)),
            PerLevel(sub => Mean(sub, x => x.Correct.Any(c => c) ? 1 : 0)),
            rows,
            policyUsage,
            rewardUsage);
    }
}
