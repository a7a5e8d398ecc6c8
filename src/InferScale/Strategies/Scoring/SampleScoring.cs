using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>Scores whole samples for best-of-n and weighted majority.</summary>
internal static class SampleScoring
{
    /// <summary>
    /// Returns each sample with its aggregated score (<see langword="null"/> for failed samples and failed scoring,
    /// which are recorded). Recorded scores are used when the options allow; otherwise the reward model is called.
    /// </summary>
    public static async ValueTask<List<(Sample Sample, double? Score)>> ScoreAsync(
        StrategyRun run, IReadOnlyList<Sample> samples, RewardOptions options, CancellationToken cancellationToken)
    {
        var scored = new List<(Sample, double?)>(samples.Count);
        foreach (var sample in samples)
        {
            if (sample.FinishReason == FinishReason.Error)
            {
                scored.Add((sample, null));
                continue;
            }
            if (options.UseRecordedScores && sample.Score is double recorded)
            {
                scored.Add((sample, RewardAggregator.Aggregate(sample.StepScores, recorded, options.Aggregation)));
                continue;
            }
            if (run.Context.RewardModel is null)
            {
                run.RecordFailure(sample.Index, FailureStage.Scoring, "the sample has no recorded score and the context has no reward model");
                scored.Add((sample, null));
                continue;
            }
            var score = await run.ScoreAsync(sample.Index, sample.Text, cancellationToken).ConfigureAwait(false);
            scored.Add(score is null
                ? (sample, null)
                : (sample with { Score = score.Final, StepScores = score.StepScores }, RewardAggregator.Aggregate(score, options.Aggregation)));
        }
        return scored;
    }

    /// <summary>Throws before any call when scores can come from nowhere.</summary>
    public static void RequireScores(StrategyRun run, RewardOptions options)
    {
        if (!options.UseRecordedScores)
            run.RequireRewardModel();
    }
}
