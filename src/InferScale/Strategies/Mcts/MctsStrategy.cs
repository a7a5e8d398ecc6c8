namespace InferScale.Strategies;

/// <summary>
/// <c>mcts</c>: Monte Carlo tree search over steps. Each simulation selects a leaf from the root by UCT
/// (<c>Q + C·sqrt(ln N / n)</c>, unvisited children first, ties to the earlier child), expands it by sampling
/// <see cref="MctsOptions.ExpansionWidth"/> next steps, values each new step by its PRM score (aggregated), and
/// backpropagates those values to the root (visits += children, value += their sum). Selection skips exhausted subtrees
/// (finished solutions, dead ends, nodes at the maximum depth). The search stops after N finished solutions,
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
        while (finished.Count < width && steps < stepCap && !IsExhausted(root))
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

    private MctsNode Select(MctsNode node)
    {
        while (node.Children.Count > 0 && !node.Step.IsComplete)
        {
            var parent = node;
            node = parent.Children.Where(c => !IsExhausted(c)).OrderByDescending(c => c.Uct(Options.ExplorationConstant, parent.Visits)).First();
        }
        return node;
    }

    /// <summary>A subtree with nothing left to expand.</summary>
    private bool IsExhausted(MctsNode node) =>
        node.IsTerminal(Options.MaxDepth) || (node.Children.Count > 0 && node.Children.All(IsExhausted));

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
