using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary><c>esc</c>: windows of samples by index until one is unanimous or the budget is spent; majority over all drawn.</summary>
internal sealed class EscStrategy(EscOptions options) : ScalingStrategy<EscOptions>(EscStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var limit = SampleDraw.Limit(run.Context.Budget);
        var w = Options.WindowSize;
        var candidates = new List<StrategyCandidate>();
        while (candidates.Count < limit)
        {
            var first = candidates.Count;
            var want = Math.Min(w, limit - first);
            var window = await SampleDraw.DrawAsync(run, first, want, null, cancellationToken).ConfigureAwait(false);
            candidates.AddRange(window.Select(s => run.Candidate(s)));
            if (window.Count < want)
                break;
            if (window.Count == w && IsUnanimous(window, run))
            {
                run.Note(TraceEventKind.Decision, $"window {first / w} (samples {first}..{first + w - 1}) is unanimous on '{window[0].Answer}': stopping after {candidates.Count} samples", first, w);
                break;
            }
            run.Note(TraceEventKind.Decision, $"window {first / w} (samples {first}..{first + w - 1}) is not unanimous", first, window.Count);
        }
        return MajorityStrategy.Vote(run, candidates);
    }

    private static bool IsUnanimous(IReadOnlyList<Sample> window, StrategyRun run)
    {
        if (window.Any(s => s.Answer is null || s.FinishReason == FinishReason.Error))
            return false;
        var first = window[0].Answer!;
        return window.Skip(1).All(s => s.Answer == first || run.Context.Equivalence.AreEquivalent(first, s.Answer!));
    }
}
