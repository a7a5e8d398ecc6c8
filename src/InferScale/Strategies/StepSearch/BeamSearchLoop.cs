namespace InferScale.Strategies;

/// <summary>The beam-search loop shared by <c>beam-search</c> and <c>lookahead</c>, which differ only in how a step is scored.</summary>
internal static class BeamSearchLoop
{
    /// <summary>
    /// Round 1 samples <paramref name="width"/> first steps; each round scores the new steps with
    /// <paramref name="score"/>, sets complete solutions aside, keeps the <c>width / beamWidth</c> best unfinished ones and
    /// samples <paramref name="beamWidth"/> next steps of each; stops after <paramref name="maxRounds"/> rounds, when
    /// <paramref name="width"/> solutions are complete, or when the budget refuses a call; ends with a weighted vote.
    /// </summary>
    public static async ValueTask<StrategyResult> RunAsync(
        StepSearcher search, int width, int beamWidth, int maxRounds, Func<StepNode, CancellationToken, ValueTask<bool>> score, CancellationToken cancellationToken)
    {
        var run = search.Run;
        beamWidth = Math.Min(beamWidth, width);
        var keep = Math.Max(1, width / beamWidth);
        var finished = new List<StepNode>();
        var others = new List<StepNode>();
        var leftover = new List<StepNode>();
        var active = new List<StepNode> { StepSearcher.Root() };
        for (var round = 1; round <= maxRounds && active.Count > 0; round++)
        {
            var children = new List<StepNode>();
            foreach (var beam in active)
            {
                var batch = await search.ExpandAsync(beam, beam.Depth == 0 ? width : beamWidth, null, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                    break;
                children.AddRange(batch);
            }
            if (children.Count == 0)
            {
                leftover = [.. active.Where(a => a.Depth > 0)];
                break;
            }
            var open = new List<StepNode>();
            foreach (var child in children)
            {
                if (child.Failed)
                    others.Add(child);
                else if (!await score(child, cancellationToken).ConfigureAwait(false))
                    others.Add(child);
                else if (child.IsComplete)
                    finished.Add(child);
                else
                    open.Add(child);
            }
            if (finished.Count >= width || round == maxRounds)
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
