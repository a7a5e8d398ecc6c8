using System.Globalization;
using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Strategies;

/// <summary>
/// <c>compute-optimal</c>: draws probe samples 0 … p−1 (charged to the budget), estimates difficulty (predicted: their
/// mean reward score; oracle: the fraction correct against the gold answer, for evaluation only), finds the bin in the
/// policy table and runs the bin's strategy with the rest of the budget. The inner strategy sees the probe samples as
/// its own first samples (<see cref="ProbeReuseGenerator"/>), so they are charged once. Budget: under a samples budget
/// an inner whole-sample strategy that draws the probe's samples gets the bin's budget (at most the whole budget) and
/// every new sample is reserved against the outer budget; any other inner strategy gets at most what the probe left.
/// Under tokens or FLOPs every call of the inner strategy is reserved against the outer budget.
/// </summary>
internal sealed class ComputeOptimalStrategy : ScalingStrategy<ComputeOptimalOptions>
{
    /// <summary>Strategies that draw whole samples 0, 1, 2, … with the run's sampling options, so they reuse the probe and never continue a prefix.</summary>
    private static readonly HashSet<string> ProbeDrawers = new(StringComparer.OrdinalIgnoreCase)
    {
        PassAtKStrategyExtensions.Name, MajorityStrategyExtensions.Name, WeightedMajorityStrategyExtensions.Name,
        BestOfNStrategyExtensions.Name, EscStrategyExtensions.Name, AdaptiveConsistencyStrategyExtensions.Name,
    };

    private readonly ComputeOptimalPolicy? _table;

