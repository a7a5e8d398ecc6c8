namespace InferScale.Strategies;

/// <summary>
/// <c>beam-search</c>: round 1 samples N first steps; every round scores the new steps with the PRM, sets complete
/// solutions aside, keeps the N/M best unfinished ones and samples M next steps of each; it stops after
/// <see cref="BeamSearchOptions.MaxRounds"/> rounds, when N solutions are complete, or when the budget refuses a call.
/// The answer is a weighted vote (best-of-N weighted) over the complete solutions.
/// </summary>
internal sealed class BeamSearchStrategy(BeamSearchOptions options) : ScalingStrategy<BeamSearchOptions>(BeamSearchStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var width = StepSearchWidth.Resolve(Options.Width, run.Context.Budget);
        var beamWidth = Math.Min(Options.BeamWidth, width);
        var keep = Math.Max(1, width / beamWidth);
        var search = new StepSearcher(run, Options.Aggregation);
        var finished = new List<StepNode>();
        var others = new List<StepNode>();
        var leftover = new List<StepNode>();
        var active = new List<StepNode> { StepSearcher.Root() };
        for (var round = 1; round <= Options.MaxRounds && active.Count > 0; round++)
        {
            var children = new List<StepNode>();
            foreach (var beam in active)
                children.AddRange(await search.ExpandAsync(beam, beam.Depth == 0 ? width : beamWidth, null, cancellationToken).ConfigureAwait(false));
            if (children.Count == 0)
            {
                leftover = [.. active.Where(a => a.Depth > 0)];
                break;
            }
            others.AddRange(children.Where(c => c.Failed));
            var scored = await search.ScoreAllAsync(children.Where(c => !c.Failed), cancellationToken).ConfigureAwait(false);
            others.AddRange(children.Where(c => !c.Failed && c.Score is null));
            finished.AddRange(scored.Where(c => c.IsComplete));
            var open = scored.Where(c => !c.IsComplete).ToList();
            if (finished.Count >= width || round == Options.MaxRounds)
            {
                leftover = open;
                active = [];
            }
            else
            {
                active = StepSearchOutcome.Top(open, keep);
            }
            run.Note(TraceEventKind.Decision, $"round {round}: {children.Count} steps, {finished.Count} finished, keeping {active.Count} beams");
        }
        return StepSearchOutcome.Complete(run, finished, others.Concat(leftover));
    }
}
