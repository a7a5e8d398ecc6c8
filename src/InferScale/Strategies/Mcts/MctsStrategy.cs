using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// <c>mcts</c>: Monte Carlo tree search over steps. Each simulation (1) selects a node from the root by UCT
/// (<c>Q + C·sqrt(ln N / n)</c>, unvisited children first, ties to the earlier child), descending only below nodes from
/// which <see cref="MctsOptions.ExpansionWidth"/> simulations already started and only into children that are not
/// terminal (finished, or at the maximum depth; a node whose children are all terminal is expanded again);
/// (2) expands it and rolls out: the policy continues the node's text to the end of a solution (sample <c>k</c> for
/// simulation <c>k</c>), the continuation's first step becomes the node's child (merged with an identical existing
/// child) and the whole text is a complete solution; (3) scores the solution with the PRM (aggregated) and (4) backs
/// that reward up from the child to the root. The simulations still due at a selected node (up to
/// <see cref="MctsOptions.ExpansionWidth"/> in all) are made in one call, so they share one prefill of its prefix;
/// at the root this is exactly the sequential search (selection returns the root until it has them all), deeper it
/// backs their rewards up together. Every simulation is one charged sample (see
/// <see cref="MctsOptions"/>). The search stops after its simulations or when the budget refuses a call. Decision: the
/// complete, answered solution with the highest reward (ties: the answer whose solutions weigh most in total, then the
/// lower index), so the result has an answer whenever any rollout produced one.
/// </summary>
internal sealed class MctsStrategy(MctsOptions options) : ScalingStrategy<MctsOptions>(MctsStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var simulations = StepSearchWidth.Resolve(Options.Simulations, run.Context.Budget);
        var scorer = new StepSearcher(run, Options.Aggregation);
        var root = new MctsNode(StepSearcher.Root(), null);
        var solutions = new List<StepNode>();
        var done = 0;
        while (done < simulations)
        {
            var node = Select(root);
            var batch = Math.Min(Options.ExpansionWidth - node.Expansions, simulations - done);
            if (batch < 1)
                batch = 1;
            var samples = await run.SampleAsync(done, batch, prefix: node.Step.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (samples.Count == 0)
                break;
            done += samples.Count;
            node.Expansions += samples.Count;
            foreach (var sample in samples)
            {
                var solution = Solution(run, node.Step, sample);
                solutions.Add(solution);
                if (solution.Failed)
                    continue;
                var child = Child(run, node, sample);
                if (!await scorer.ScoreAsync(solution, cancellationToken).ConfigureAwait(false))
                    continue;
                var reward = solution.Score!.Value;
                for (var n = child; n is not null; n = n.Parent)
                {
                    n.Visits++;
                    n.ValueSum += reward;
                }
                run.Note(TraceEventKind.Decision,
                    $"simulation {sample.Index + 1}: from depth {node.Step.Depth}, new step at depth {child.Step.Depth}, rollout reward {reward:G4}", sample.Index, 1);
            }
        }
        run.Note(TraceEventKind.Decision, $"{done} simulations, {solutions.Count(s => s.Answer is not null && !s.Failed)} answered; root visits {root.Visits}, depth {Depth(root)}");
        return Decide(run, solutions);
    }

    /// <summary>Descends by UCT from the root; stops at a node that may still start simulations.</summary>
    private MctsNode Select(MctsNode root)
    {
        var node = root;
        while (node.Expansions >= Options.ExpansionWidth)
        {
            var parent = node;
            var open = parent.Children.Where(c => !c.IsTerminal(Options.MaxDepth)).ToList();
            if (open.Count == 0)
                return parent;
            node = open.OrderByDescending(c => c.Uct(Options.ExplorationConstant, parent.Visits)).First();
        }
        return node;
    }

    /// <summary>The complete solution a simulation wrote: the node's text plus the continuation.</summary>
    private static StepNode Solution(StrategyRun run, StepNode from, Sample sample)
    {
        var text = from.Text + sample.Text;
        var failed = sample.FinishReason == FinishReason.Error;
        return new StepNode(from, text, sample.Index)
        {
            IsComplete = true,
            Answer = failed ? null : run.Context.Extractor.Extract(text),
            FinishReason = sample.FinishReason,
            Error = failed ? sample.Error ?? "generation failed" : null,
            PromptTokens = sample.PromptTokens,
            CompletionTokens = sample.CompletionTokens,
        };
    }

    /// <summary>The continuation's first step as a child of <paramref name="node"/> (an identical existing child is reused).</summary>
    private static MctsNode Child(StrategyRun run, MctsNode node, Sample sample)
    {
        var delimiter = run.Context.StepDelimiter;
        var text = sample.Text;
        var start = 0;
        while (text.AsSpan(start).StartsWith(delimiter, StringComparison.Ordinal))
            start += delimiter.Length;
        var at = text.IndexOf(delimiter, start, StringComparison.Ordinal);
        var end = at < 0 ? text.Length : at + delimiter.Length;
        var step = text[..end];
        var childText = node.Step.Text + step;
        var answer = run.Context.Extractor.Extract(childText);
        var complete = end >= text.Length || string.IsNullOrWhiteSpace(text[end..]) || answer is not null;
        if (complete)
            childText = node.Step.Text + text;
        var existing = node.Children.FirstOrDefault(c => string.Equals(c.Step.Text, childText, StringComparison.Ordinal));
        if (existing is not null)
            return existing;
        var child = new MctsNode(new StepNode(node.Step, childText, sample.Index)
        {
            IsComplete = complete,
            Answer = complete ? run.Context.Extractor.Extract(childText) : null,
            FinishReason = complete ? sample.FinishReason : FinishReason.Stop,
        }, node);
        node.Children.Add(child);
        return child;
    }

    /// <summary>Completes the run with the best complete, answered, scored solution.</summary>
    private static StrategyResult Decide(StrategyRun run, List<StepNode> solutions)
    {
        var finished = solutions.Where(s => s is { Failed: false, Answer: not null, Score: not null }).ToList();
        var candidates = solutions.Select(s => run.Candidate(s.ToSample(), s.Score, kept: finished.Contains(s))).ToList();
        var groups = AnswerVoting.Group(finished.Select(s => (s.ToSample(), s.Score!.Value)), run.Context.Equivalence);
        var weightOf = groups.SelectMany(g => g.Members.Select(m => (m.Index, g.Weight))).ToDictionary(p => p.Index, p => p.Weight);
        var chosen = finished
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => weightOf.GetValueOrDefault(s.Index))
            .ThenBy(s => s.Index)
            .FirstOrDefault();
        if (chosen is null)
        {
            run.Note(TraceEventKind.Decision, $"no complete, answered, scored solution among {solutions.Count} rollouts");
            return run.Complete(candidates, null, null);
        }
        run.Note(TraceEventKind.Decision,
            $"chose rollout {chosen.Index}: reward {chosen.Score:G4}, its answer weighs {weightOf.GetValueOrDefault(chosen.Index):G4} over {finished.Count} solutions", chosen.Index, 1);
        return run.Complete(candidates, chosen.Answer, candidates.First(c => c.Index == chosen.Index));
    }

    private static int Depth(MctsNode node) => node.Children.Count == 0 ? node.Step.Depth : node.Children.Max(Depth);
}
