using MathNet.Numerics;

namespace InferScale.Strategies;

/// <summary><c>adaptive-consistency</c>: samples by index until the Beta stopping rule fires or the budget is spent; majority.</summary>
internal sealed class AdaptiveConsistencyStrategy(AdaptiveConsistencyOptions options)
    : ScalingStrategy<AdaptiveConsistencyOptions>(AdaptiveConsistencyStrategyExtensions.Name, options)
{
    /// <summary>P(p_leader &gt; 1/2) under Beta(a+1, b+1): <c>1 − I_{0.5}(a+1, b+1)</c>.</summary>
    internal static double LeaderProbability(int a, int b) => 1 - SpecialFunctions.BetaRegularized(a + 1, b + 1, 0.5);

    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var limit = SampleDraw.Limit(run.Context.Budget);
        var candidates = new List<StrategyCandidate>();
        while (candidates.Count < limit)
        {
            var want = Math.Min(Options.BatchSize, limit - candidates.Count);
            var batch = await SampleDraw.DrawAsync(run, candidates.Count, want, null, cancellationToken).ConfigureAwait(false);
            candidates.AddRange(batch.Select(s => run.Candidate(s)));
            if (batch.Count < want)
                break;
            var groups = AnswerVoting.Group(candidates.Where(c => c.Kept).Select(c => c.Sample), run.Context.Equivalence);
            if (groups.Count == 0)
                continue;
            var a = groups[0].Votes;
            var b = groups.Count > 1 ? groups[1].Votes : 0;
            var p = LeaderProbability(a, b);
            if (p > Options.Threshold)
            {
                run.Note(TraceEventKind.Decision, $"after {candidates.Count} samples P('{groups[0].Answer}' leads: {a} vs {b}) = {p:F4} > {Options.Threshold}: stopping", 0, candidates.Count);
                break;
            }
        }
        return MajorityStrategy.Vote(run, candidates);
    }
}
