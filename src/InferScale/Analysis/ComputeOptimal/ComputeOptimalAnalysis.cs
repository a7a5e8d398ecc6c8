using System.Globalization;
using InferScale.Experiments.Results;
using InferScale.Strategies;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// Learns and evaluates compute-optimal policies (Snell et al. 2024) from an experiment's results: problems are binned
/// by difficulty (oracle pass@1, or the predicted difficulty of a cheap probe's mean reward score), and per bin a
/// configuration is chosen on one half of the problems and evaluated on the other (2-fold cross-validation, both
/// halves combined). Two views: Snell's per-budget view (per bin the most accurate configuration at budget ≤ B) and the
/// allocation by difficulty (per-bin configurations with different budgets, the cheapest in mean tokens that reaches a
/// target accuracy: an exact multiple-choice knapsack, <see cref="AllocationFrontier"/>). The headline compares the
/// allocation with the baseline, weighted best-of-N at 64 samples ("bon64").
/// </summary>
public static class ComputeOptimalAnalysis
{
    /// <summary>
    /// Analyses <paramref name="outcomes"/> (one model and dataset: see <see cref="ComputeOptimalAnalysisOptions.Model"/>).
    /// Throws <see cref="ArgumentException"/> when the results hold no baseline cases or no problems.
    /// </summary>
    public static ComputeOptimalReport Analyze(IReadOnlyList<CaseOutcome> outcomes, ComputeOptimalAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new ComputeOptimalAnalysisOptions();
        options.Validate();
        var notes = new List<string>();
        var kind = options.BudgetKind;

        var baselineCases = outcomes.Where(c => c.Strategy == options.BaselineStrategy && c.BudgetKind == kind).ToList();
        var model = options.Model ?? baselineCases.Select(c => c.Model).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new ArgumentException($"The results hold no '{options.BaselineStrategy}' cases with a {kind} budget (the baseline); run it or set BaselineStrategy.", nameof(outcomes));
        var dataset = options.Dataset ?? baselineCases.Where(c => c.Model == model).Select(c => c.Dataset).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new ArgumentException($"The results hold no '{options.BaselineStrategy}' cases of model '{model}'.", nameof(outcomes));
        var cases = outcomes.Where(c => c.Model == model && c.Dataset == dataset).ToList();
        baselineCases = [.. baselineCases.Where(c => c.Model == model && c.Dataset == dataset)];
        if (baselineCases.Count == 0)
            throw new ArgumentException($"The results hold no '{options.BaselineStrategy}' cases of model '{model}' on dataset '{dataset}'.", nameof(outcomes));

        var budgets = baselineCases.Select(c => c.Budget).Distinct().Order().ToList();
        var baselineBudget = budgets.Contains(options.BaselineBudget)
            ? options.BaselineBudget
            : budgets.Where(b => b < options.BaselineBudget).DefaultIfEmpty(budgets[^1]).Max();
        if (baselineBudget != options.BaselineBudget)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"no {options.BaselineStrategy} case at budget {options.BaselineBudget}; the baseline is budget {baselineBudget}"));

        var first = baselineCases.Where(c => c.Budget == baselineBudget).OrderBy(c => c.Seed).ThenBy(c => c.CaseId, StringComparer.Ordinal).First();
        var problemIds = first.Problems.Select(p => p.ProblemId).Distinct(StringComparer.Ordinal).ToList();
        if (problemIds.Count == 0)
            throw new ArgumentException($"The baseline case '{first.CaseId}' holds no problems.", nameof(outcomes));

        var excluded = new HashSet<string>(options.ExcludedStrategies, StringComparer.Ordinal);
        var configs = Group(cases.Where(c => !excluded.Contains(c.Strategy)), problemIds, options.IncludeVerifierTokens, out var incomplete);
        if (incomplete.Count > 0)
            notes.Add($"{incomplete.Count} configuration(s) left out because they miss problems: {string.Join(", ", incomplete.Take(5))}{(incomplete.Count > 5 ? ", …" : "")}");

        var baselineIndex = Enumerable.Range(0, configs.Count)
            .Where(i => configs[i].Configuration.Strategy == options.BaselineStrategy && configs[i].Configuration.BudgetKind == kind && configs[i].Configuration.Budget == baselineBudget)
            .OrderByDescending(i => configs[i].Accuracy).ThenBy(i => i)
            .DefaultIfEmpty(-1).First();
        if (baselineIndex < 0)
            throw new ArgumentException($"The baseline '{options.BaselineStrategy}' at budget {baselineBudget} does not cover every problem.", nameof(outcomes));
        var baselineConfig = configs[baselineIndex];
        var baselineParams = ParamsKey(baselineConfig.Configuration);
        var baselineCurve = configs
            .Where(c => c.Configuration.Strategy == options.BaselineStrategy && c.Configuration.BudgetKind == kind && ParamsKey(c.Configuration) == baselineParams)
            .OrderBy(c => c.Configuration.Budget)
            .Select(Point)
            .ToList();

        var folds = CrossValidationFolds.Assign(problemIds, options.Seed);
        var context = new ViewContext(problemIds, folds, configs, options, baselineConfig.Accuracy);

        DifficultyAnalysis? oracle = null;
        if (OracleEstimates(cases, problemIds, options, out var oracleSource) is { } oracleEstimates)
            oracle = AnalyzeView(context, DifficultyEstimate.Oracle, oracleEstimates, new double[problemIds.Count], new double[problemIds.Count], oracleSource, null);
        else
            notes.Add("no oracle bins: some problem has no oracle pass rate among " + string.Join(", ", options.OracleStrategies) + " outcomes");

        DifficultyAnalysis? predicted = null;
        if (PredictedEstimates(cases, problemIds, options, out var probe) is { } predictedEstimates)
            predicted = AnalyzeView(context, DifficultyEstimate.Predicted, predictedEstimates, probe.Tokens, probe.Flops, probe.Source, (int)Math.Round(options.ProbeBudget));
        else
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"no predicted bins: no {string.Join(" or ", options.ProbeStrategies)} case at budget {options.ProbeBudget} has a mean reward score for every problem"));

        if (oracle is null && predicted is null)
            throw new ArgumentException("Neither difficulty estimate is available: the results hold no oracle pass rates and no probe scores for every problem.", nameof(outcomes));
        var headline = predicted is not null ? DifficultyEstimate.Predicted : DifficultyEstimate.Oracle;
        return new ComputeOptimalReport
        {
            Model = model,
            Dataset = dataset,
            Problems = problemIds.Count,
            Seed = options.Seed,
            TokensMeasure = options.IncludeVerifierTokens ? "policy+verifier" : "policy",
            Baseline = Point(baselineConfig),
            BaselineCurve = baselineCurve,
            TokensToMatchBaseline = (predicted ?? oracle)!.TokensToMatchBaseline,
            HeadlineDifficulty = headline,
            Oracle = oracle,
            Predicted = predicted,
            Configurations = configs.Count,
            Notes = notes,
        };
    }

    private static BaselinePoint Point(ConfigurationResults c) => new()
    {
        Configuration = c.Configuration,
        Accuracy = c.Accuracy,
        MeanTokens = c.MeanTokens,
        MeanFlops = c.MeanFlops,
    };

    private static string ParamsKey(PolicyConfiguration c) => string.Join(",", c.Params.Select(p => p.Key + "=" + p.Value));

    private static double Tokens(ProblemOutcome p, bool verifier) => p.PromptTokens + p.CompletionTokens + (verifier ? p.VerifierTokens : 0);

    /// <summary>Groups cases into configurations averaged over seeds; configurations missing a problem are left out (named in <paramref name="incomplete"/>).</summary>
    private static List<ConfigurationResults> Group(IEnumerable<CaseOutcome> cases, IReadOnlyList<string> problemIds, bool verifier, out List<string> incomplete)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < problemIds.Count; i++)
            index[problemIds[i]] = i;
        var groups = new SortedDictionary<string, (PolicyConfiguration Config, double[] Correct, double[] Tokens, double[] Flops, int[] Count, int Cases)>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            var config = new PolicyConfiguration
            {
                Model = c.Model,
                Strategy = c.Strategy,
                Params = PolicyConfiguration.ParamsText(c.Params),
                BudgetKind = c.BudgetKind,
                Budget = c.Budget,
            };
            var key = config.Key;
            if (!groups.TryGetValue(key, out var g))
                g = (config, new double[problemIds.Count], new double[problemIds.Count], new double[problemIds.Count], new int[problemIds.Count], 0);
            foreach (var p in c.Problems)
            {
                if (!index.TryGetValue(p.ProblemId, out var i))
                    continue;
                g.Correct[i] += p.Correct == true && p.Error is null ? 1 : 0;
                g.Tokens[i] += Tokens(p, verifier);
                g.Flops[i] += p.Flops;
                g.Count[i]++;
            }
            groups[key] = g with { Cases = g.Cases + 1 };
        }
        incomplete = [];
        var result = new List<ConfigurationResults>(groups.Count);
        foreach (var (key, g) in groups)
        {
            if (g.Count.Any(n => n == 0))
            {
                incomplete.Add(key);
                continue;
            }
            for (var i = 0; i < problemIds.Count; i++)
            {
                g.Correct[i] /= g.Count[i];
                g.Tokens[i] /= g.Count[i];
                g.Flops[i] /= g.Count[i];
            }
            result.Add(new ConfigurationResults(g.Config, g.Correct, g.Tokens, g.Flops, g.Cases));
        }
        return result;
    }

    /// <summary>Per problem, the mean oracle pass rate of the outcomes with the most candidates; <see langword="null"/> when a problem has none.</summary>
    private static double[]? OracleEstimates(IReadOnlyList<CaseOutcome> cases, IReadOnlyList<string> problemIds, ComputeOptimalAnalysisOptions options, out string source)
    {
        var strategies = new HashSet<string>(options.OracleStrategies, StringComparer.Ordinal);
        var best = problemIds.ToDictionary(id => id, _ => (Samples: -1, Sum: 0.0, Count: 0), StringComparer.Ordinal);
        foreach (var c in cases.Where(c => strategies.Contains(c.Strategy)))
        {
            foreach (var p in c.Problems)
            {
                if (p.OraclePass is not double pass || !double.IsFinite(pass) || !best.TryGetValue(p.ProblemId, out var b))
                    continue;
                if (p.Samples > b.Samples)
                    best[p.ProblemId] = (p.Samples, pass, 1);
                else if (p.Samples == b.Samples)
                    best[p.ProblemId] = (b.Samples, b.Sum + pass, b.Count + 1);
            }
        }
        var estimates = new double[problemIds.Count];
        for (var i = 0; i < problemIds.Count; i++)
        {
            var b = best[problemIds[i]];
            if (b.Count == 0)
            {
                source = "";
                return null;
            }
            estimates[i] = b.Sum / b.Count;
        }
        var samples = best.Values.Select(b => b.Samples).ToList();
        source = string.Create(CultureInfo.InvariantCulture, $"oracle_pass of the most-sampled {string.Join("/", options.OracleStrategies)} runs ({samples.Min()}–{samples.Max()} samples)");
        return estimates;
    }

    private sealed record Probe(double[] Tokens, double[] Flops, string Source);

    /// <summary>Per problem, the probe's mean reward score (averaged over its seeds and matching parameters), with the probe's cost.</summary>
    private static double[]? PredictedEstimates(IReadOnlyList<CaseOutcome> cases, IReadOnlyList<string> problemIds, ComputeOptimalAnalysisOptions options, out Probe probe)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < problemIds.Count; i++)
            index[problemIds[i]] = i;
        foreach (var strategy in options.ProbeStrategies)
        {
            var probeCases = cases
                .Where(c => c.Strategy == strategy && c.BudgetKind == "samples" && c.Budget == options.ProbeBudget && ParamsMatch(c, options.ProbeParams))
                .ToList();
            if (probeCases.Count == 0)
                continue;
            int n = problemIds.Count;
            double[] score = new double[n], tokens = new double[n], flops = new double[n];
            int[] scored = new int[n], runs = new int[n];
            foreach (var c in probeCases)
            {
                foreach (var p in c.Problems)
                {
                    if (!index.TryGetValue(p.ProblemId, out var i))
                        continue;
                    runs[i]++;
                    tokens[i] += Tokens(p, options.IncludeVerifierTokens);
                    flops[i] += p.Flops;
                    if (p.MeanScore is double s && double.IsFinite(s))
                    {
                        score[i] += s;
                        scored[i]++;
                    }
                }
            }
            if (scored.Any(s => s == 0))
                continue;
            for (var i = 0; i < n; i++)
            {
                score[i] /= scored[i];
                tokens[i] /= runs[i];
                flops[i] /= runs[i];
            }
            var keys = probeCases.Select(c => new PolicyConfiguration { Model = c.Model, Strategy = c.Strategy, Params = PolicyConfiguration.ParamsText(c.Params), BudgetKind = c.BudgetKind, Budget = c.Budget }.Key)
                .Distinct().Order(StringComparer.Ordinal);
            probe = new Probe(tokens, flops, "mean_score of " + string.Join(" + ", keys));
            return score;
        }
        probe = new Probe([], [], "");
        return null;
    }

    private static bool ParamsMatch(CaseOutcome c, IReadOnlyDictionary<string, string>? filter)
    {
        if (filter is null)
            return true;
        var text = PolicyConfiguration.ParamsText(c.Params);
        return filter.All(f => text.TryGetValue(f.Key, out var v) && v == f.Value);
    }

    private sealed record ViewContext(
        IReadOnlyList<string> ProblemIds, int[] Folds, IReadOnlyList<ConfigurationResults> Configs, ComputeOptimalAnalysisOptions Options, double BaselineAccuracy);

    private static DifficultyAnalysis AnalyzeView(
        ViewContext ctx, DifficultyEstimate difficulty, double[] estimates, double[] probeTokens, double[] probeFlops, string source, int? probeSamples)
    {
        var n = ctx.ProblemIds.Count;
        var bins = DifficultyBins.Assign(ctx.ProblemIds, estimates, ctx.Options.Bins);
        var k = bins.Count;
        var binOf = bins.BinOf;
        var inBinFold = new List<int>[k, 2];
        var inBin = new List<int>[k];
        var inFold = new List<int>[] { [], [] };
        for (var b = 0; b < k; b++)
        {
            inBin[b] = [];
            inBinFold[b, 0] = [];
            inBinFold[b, 1] = [];
        }
        for (var p = 0; p < n; p++)
        {
            inBin[binOf[p]].Add(p);
            inBinFold[binOf[p], ctx.Folds[p]].Add(p);
            inFold[ctx.Folds[p]].Add(p);
        }
        var configs = ctx.Configs;
        var all = Enumerable.Range(0, configs.Count).ToList();

        // Snell's per-budget view.
        var perBudget = new List<BudgetCurvePoint>();
        var kind = ctx.Options.BudgetKind;
        foreach (var budget in configs.Where(c => c.Configuration.BudgetKind == kind).Select(c => c.Configuration.Budget).Distinct().Order())
        {
            var eligible = all.Where(i => configs[i].Configuration.BudgetKind == kind && configs[i].Configuration.Budget <= budget).ToList();
            var chosen = new int[2][];
            for (var f = 0; f < 2; f++)
            {
                chosen[f] = new int[k];
                for (var b = 0; b < k; b++)
                {
                    var set = inBinFold[b, f].Count > 0 ? inBinFold[b, f] : inFold[f].Count > 0 ? inFold[f] : inBin[b];
                    chosen[f][b] = MostAccurate(configs, eligible, set);
                }
            }
            var (correct, tokens, flops, _) = Evaluate(ctx, binOf, chosen, probeTokens, probeFlops, k);
            perBudget.Add(new BudgetCurvePoint
            {
                Budget = budget,
                Accuracy = correct / n,
                MeanTokens = tokens / n,
                MeanFlops = flops / n,
                Choices = [.. Enumerable.Range(0, k).Select(b => configs[MostAccurate(configs, eligible, inBin[b])].Key)],
            });
        }

        // Allocation by difficulty: per fold, the exact Pareto front of per-bin choices.
        var fronts = new IReadOnlyList<AllocationPoint>[2];
        var optionConfigs = new int[2][][];
        for (var f = 0; f < 2; f++)
        {
            optionConfigs[f] = new int[k][];
            var options = new List<IReadOnlyList<AllocationOption>>(k);
            for (var b = 0; b < k; b++)
            {
                if (inBinFold[b, f].Count == 0)
                {
                    // Nothing of this bin to learn from in this fold: its choice costs nothing here; take the fold's most accurate.
                    optionConfigs[f][b] = [MostAccurate(configs, all, inFold[f].Count > 0 ? inFold[f] : inBin[b])];
                    options.Add([new AllocationOption(0, 0)]);
                    continue;
                }
                optionConfigs[f][b] = [.. all];
                options.Add(Options(configs, inBinFold[b, f]));
            }
            fronts[f] = AllocationFrontier.Build(options);
        }
        var foldSize = new[] { inFold[0].Count, inFold[1].Count };
        var targets = new SortedSet<double>();
        for (var f = 0; f < 2; f++)
        {
            if (foldSize[f] == 0)
                continue;
            foreach (var point in fronts[f])
                targets.Add(Math.Round(point.Correct / foldSize[f], 12));
        }
        targets.Add(Math.Round(ctx.BaselineAccuracy, 12));
        var allocation = new List<AllocationCurvePoint>();
        foreach (var target in targets)
        {
            var (correct, tokens, flops, _) = Evaluate(ctx, binOf, CrossValidatedChoices(fronts, optionConfigs, foldSize, target, k), probeTokens, probeFlops, k);
            var point = new AllocationCurvePoint { Target = target, Accuracy = correct / n, MeanTokens = tokens / n, MeanFlops = flops / n };
            if (allocation.Count == 0 || allocation[^1] with { Target = target } != point)
                allocation.Add(point);
        }
        var reaching = allocation.Where(p => p.Accuracy >= ctx.BaselineAccuracy - AllocationFrontier.Epsilon).ToList();
        double? tokensToMatch = reaching.Count == 0 ? null : reaching.Min(p => p.MeanTokens);

        // The final policy: fitted on all problems, the cheapest allocation reaching the baseline's accuracy (else the most accurate).
        var frontAll = AllocationFrontier.Build([.. Enumerable.Range(0, k).Select(b => Options(configs, inBin[b]))]);
        var fit = AllocationFrontier.Cheapest(frontAll, ctx.BaselineAccuracy * n);
        var reaches = fit is not null;
        fit ??= frontAll[^1];
        var heldOut = Evaluate(ctx, binOf, CrossValidatedChoices(fronts, optionConfigs, foldSize, ctx.BaselineAccuracy, k), probeTokens, probeFlops, k).PerBinCorrect;
        var policy = new List<BinChoice>(k);
        for (var b = 0; b < k; b++)
        {
            var c = configs[fit.Choices[b]];
            policy.Add(new BinChoice
            {
                Range = bins.Ranges[b],
                Configuration = c.Configuration,
                Accuracy = inBin[b].Average(p => c.Correct[p]),
                FoldAccuracy = heldOut[b] / inBin[b].Count,
                MeanTokens = inBin[b].Average(p => c.Tokens[p] + probeTokens[p]),
            });
        }
        return new DifficultyAnalysis
        {
            Difficulty = difficulty,
            Source = source,
            ProbeSamples = probeSamples,
            ProbeMeanTokens = probeTokens.Average(),
            Bins = bins.Ranges,
            PerBudget = perBudget,
            Allocation = allocation,
            TokensToMatchBaseline = tokensToMatch,
            Policy = policy,
            PolicyReachesBaseline = reaches,
        };
    }

    /// <summary>Each bin's options on <paramref name="problems"/>: one per configuration, in configuration order.</summary>
    private static List<AllocationOption> Options(IReadOnlyList<ConfigurationResults> configs, IReadOnlyList<int> problems) =>
        [.. configs.Select(c =>
        {
            double cost = 0, correct = 0;
            foreach (var p in problems)
            {
                cost += c.Tokens[p];
                correct += c.Correct[p];
            }
            return new AllocationOption(cost, correct);
        })];

    /// <summary>Per fold, the configuration of each bin in the cheapest allocation reaching <paramref name="target"/> on that fold (else its most accurate).</summary>
    private static int[][] CrossValidatedChoices(IReadOnlyList<AllocationPoint>[] fronts, int[][][] optionConfigs, int[] foldSize, double target, int k)
    {
        var chosen = new int[2][];
        for (var f = 0; f < 2; f++)
        {
            var point = AllocationFrontier.Cheapest(fronts[f], target * foldSize[f]) ?? fronts[f][^1];
            chosen[f] = [.. Enumerable.Range(0, k).Select(b => optionConfigs[f][b][point.Choices[b]])];
        }
        return chosen;
    }

    /// <summary>Totals over all problems when each problem gets the choice its bin received from the OTHER fold.</summary>
    private static (double Correct, double Tokens, double Flops, double[] PerBinCorrect) Evaluate(
        ViewContext ctx, IReadOnlyList<int> binOf, int[][] chosen, double[] probeTokens, double[] probeFlops, int k)
    {
        double correct = 0, tokens = 0, flops = 0;
        var perBin = new double[k];
        for (var p = 0; p < ctx.ProblemIds.Count; p++)
        {
            var c = ctx.Configs[chosen[1 - ctx.Folds[p]][binOf[p]]];
            correct += c.Correct[p];
            perBin[binOf[p]] += c.Correct[p];
            tokens += c.Tokens[p] + probeTokens[p];
            flops += c.Flops[p] + probeFlops[p];
        }
        return (correct, tokens, flops, perBin);
    }

    /// <summary>The candidate with the most correct answers on <paramref name="problems"/>; ties: fewer tokens, then configuration order.</summary>
    private static int MostAccurate(IReadOnlyList<ConfigurationResults> configs, IReadOnlyList<int> candidates, IReadOnlyList<int> problems)
    {
        int best = -1;
        double bestCorrect = 0, bestTokens = 0;
        foreach (var i in candidates)
        {
            double correct = 0, tokens = 0;
            foreach (var p in problems)
            {
                correct += configs[i].Correct[p];
                tokens += configs[i].Tokens[p];
            }
            if (best < 0 || correct > bestCorrect + AllocationFrontier.Epsilon
                || (Math.Abs(correct - bestCorrect) <= AllocationFrontier.Epsilon && tokens < bestTokens - AllocationFrontier.Epsilon))
            {
                best = i;
                bestCorrect = correct;
                bestTokens = tokens;
            }
        }
        return best;
    }
}
