namespace InferScale.Strategies;

/// <summary>
/// <c>dvts</c> (diverse verifier tree search): N/M independent subtrees grown in lock-step rounds; each round every
/// subtree samples M next steps of its one kept node, sets complete solutions aside and keeps only its best-scored
/// unfinished step. A subtree ends when no unfinished step is left; the run ends after
/// <see cref="DvtsOptions.MaxRounds"/> rounds or when the budget refuses. The answer is a weighted vote over every
/// complete solution of every subtree.
/// </summary>
internal sealed class DvtsStrategy(DvtsOptions options) : ScalingStrategy<DvtsOptions>(DvtsStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var width = StepSearchWidth.Resolve(Options.Width, run.Context.Budget);
        var m = Math.Min(Options.SubtreeWidth, width);
        var subtrees = Math.Max(1, width / m);
        var search = new StepSearcher(run, Options.Aggregation);
        var finished = new List<StepNode>();
        var others = new List<StepNode>();
        var kept = Enumerable.Range(0, subtrees).Select(_ => (StepNode?)StepSearcher.Root()).ToArray();
        for (var round = 1; round <= Options.MaxRounds && kept.Any(k => k is not null); round++)
        {
            var refused = false;
            for (var t = 0; t < subtrees; t++)
            {
                if (kept[t] is not { } node)
                    continue;
                var children = await search.ExpandAsync(node, m, null, cancellationToken).ConfigureAwait(false);
                if (children.Count == 0)
                {
                    refused = true;
                    break;
                }
                others.AddRange(children.Where(c => c.Failed));
                var scored = await search.ScoreAllAsync(children.Where(c => !c.Failed), cancellationToken).ConfigureAwait(false);
                others.AddRange(children.Where(c => !c.Failed && c.Score is null));
                finished.AddRange(scored.Where(c => c.IsComplete));
                var open = scored.Where(c => !c.IsComplete).ToList();
                var best = StepSearchOutcome.Top(open, 1).FirstOrDefault();
                kept[t] = round == Options.MaxRounds ? null : best;
                if (round == Options.MaxRounds && best is not null)
                    others.Add(best);
            }
            run.Note(TraceEventKind.Decision, $"round {round}: {kept.Count(k => k is not null)} of {subtrees} subtrees open, {finished.Count} finished");
            if (refused)
                break;
        }
        others.AddRange(kept.OfType<StepNode>().Where(k => k.Depth > 0));
        return StepSearchOutcome.Complete(run, finished, others.Distinct());
    }
}
