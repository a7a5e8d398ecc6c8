using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// Grows solutions one step at a time by prefix continuation: each call continues the prompt plus a node's text with
/// the context's step delimiter as a stop string, so every sample is one step. Sample indices are handed out in the
/// order calls are made (0, 1, 2, … within the run), so a run is a pure function of its inputs and seed. The first
/// steps (children of the root) are charged as samples under a samples budget; later steps are continuations
/// (<see cref="StrategyRun.GenerateAsync"/> with <c>continuation</c>): under a samples budget N a step-level search keeps
/// at most N sequences in flight (its width), and tokens and FLOPs budgets charge every step.
/// A step completes the solution when the extracted answer appears, when the step is empty (the model wrote no more
/// steps), when it hit the length limit or filled the model's context (<see cref="GeneratorMetadata.ContextLength"/>),
/// or when it failed; otherwise the delimiter is appended.
/// </summary>
internal sealed class StepSearcher
{
    private readonly StepAggregation _aggregation;
    private int _nextIndex;

    public StepSearcher(StrategyRun run, StepAggregation aggregation)
    {
        Run = run;
        _aggregation = aggregation;
        var stops = run.Sampling.Stop.Contains(run.Context.StepDelimiter, StringComparer.Ordinal)
            ? run.Sampling.Stop
            : [.. run.Sampling.Stop, run.Context.StepDelimiter];
        StepSampling = run.Sampling with { Stop = stops };
    }

    public StrategyRun Run { get; }

    /// <summary>Sampling for one step: the run's options with the delimiter added to the stop strings.</summary>
    public SamplingOptions StepSampling { get; }

    /// <summary>The empty solution.</summary>
    public static StepNode Root() => new(null, "", -1);

    /// <summary>The next unused sample index.</summary>
    public int NextIndex => _nextIndex;

    /// <summary>
    /// Samples up to <paramref name="count"/> next steps after <paramref name="parent"/> (fewer, or none, when the budget
    /// trims or refuses the call). Failed samples come back as complete, failed nodes (already recorded by the run).
    /// </summary>
    public async ValueTask<List<StepNode>> ExpandAsync(StepNode parent, int count, SamplingOptions? sampling, CancellationToken cancellationToken)
    {
        var first = _nextIndex;
        _nextIndex += count;
        var request = new GenerationRequest(Run.Context.Problem.Prompt)
        {
            Prefix = parent.Text,
            FirstIndex = first,
            Count = count,
            Sampling = (sampling ?? StepSampling) with { Seed = Run.Context.Seed },
        };
        var samples = await Run.GenerateAsync(request, 1, continuation: parent.Depth > 0, cancellationToken).ConfigureAwait(false);
        var children = new List<StepNode>(samples.Count);
        var context = Run.Context.Generator.Metadata.ContextLength;
        foreach (var s in samples)
            children.Add(Child(parent, s, context is int n && s.PromptTokens + s.CompletionTokens >= n - 1));
        return children;
    }

    /// <summary>Scores <paramref name="node"/> with the reward model; false (failure recorded) when scoring failed.</summary>
    public async ValueTask<bool> ScoreAsync(StepNode node, CancellationToken cancellationToken)
    {
        if (node.Failed)
            return false;
        var reward = await Run.ScoreAsync(node.Index, node.Text, cancellationToken).ConfigureAwait(false);
        if (reward is null)
        {
            node.Score = null;
            return false;
        }
        node.Reward = reward;
        node.Score = RewardAggregator.Aggregate(reward, _aggregation);
        return !double.IsNaN(node.Score.Value);
    }

