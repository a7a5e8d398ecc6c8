namespace InferScale.Strategies;

/// <summary>
/// Every strategy by name: lists names, options and defaults (for <c>inferscale strategies</c>) and creates a strategy
/// from a name and option strings (for the CLI and the gateway's <c>majority@16/model</c> syntax).
/// </summary>
public sealed class StrategyCatalog
{
    private readonly Dictionary<string, StrategyDescriptor> _byName;

    /// <summary>A catalog of <paramref name="strategies"/>; names must be unique.</summary>
    public StrategyCatalog(IEnumerable<StrategyDescriptor> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        Strategies = [.. strategies];
        _byName = new Dictionary<string, StrategyDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in Strategies)
        {
            if (!_byName.TryAdd(s.Name, s))
                throw new ArgumentException($"Strategy name '{s.Name}' appears twice.", nameof(strategies));
        }
    }

    /// <summary>The built-in strategies, in the order the issue lists them (planned ones list their options and cannot be created yet).</summary>
    public static StrategyCatalog Default { get; } = new(
    [
        StrategyDescriptor.Create<GreedyOptions>(GreedyStrategyExtensions.Name, "One sample at temperature 0.", (b, o) => b.AddGreedy(o)),
        StrategyDescriptor.Create<PassAtKOptions>(PassAtKStrategyExtensions.Name, "Oracle coverage: correct if any of k samples matches the gold answer.", (b, o) => b.AddPassAtK(o)),
        StrategyDescriptor.Create<MajorityOptions>(MajorityStrategyExtensions.Name, "Self-consistency: the most frequent equivalent answer of k samples.", (b, o) => b.AddMajority(o)),
        StrategyDescriptor.Create<WeightedMajorityOptions>(WeightedMajorityStrategyExtensions.Name, "Each answer class scores the sum of its samples' reward scores.", (b, o) => b.AddWeightedMajority(o)),
        StrategyDescriptor.Create<BestOfNOptions>(BestOfNStrategyExtensions.Name, "The sample with the highest reward score (ORM, or PRM aggregated).", (b, o) => b.AddBestOfN(o)),
        StrategyDescriptor.Create<FirstFinishOptions>(FirstFinishStrategyExtensions.Name, "First Finish Search: the first of n samples to finish (fewest tokens).", (b, o) => b.AddFirstFinish(o)),
        StrategyDescriptor.Create<EscOptions>(EscStrategyExtensions.Name, "Early-stopping self-consistency: windows until one is unanimous.", (b, o) => b.AddEsc(o)),
        StrategyDescriptor.Create<AdaptiveConsistencyOptions>(AdaptiveConsistencyStrategyExtensions.Name, "Sample until the Beta posterior that the leader wins exceeds a threshold.", (b, o) => b.AddAdaptiveConsistency(o)),
        StrategyDescriptor.Create<DeepConfOfflineOptions>(DeepConfOfflineStrategyExtensions.Name, "Keep the most confident traces (token logprobs) and vote weighted by confidence.", (b, o) => b.AddDeepConfOffline(o)),
        StrategyDescriptor.Create<DeepConfOnlineOptions>(DeepConfOnlineStrategyExtensions.Name, "Stop traces whose sliding-window confidence drops below a warm-up threshold.", (b, o) => b.AddDeepConfOnline(o)),
        StrategyDescriptor.Create<BeamSearchOptions>(BeamSearchStrategyExtensions.Name, "Step-level beam search guided by a PRM.", (b, o) => b.AddBeamSearch(o)),
        StrategyDescriptor.Create<DvtsOptions>(DvtsStrategyExtensions.Name, "Diverse verifier tree search: independent beam-search subtrees.", (b, o) => b.AddDvts(o)),
        StrategyDescriptor.Create<LookaheadOptions>(LookaheadStrategyExtensions.Name, "Beam search scoring steps by greedy k-step rollouts.", (b, o) => b.AddLookahead(o)),
        StrategyDescriptor.Create<RebaseOptions>(RebaseStrategyExtensions.Name, "Reward-balanced search: children allocated by softmax of rewards.", (b, o) => b.AddRebase(o)),
        StrategyDescriptor.Create<MctsOptions>(MctsStrategyExtensions.Name, "Monte Carlo tree search over steps (UCT).", (b, o) => b.AddMcts(o)),
        StrategyDescriptor.Create<ParticleFilterOptions>(ParticleFilterStrategyExtensions.Name, "Particle filtering over partial solutions weighted by a PRM.", (b, o) => b.AddParticleFilter(o)),
        StrategyDescriptor.Create<EntropicParticleFilterOptions>(EntropicParticleFilterStrategyExtensions.Name, "Particle filtering that anneals resampling when diversity collapses.", (b, o) => b.AddEntropicParticleFilter(o)),
        StrategyDescriptor.Create<BudgetForcingOptions>(BudgetForcingStrategyExtensions.Name, "s1 budget forcing: cap thinking, or extend it with 'Wait'.", (b, o) => b.AddBudgetForcing(o)),
        StrategyDescriptor.Create<RevisionsOptions>(RevisionsStrategyExtensions.Name, "Sequential revisions in parallel chains, answer chosen across chains.", (b, o) => b.AddRevisions(o)),
        StrategyDescriptor.Create<ComputeOptimalOptions>(ComputeOptimalStrategyExtensions.Name, "Per-question strategy chosen by estimated difficulty bin (Snell).", (b, o) => b.AddComputeOptimal(o)),
    ]);

    /// <summary>The strategies, in listing order.</summary>
    public IReadOnlyList<StrategyDescriptor> Strategies { get; }

    /// <summary>The strategy names, in listing order.</summary>
    public IReadOnlyList<string> Names => [.. Strategies.Select(s => s.Name)];

    /// <summary>Whether a strategy is called <paramref name="name"/> (case-insensitive, as <see cref="Get"/> matches).</summary>
    public bool Contains(string name) => name is not null && _byName.ContainsKey(name.Trim());

    /// <summary>The strategy called <paramref name="name"/> (case-insensitive); throws naming the known ones otherwise.</summary>
    public StrategyDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name.Trim(), out var d)
            ? d
            : throw new ArgumentException($"Unknown strategy '{name}'; known strategies: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>
    /// Creates <paramref name="name"/> with <paramref name="options"/> (kebab-case names over the defaults), validated and,
    /// when <paramref name="budget"/> is given, checked against it. Throws <see cref="ArgumentException"/> naming a bad
    /// option and <see cref="NotSupportedException"/> for a strategy not implemented yet.
    /// </summary>
    public IScalingStrategy Create(string name, IReadOnlyDictionary<string, string>? options = null, ComputeBudget? budget = null)
    {
        var descriptor = Get(name);
        return descriptor.Create(descriptor.BindOptions(options), budget);
    }
}