    public ComputeOptimalStrategy(ComputeOptimalOptions options)
        : base(ComputeOptimalStrategyExtensions.Name, options)
    {
        if (string.IsNullOrWhiteSpace(options.Table))
            return;
        var table = ComputeOptimalPolicyFile.Load(options.Table);
        if (table.Difficulty != options.Difficulty)
        {
            throw new ArgumentException(
                $"Difficulty is {options.Difficulty} but the table {options.Table} was learned with {table.Difficulty} bins; set difficulty={table.Difficulty.ToString().ToLowerInvariant()}.",
                nameof(options.Difficulty));
        }
        foreach (var bin in table.Bins)
        {
            var where = $"{options.Table}: bins[{bin.Bin}]";
            if (string.Equals(bin.Strategy.Trim(), ComputeOptimalStrategyExtensions.Name, StringComparison.OrdinalIgnoreCase))
                throw new FormatException($"{where}.strategy cannot be compute-optimal itself.");
            try
            {
                var descriptor = StrategyCatalog.Default.Get(bin.Strategy);
                if (!descriptor.IsImplemented)
                    throw new ArgumentException($"strategy '{bin.Strategy}' is not implemented yet.");
                descriptor.BindOptions(bin.Params).Validate();
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"{where}: {ex.Message}", ex);
            }
        }
        _table = table;
    }

    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var context = run.Context;
        if (Options.Difficulty == DifficultyEstimate.Oracle && context.Problem.Gold is null)
            throw new InvalidOperationException($"compute-optimal with difficulty=oracle grades the probe against the gold answer, and problem '{context.Problem.Id}' has none (oracle difficulty is for evaluation only; use difficulty=predicted).");
        if (Options.Difficulty == DifficultyEstimate.Predicted)
            SampleScoring.RequireScores(run, Options);

        // 1. The probe: samples 0 … p−1, charged to the budget.
        var probe = await SampleDraw.DrawAsync(run, 0, Options.ProbeSamples, null, cancellationToken).ConfigureAwait(false);
        var probeSpent = run.Budget.Spent;
        List<(Sample Sample, double? Score)> scored = Options.Difficulty == DifficultyEstimate.Predicted
            ? await SampleScoring.ScoreAsync(run, probe, Options, cancellationToken).ConfigureAwait(false)
            : probe.Select(s => (s, (double?)null)).ToList();
        var (estimate, basis) = Estimate(run, scored);

        // 2. The bin and its configuration.
        var policy = _table ?? ComputeOptimalBuiltInPolicy.Create(Options, context.Budget, probeSpent, context.RewardModel is not null);
        var bin = policy.BinOf(estimate);
        var choice = policy.Bins[bin];
        var descriptor = StrategyCatalog.Default.Get(choice.Strategy);
        var innerOptions = descriptor.BindOptions(choice.Params);
        var reuses = ProbeDrawers.Contains(descriptor.Name)
            && (innerOptions.Temperature is null || innerOptions.Temperature == run.Sampling.Temperature)
            && (innerOptions.MaxTokens is null || innerOptions.MaxTokens == run.Sampling.MaxTokens);
        var plan = Plan(context.Budget, choice.ToBudget(), probeSpent, reuses);
        run.Note(TraceEventKind.Decision, string.Create(CultureInfo.InvariantCulture,
            $"difficulty {estimate:G4} ({basis}) → bin {bin} of {policy.Bins.Count} ({(_table is null ? "built-in policy" : "table " + Options.Table)}) → {choice.Strategy}{Format(choice.Params)}@{plan.Budget}{(plan.Guarded ? ", new calls reserved against the outer budget" : "")}"));

        // 3. The bin's strategy, with the probe's samples (and scores) as its own first ones.
        var scores = scored.Where(s => s.Score is not null && s.Sample.Score is double)
            .Select(s => (s.Sample.Text, new RewardScore(s.Sample.StepScores ?? [], s.Sample.Score!.Value, Usage.Zero)));
        using var view = new ProbeReuseGenerator(context.Generator, context.Problem.Prompt, run.Sampling with { Seed = context.Seed }, probe, plan.Guarded ? run.Budget : null);
        var innerContext = context with
        {
            Generator = view,
            RewardModel = context.RewardModel is null ? null : new ProbeReuseRewardModel(context.RewardModel, context.Problem.Prompt, scores),
            Budget = plan.Budget,
            Sampling = run.Sampling,
        };
        StrategyResult inner;
        try
        {
            inner = await descriptor.Create(innerOptions).RunAsync(innerContext, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"compute-optimal: bin {bin}'s configuration {choice.Strategy}{Format(choice.Params)} cannot run on {plan.Budget}: {ex.Message}", ex);
        }
        foreach (var e in inner.Trace)
            run.Note(e.Kind, $"[{inner.Strategy}] {e.Message}", e.Index, e.Count, e.Usage);

        // 4. One result: the inner strategy's decision, every candidate once, compute counted once.
        var reused = view.ReusedIndices;
        var innerIndices = inner.Candidates.Select(c => c.Index).ToHashSet();
        var probeCandidates = scored.Where(s => !innerIndices.Contains(s.Sample.Index)).Select(s => run.Candidate(s.Sample, s.Score, kept: false));
        var chosen = inner.SelectedIndex is int selected ? inner.Candidates.FirstOrDefault(c => c.Index == selected) : null;
        var result = run.Complete([.. inner.Candidates, .. probeCandidates], inner.Answer, chosen, inner.IsCorrect);
        var spent = plan.Guarded
            ? run.Budget.Spent
            : run.Budget.Spent + inner.BudgetSpent - (context.Budget.Kind == BudgetKind.Samples ? reused.Count : 0);
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["difficulty"] = estimate,
            ["bin"] = bin,
            ["probe-samples"] = probe.Count,
            ["reused-samples"] = reused.Count,
        };
        foreach (var (name, value) in inner.Metrics)
            metrics.TryAdd(name, value);
        return result with
        {
            Failures = [.. result.Failures.Concat(inner.Failures).DistinctBy(f => (f.Index, f.Stage))],
            Usage = run.Usage + inner.Usage,
            BudgetSpent = spent,
            BudgetExhausted = run.Budget.IsExhausted || inner.BudgetExhausted,
            BudgetOverrun = run.Budget.Overrun || inner.BudgetOverrun || spent > context.Budget.Amount * (1 + 1e-9),
            Metrics = metrics,
        };
    }

    /// <summary>The estimate (higher = easier) and how it was made; 0 (the hardest end) when nothing could be measured.</summary>
    private (double Estimate, string Basis) Estimate(StrategyRun run, IReadOnlyList<(Sample Sample, double? Score)> scored)
    {
        if (Options.Difficulty == DifficultyEstimate.Oracle)
        {
            if (scored.Count == 0)
                return (0, "oracle: no probe sample could be drawn");
            var correct = scored.Count(s => s.Sample.FinishReason != FinishReason.Error && run.Grade(s.Sample.Answer) == true);
            return ((double)correct / scored.Count, string.Create(CultureInfo.InvariantCulture, $"oracle: {correct} of {scored.Count} probe samples correct"));
        }
        var values = scored.Where(s => s.Score is double).Select(s => s.Score!.Value).ToList();
        return values.Count == 0
            ? (0, "predicted: no probe sample could be scored")
            : (values.Average(), string.Create(CultureInfo.InvariantCulture, $"predicted: mean score of {values.Count} probe samples"));
    }

    private sealed record InnerPlan(ComputeBudget Budget, bool Guarded);

    /// <summary>
    /// The inner strategy's budget, and whether its calls are reserved against the outer budget. A samples budget can
    /// only be guarded for strategies that never continue a prefix (a continuation is not a new sample, which a
    /// generator cannot tell): those are the probe drawers; any other strategy is bounded by its own budget instead,
    /// at most what the probe left.
    /// </summary>
    private static InnerPlan Plan(ComputeBudget outer, ComputeBudget configured, double probeSpent, bool reuses)
    {
        var left = outer.Amount - probeSpent;
        if (outer.Kind == BudgetKind.Samples && !reuses)
        {
            var samples = Math.Max(1, Math.Floor(left));
            return new InnerPlan(new ComputeBudget(BudgetKind.Samples, configured.Kind == BudgetKind.Samples ? Math.Min(configured.Amount, samples) : samples), false);
        }
        if (configured.Kind != outer.Kind)
            return new InnerPlan(configured, true);
        var cap = outer.Kind == BudgetKind.Samples ? outer.Amount : left;
        if (outer.Kind != BudgetKind.Flops)
            cap = Math.Floor(cap);
        return new InnerPlan(cap > 0 ? new ComputeBudget(outer.Kind, Math.Min(configured.Amount, cap)) : configured, true);
    }

    private static string Format(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Count == 0 ? "" : "(" + string.Join(",", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + ")";
}
