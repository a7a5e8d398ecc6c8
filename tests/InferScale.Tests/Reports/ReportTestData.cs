using System.Globalization;
using System.Text.Json;
using InferScale.Backends;
using InferScale.Experiments.Results;
using InferScale.Generation;
using InferScale.Reports;
using InferScale.Strategies;
using InferScale.Tasks.Arith;
using InferScale.Tests.Support;
using InferScale.Verification;

namespace InferScale.Tests.Reports;

/// <summary>Report inputs: synthetic outcomes with known aggregates, and outcomes of real strategy runs on the embedded 0.3m model.</summary>
internal static class ReportTestData
{
    public const string RealModel = "arith-0.3m";

    private static readonly Lazy<Task<ReportInput>> Real = new(() => RunRealAsync(perLevel: 2, seeds: [1, 2], maxBudget: 8));

    /// <summary>A small real run (cached for the test process): greedy, majority and pass-at-k at 1…8 samples, best-of-n with the arith PRM at 4 and 8; 10 problems, 2 seeds.</summary>
    public static Task<ReportInput> RealRunAsync() => Real.Value;

    public static JsonElement Json(string raw) => JsonDocument.Parse(raw).RootElement.Clone();

    public static ProblemOutcome Problem(string id, string? level, bool? correct, long tokens = 100, double flops = 1e6, string? error = null) => new()
    {
        ProblemId = id,
        Level = level,
        Correct = correct,
        Samples = 1,
        PromptTokens = tokens / 4,
        CompletionTokens = tokens - tokens / 4,
        Flops = flops,
        Error = error,
    };

    public static CaseOutcome Case(string model, string strategy, double budget, ulong seed, IReadOnlyList<ProblemOutcome> problems,
        IReadOnlyDictionary<string, JsonElement>? parameters = null, string budgetKind = "samples") => new()
    {
        CaseId = $"{model}/{strategy}/{budgetKind}{budget.ToString(CultureInfo.InvariantCulture)}/s{seed}",
        Dataset = "synthetic",
        Model = model,
        Strategy = strategy,
        Params = parameters ?? new Dictionary<string, JsonElement>(),
        BudgetKind = budgetKind,
        Budget = budget,
        Seed = seed,
        Problems = problems,
    };

    /// <summary>Runs real strategies on the embedded model and converts each run to a <see cref="ProblemOutcome"/>.</summary>
    public static async Task<ReportInput> RunRealAsync(int perLevel, ulong[] seeds, int maxBudget)
    {
        var modelPath = Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf");
        using var generator = new MemoizingGenerator(Generators.Open(new GeneratorSpec(modelPath) { Threads = 1 }));
        var problems = new ArithGenerator().TestSet(perLevel);
        var budgets = new List<int>();
        for (var b = 1; b <= maxBudget; b *= 2) budgets.Add(b);
        var temperature = new Dictionary<string, JsonElement> { ["temperature"] = Json("0.8") };
        var plan = new List<(string Strategy, int Budget, IReadOnlyDictionary<string, JsonElement> Params, ulong[] Seeds)>
        {
            (GreedyStrategyExtensions.Name, 1, new Dictionary<string, JsonElement>(), [seeds[0]]),
        };
        plan.AddRange(budgets.Select(b => (MajorityStrategyExtensions.Name, b, (IReadOnlyDictionary<string, JsonElement>)temperature, seeds)));
        plan.AddRange(budgets.Select(b => (PassAtKStrategyExtensions.Name, b, (IReadOnlyDictionary<string, JsonElement>)temperature, seeds)));
        plan.AddRange(new[] { 4, maxBudget }.Select(b => (BestOfNStrategyExtensions.Name, b, (IReadOnlyDictionary<string, JsonElement>)temperature, seeds)));

        var outcomes = new List<CaseOutcome>();
        foreach (var (strategy, budget, parameters, caseSeeds) in plan)
        {
            foreach (var seed in caseSeeds)
            {
                var computeBudget = ComputeBudget.Samples(budget);
                var instance = StrategyCatalog.Default.Create(strategy, null, computeBudget);
                var results = new List<ProblemOutcome>();
                foreach (var p in problems)
                {
                    var problem = new Problem(p.Id, p.Prompt)
                    {
                        Gold = p.Answer.ToString(CultureInfo.InvariantCulture),
                        Level = p.Level.ToString(CultureInfo.InvariantCulture),
                        Dataset = ArithDataset.Name,
                    };
                    var context = new StrategyContext(problem, generator, MathAnswerChecker.Default, MathAnswerChecker.Default, computeBudget)
                    {
                        Seed = seed,
                        Sampling = new SamplingOptions { Temperature = 0.8, MaxTokens = 160 },
                        StepDelimiter = ArithFormat.StepDelimiter,
                        RewardModel = strategy == BestOfNStrategyExtensions.Name ? new ArithStepRewardModel() : null,
                    };
                    results.Add(ToOutcome(problem, await instance.RunAsync(context)));
                }
                outcomes.Add(new CaseOutcome
                {
                    CaseId = $"{RealModel}/{strategy}/{budget}/s{seed}",
                    Dataset = ArithDataset.Name,
                    Model = RealModel,
                    Strategy = strategy,
                    Params = parameters,
                    BudgetKind = "samples",
                    Budget = budget,
                    Seed = seed,
                    Problems = results,
                });
            }
        }

        return new ReportInput
        {
            ExperimentName = "arith-0.3m: greedy, majority, pass-at-k and best-of-n on the engine",
            Outcomes = outcomes,
            Models = [new ModelInfo { Name = RealModel, Parameters = generator.Metadata.Parameters }],
            Seed = seeds[0],
        };
    }

    private static ProblemOutcome ToOutcome(Problem problem, StrategyResult r)
    {
        var graded = r.Candidates.Where(c => c.IsCorrect is not null).ToList();
        var scored = r.Candidates.Where(c => c.Score is { } s && double.IsFinite(s)).ToList();
        return new ProblemOutcome
        {
            ProblemId = problem.Id,
            Level = problem.Level,
            Answer = r.Answer,
            Correct = r.IsCorrect,
            Samples = r.Candidates.Count,
            PromptTokens = r.Usage.PromptTokens,
            CachedPromptTokens = r.Usage.CachedPromptTokens,
            CompletionTokens = r.Usage.CompletionTokens,
            VerifierTokens = r.Usage.VerifierTokens,
            Flops = r.Usage.Flops,
            BudgetSpent = r.BudgetSpent,
            BudgetExhausted = r.BudgetExhausted,
            OraclePass = graded.Count == 0 ? null : graded.Count(c => c.IsCorrect == true) / (double)graded.Count,
            MeanScore = scored.Count == 0 ? null : scored.Average(c => c.Score!.Value),
            Failures = r.Failures.Count,
        };
    }
}
