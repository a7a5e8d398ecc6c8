using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>Confidence-weighted voting shared by the DeepConf strategies.</summary>
internal static class DeepConfVote
{
    /// <summary>Sampling options that ask for the top-k logprobs DeepConf needs.</summary>
    public static SamplingOptions Sampling(StrategyRun run, DeepConfOptions options) =>
        run.Sampling with { Logprobs = true, TopLogprobs = options.TopLogprobs };

    /// <summary>The trace's confidence (lowest group confidence), or <see langword="null"/> for failed traces and traces without logprobs.</summary>
    public static double? Confidence(Sample sample, DeepConfOptions options) =>
        sample.FinishReason == FinishReason.Error ? null : TraceConfidence.LowestGroup(sample.Logprobs, options.WindowSize, options.TopLogprobs);

    /// <summary>Votes over the kept candidates weighted by their confidence (<see cref="StrategyCandidate.Score"/>).</summary>
    public static StrategyResult Complete(StrategyRun run, IReadOnlyList<StrategyCandidate> candidates)
    {
        var voters = candidates.Where(c => c.Kept && c.Score is not null).ToList();
        var groups = AnswerVoting.Group(voters.Select(c => (c.Sample, c.Score!.Value)), run.Context.Equivalence);
        if (groups.Count == 0)
            return run.Complete(candidates, null, null);
        var winner = groups[0];
        run.Note(TraceEventKind.Decision, $"{voters.Count} traces vote; '{winner.Answer}' weighs {winner.Weight:G4} of {groups.Sum(g => g.Weight):G4} ({winner.Votes} votes)");
        return run.Complete(candidates, winner.Answer, candidates.First(c => c.Index == winner.Best.Index));
    }

    /// <summary>The leading answer's share of the confidence-weighted vote (0 when nobody votes).</summary>
    public static double LeaderShare(StrategyRun run, IEnumerable<StrategyCandidate> candidates)
    {
        var groups = AnswerVoting.Group(candidates.Where(c => c.Kept && c.Score is not null).Select(c => (c.Sample, c.Score!.Value)), run.Context.Equivalence);
        var total = groups.Sum(g => g.Weight);
        return groups.Count == 0 || !(total > 0) ? 0 : groups[0].Weight / total;
    }
}
