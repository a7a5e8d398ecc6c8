namespace InferScale.Strategies;

/// <summary>
/// <c>mcts</c>: Monte Carlo tree search over steps. Each simulation selects a leaf from the root by UCT
/// (<c>Q + C·sqrt(ln N / n)</c>, unvisited children first, ties to the earlier child), expands it by sampling
/// <see cref="MctsOptions.ExpansionWidth"/> next steps, values each new step by its PRM score (aggregated), and
/// backpropagates those values to the root (visits += children, value += their sum). Selection skips terminal children
/// (finished solutions, dead ends, nodes at the maximum depth); a node whose children are all terminal is expanded
/// again (W more children, progressive widening). The search stops after N finished solutions,
/// N·MaxDepth sampled steps, when every leaf is terminal, or when the budget refuses a call. Decision: follow the most
/// visited child from the root (ties: higher value, then earlier) to a finished solution; when that path ends
/// unfinished, the finished solution with the highest value (ties: more visits, lower index).
/// </summary>
internal sealed class MctsStrategy(MctsOptions options) : ScalingStrategy<MctsOptions>(MctsStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var width = StepSearchWidth.Resolve(Options.Width, run.Context.Budget);
        var stepCap = (long)width * Options.MaxDepth;
        var search = new StepSearcher(run, Options.Aggregation);
        var root = new MctsNode(StepSearcher.Root(), null);
        var finished = new List<MctsNode>();
        var others = new List<StepNode>();
        long steps = 0;
        var simulations = 0;
        while (finished.Count < width && steps < stepCap && !root.IsTerminal(Options.MaxDepth))
        {
            simulations++;
            var leaf = Select(root);
            var children = await search.ExpandAsync(leaf.Step, Options.ExpansionWidth, null, cancellationToken).ConfigureAwait(false);
            if (children.Count == 0)
                break;
            steps += children.Count;
            leaf.Expanded = true;
            var values = 0.0;
            foreach (var child in children)
            {
                if (child.Failed || !await search.ScoreAsync(child, cancellationToken).ConfigureAwait(false))
                {
                    others.Add(child);
                    continue;
                }
                var node = new MctsNode(child, leaf) { Visits = 1, ValueSum = child.Score!.Value };
                leaf.Children.Add(node);
                values += child.Score.Value;
                if (child.IsComplete)
                    finished.Add(node);
            }
            Backpropagate(leaf, leaf.Children.Count, values);
        }
        run.Note(TraceEventKind.Decision, $"{simulations} simulations, {steps} steps, {finished.Count} finished; root visits {root.Visits}");
        var chosen = Decide(root, finished);
        var leaves = Leaves(root).Where(n => n != root && !n.Step.IsComplete).Select(n => n.Step);
        var candidates = finished.Select(f => run.Candidate(f.Step.ToSample(), f.Step.Score, kept: f.Step.Answer is not null))
            .Concat(others.Concat(leaves).Select(n => run.Candidate(n.ToSample(), n.Score, kept: false)))
            .ToList();
        if (chosen is null)
            return run.Complete(candidates, null, null);
        run.Note(TraceEventKind.Decision, $"chose step {chosen.Step.Index}: {chosen.Visits} visits, value {chosen.Mean:G4}", chosen.Step.Index, 1);
        return run.Complete(candidates, chosen.Step.Answer, candidates.First(c => c.Index == chosen.Step.Index));
    }

    /// <summary>Descends by UCT over the children that are not terminal; a node whose children are all terminal is expanded again.</summary>
    private MctsNode Select(MctsNode node)
    {
        while (true)
        {
            var parent = node;
            var open = parent.Children.Where(c => !c.IsTerminal(Options.MaxDepth)).ToList();
            if (open.Count == 0)
                return parent;
            node = open.OrderByDescending(c => c.Uct(Options.ExplorationConstant, parent.Visits)).First();
        }
    }

    private static void Backpropagate(MctsNode? node, int visits, double value)
    {
        for (; node is not null; node = node.Parent)
        {
            node.Visits += visits;
            node.ValueSum += value;
        }
    }

    private static MctsNode? Decide(MctsNode root, List<MctsNode> finished)
    {
        var node = root;
        while (node.Children.Count > 0)
            node = node.Children.OrderByDescending(c => c.Visits).ThenByDescending(c => c.Mean).First();
        if (node.Step.IsComplete && node.Step.Answer is not null && !node.Step.Failed)
            return node;
        return finished.Where(f => f.Step.Answer is not null)
            .OrderByDescending(f => f.Mean).ThenByDescending(f => f.Visits).ThenBy(f => f.Step.Index)
            .FirstOrDefault();
    }

    private static IEnumerable<MctsNode> Leaves(MctsNode node) =>
        node.Children.Count == 0 ? [node] : node.Children.SelectMany(Leaves);
}