    /// <summary>
    /// One round of a width-allocating search (REBASE, particle filters): expands each parent into its number of
    /// children (stopping the round when the budget refuses a parent), scores them, and sorts them — failed or
    /// unscorable into <paramref name="others"/>, complete into <paramref name="finished"/>. Returns the open
    /// children and how many children the round produced (0: nothing more could be generated).
    /// </summary>
    public async ValueTask<(List<StepNode> Open, int Generated)> ExpandRoundAsync(
        IEnumerable<(StepNode Node, int Count)> parents, List<StepNode> finished, List<StepNode> others, CancellationToken cancellationToken)
    {
        var children = new List<StepNode>();
        foreach (var (node, count) in parents)
        {
            var batch = await ExpandAsync(node, count, null, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
                break;
            children.AddRange(batch);
        }
        var open = new List<StepNode>();
        foreach (var child in children)
        {
            if (child.Failed || !await ScoreAsync(child, cancellationToken).ConfigureAwait(false))
                others.Add(child);
            else if (child.IsComplete)
                finished.Add(child);
            else
                open.Add(child);
        }
        return (open, children.Count);
    }

    /// <summary>Scores every node; returns those scored (failed ones are left out, their failures recorded).</summary>
    public async ValueTask<List<StepNode>> ScoreAllAsync(IEnumerable<StepNode> nodes, CancellationToken cancellationToken)
    {
        var scored = new List<StepNode>();
        foreach (var node in nodes)
        {
            if (await ScoreAsync(node, cancellationToken).ConfigureAwait(false))
                scored.Add(node);
        }
        return scored;
    }

    /// <summary>
    /// Rolls <paramref name="node"/> out greedily for up to <paramref name="steps"/> more steps and returns the last node
    /// reached (the node itself when the call failed or the budget refused it). The rollout is one call at temperature 0
    /// without the step delimiter as a stop string (a continuation: no sample is charged), cut after
    /// <paramref name="steps"/> steps by the rules of <see cref="ExpandAsync"/>; with a backend whose greedy continuation
    /// of a prefix equals its step-by-step greedy continuation (the engine), the result is that of
    /// <paramref name="steps"/> one-step calls, at the cost of one prefill of the prompt and prefix instead of
    /// <paramref name="steps"/>.
    /// </summary>
    public async ValueTask<StepNode> RolloutAsync(StepNode node, int steps, CancellationToken cancellationToken)
    {
        if (node.IsComplete || steps < 1)
            return node;
        var request = new GenerationRequest(Run.Context.Problem.Prompt)
        {
            Prefix = node.Text,
            FirstIndex = _nextIndex++,
            Count = 1,
            Sampling = Run.Sampling with { Temperature = 0, Seed = Run.Context.Seed },
        };
        var samples = await Run.GenerateAsync(request, 1, continuation: true, cancellationToken).ConfigureAwait(false);
        if (samples.Count == 0 || samples[0].FinishReason == FinishReason.Error)
            return node;
        var sample = samples[0];
        var delimiter = Run.Context.StepDelimiter;
        var current = node;
        var at = 0;
        for (var i = 0; i < steps && !current.IsComplete; i++)
        {
            var next = sample.Text.IndexOf(delimiter, at, StringComparison.Ordinal);
            var last = next < 0;
            var text = last ? sample.Text[at..] : sample.Text[at..next];
            current = Child(current, sample with
            {
                Text = text,
                FinishReason = last ? sample.FinishReason : FinishReason.Stop,
                CompletionTokens = i == 0 ? sample.CompletionTokens : 0,
            });
            at = last ? sample.Text.Length : next + delimiter.Length;
        }
        return current;
    }

    /// <summary>
    /// The node <paramref name="step"/> makes after <paramref name="parent"/>; <paramref name="atContextEnd"/> (the
    /// step filled the model's context, so nothing can continue it) completes it as if it hit the length limit.
    /// </summary>
    private StepNode Child(StepNode parent, Sample step, bool atContextEnd = false)
    {
        var completion = parent.CompletionTokens + step.CompletionTokens;
        if (step.FinishReason == FinishReason.Error)
        {
            return new StepNode(parent, parent.Text + step.Text, step.Index)
            {
                IsComplete = true,
                FinishReason = FinishReason.Error,
                Error = step.Error ?? "generation failed",
                PromptTokens = step.PromptTokens,
                CompletionTokens = completion,
            };
        }
        var text = parent.Text + step.Text;
        var answer = Run.Context.Extractor.Extract(text);
        var complete = answer is not null || step.FinishReason != FinishReason.Stop || string.IsNullOrWhiteSpace(step.Text) || atContextEnd;
        return new StepNode(parent, complete ? text : text + Run.Context.StepDelimiter, step.Index)
        {
            IsComplete = complete,
            Answer = answer,
            FinishReason = atContextEnd && answer is null && step.FinishReason == FinishReason.Stop ? FinishReason.Length : step.FinishReason,
            PromptTokens = step.PromptTokens,
            CompletionTokens = completion,
        };
    }
}
