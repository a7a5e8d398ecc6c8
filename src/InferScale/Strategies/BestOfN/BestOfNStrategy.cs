namespace InferScale.Strategies;

/// <summary><c>best-of-n</c>: draws samples 0 … n−1, scores them, and returns the highest-scoring one.</summary>
internal sealed class BestOfNStrategy(BestOfNOptions options) : ScalingStrategy<BestOfNOptions>(BestOfNStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        SampleScoring.RequireScores(run, Options);
        var samples = await SampleDraw.DrawAsync(run, 0, SampleDraw.Limit(run.Context.Budget), null, cancellationToken).ConfigureAwait(false);
        var scored = await SampleScoring.ScoreAsync(run, samples, Options, cancellationToken).ConfigureAwait(false);
        var candidates = scored.Select(s => run.Candidate(s.Sample, s.Score, kept: s.Score is not null)).ToList();
        var chosen = candidates.Where(c => c.Score is not null).OrderByDescending(c => c.Score).ThenBy(c => c.Index).FirstOrDefault();
        if (chosen is not null)
            run.Note(TraceEventKind.Decision, $"sample {chosen.Index} scores highest ({chosen.Score:G4}) of {candidates.Count(c => c.Score is not null)}", chosen.Index, 1);
        return run.Complete(candidates, chosen?.Answer, chosen);
    }
}
