namespace InferScale.Strategies;

/// <summary><c>majority</c>: draws samples 0 … k−1 and returns the most frequent equivalent answer.</summary>
internal sealed class MajorityStrategy(MajorityOptions options) : ScalingStrategy<MajorityOptions>(MajorityStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var samples = await SampleDraw.DrawAsync(run, 0, SampleDraw.Limit(run.Context.Budget), null, cancellationToken).ConfigureAwait(false);
        return Vote(run, samples.Select(s => run.Candidate(s)).ToList());
    }

    /// <summary>Majority over the kept candidates; shared by ESC and Adaptive-Consistency.</summary>
    internal static StrategyResult Vote(StrategyRun run, IReadOnlyList<StrategyCandidate> candidates)
    {
        var groups = AnswerVoting.Group(candidates.Where(c => c.Kept).Select(c => c.Sample), run.Context.Equivalence);
        if (groups.Count == 0)
            return run.Complete(candidates, null, null);
        var winner = groups[0];
        run.Note(TraceEventKind.Decision, $"{groups.Count} answers; '{winner.Answer}' has {winner.Votes} of {groups.Sum(g => g.Votes)} votes");
        var chosen = candidates.First(c => c.Index == winner.Best.Index);
        return run.Complete(candidates, winner.Answer, chosen);
    }
}
