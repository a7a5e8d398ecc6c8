namespace InferScale.Strategies;

/// <summary>
/// <c>rebase</c> (reward-balanced search, Wu et al.): depth 1 samples B first steps; at each later depth the unfinished
/// nodes j, with PRM rewards R_j, get <c>W_j = round(B_r · softmax(R / T_b)_j)</c> children, where B_r is the remaining
/// width (B minus the solutions finished so far); the rounding keeps the total at B_r (largest remainder), and nodes
/// that get no child are pruned. Stops at <see cref="RebaseOptions.MaxDepth"/>, when B solutions are finished, or when
/// the budget refuses a call. The answer is a weighted vote over the finished solutions.
/// </summary>
internal sealed class RebaseStrategy(RebaseOptions options) : ScalingStrategy<RebaseOptions>(RebaseStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var width = StepSearchWidth.Resolve(Options.Width, run.Context.Budget);
        var search = new StepSearcher(run, Options.Aggregation);
        var finished = new List<StepNode>();
        var others = new List<StepNode>();
        var open = new List<StepNode>();
        var parents = new List<(StepNode Node, int Children)> { (StepSearcher.Root(), width) };
        for (var depth = 1; depth <= Options.MaxDepth && parents.Count > 0; depth++)
        {
            (var round, var generated) = await search.ExpandRoundAsync(parents, finished, others, cancellationToken).ConfigureAwait(false);
            if (generated == 0)
                break;
            open = round;
            var remaining = width - finished.Count;
            if (remaining <= 0 || open.Count == 0 || depth == Options.MaxDepth)
            {
                run.Note(TraceEventKind.Decision, $"depth {depth}: {generated} steps, {finished.Count} finished; stopping");
                break;
            }
            var weights = StepWeights.Softmax([.. open.Select(n => n.Score!.Value)], Options.BalanceTemperature);
            var counts = StepWeights.Apportion(weights, remaining);
            parents = [.. open.Select((n, j) => (n, counts[j])).Where(p => p.Item2 > 0)];
            run.Note(TraceEventKind.Decision,
                $"depth {depth}: {generated} steps, {finished.Count} finished; {remaining} children over {parents.Count} of {open.Count} nodes ({string.Join(" ", parents.Select(p => p.Children))})");
            open = [.. parents.Select(p => p.Node)];
        }
        return StepSearchOutcome.Complete(run, finished, others.Concat(open));
    }
}
