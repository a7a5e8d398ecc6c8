namespace InferScale.Strategies;

/// <summary>
/// <c>deepconf-offline</c>: draws samples 0 … n−1 with top-k logprobs, keeps the η% most confident (lowest group
/// confidence, ties by lower index; at least one) and votes weighted by confidence. Without any logprobs it falls
/// back to an unweighted majority and says so in the trace.
/// </summary>
internal sealed class DeepConfOfflineStrategy(DeepConfOfflineOptions options)
    : ScalingStrategy<DeepConfOfflineOptions>(DeepConfOfflineStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var samples = await SampleDraw.DrawAsync(run, 0, SampleDraw.Limit(run.Context.Budget), DeepConfVote.Sampling(run, Options), cancellationToken).ConfigureAwait(false);
        var scored = samples.Select(s => (Sample: s, Confidence: DeepConfVote.Confidence(s, Options))).ToList();
        var withConfidence = scored.Where(s => s.Confidence is not null).ToList();
        if (withConfidence.Count == 0)
        {
            run.Note(TraceEventKind.Decision, "no trace has logprobs: falling back to an unweighted majority");
            return MajorityStrategy.Vote(run, [.. samples.Select(s => run.Candidate(s))]);
        }
        var keep = Math.Max(1, (int)Math.Ceiling(withConfidence.Count * Options.KeepPercent / 100.0 - 1e-9));
        var kept = withConfidence.OrderByDescending(s => s.Confidence).ThenBy(s => s.Sample.Index).Take(keep).Select(s => s.Sample.Index).ToHashSet();
        var cutoff = withConfidence.Where(s => kept.Contains(s.Sample.Index)).Min(s => s.Confidence!.Value);
        run.Note(TraceEventKind.Decision, $"keeping the {kept.Count} most confident of {withConfidence.Count} traces (confidence >= {cutoff:G4})");
        var candidates = scored.Select(s => run.Candidate(s.Sample, s.Confidence, kept: kept.Contains(s.Sample.Index))).ToList();
        return DeepConfVote.Complete(run, candidates);
    }
}
