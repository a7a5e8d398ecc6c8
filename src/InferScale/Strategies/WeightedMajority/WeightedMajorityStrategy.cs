namespace InferScale.Strategies;

/// <summary><c>weighted-majority</c>: draws samples 0 … k−1, scores them, and returns the answer with the largest score sum.</summary>
internal sealed class WeightedMajorityStrategy(WeightedMajorityOptions options)
    : ScalingStrategy<WeightedMajorityOptions>(WeightedMajorityStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        SampleScoring.RequireScores(run, Options);
        var samples = await SampleDraw.DrawAsync(run, 0, SampleDraw.Limit(run.Context.Budget), null, cancellationToken).ConfigureAwait(false);
        var scored = await SampleScoring.ScoreAsync(run, samples, Options, cancellationToken).ConfigureAwait(false);
        var candidates = scored.Select(s => run.Candidate(s.Sample, s.Score, kept: s.Score is not null)).ToList();
        var groups = AnswerVoting.Group(scored.Where(s => s.Score is not null).Select(s => (s.Sample, s.Score!.Value)), run.Context.Equivalence);
        if (groups.Count == 0)
            return run.Complete(candidates, null, null);
        var winner = groups[0];
        run.Note(TraceEventKind.Decision, $"{groups.Count} answers; '{winner.Answer}' weighs {winner.Weight:G4} ({winner.Votes} votes)");
        return run.Complete(candidates, winner.Answer, candidates.First(c => c.Index == winner.Best.Index));
    }
}
