using BenchmarkDotNet.Attributes;
using InferScale.Backends.Replay;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Verification;

namespace InferScale.Benchmarks;

/// <summary>
/// Strategy overhead over a replayed pool (no model time): 100 problems × 64 recorded samples of 256 tokens with top-20
/// logprobs, answers drawn from 5 values (seeded). Each benchmark runs one strategy at a 64-sample budget on all 100
/// problems, so the figure divided by 100 is the per-problem cost of budgeting, accounting, tracing and deciding.
/// Run: <c>dotnet run -c Release --project bench/InferScale.Benchmarks -- --filter '*Strategies*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StrategiesBenchmarks
{
    private readonly List<Problem> _problems = [];
    private ReplayGenerator _generator = null!;
    private IScalingStrategy _majority = null!;
    private IScalingStrategy _adaptive = null!;
    private IScalingStrategy _deepConf = null!;

    /// <summary>Builds the synthetic pool (seeded) and the strategies.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var pool = new ReplayPool();
        for (var p = 0; p < 100; p++)
        {
            var problem = new Problem($"bench/{p}", $"Problem {p}: what is {p} + {p}?");
            _problems.Add(problem);
            pool.Add(problem, Enumerable.Range(0, 64).Select(_ =>
            {
                var answer = rng.Next(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var tokens = Enumerable.Range(0, 255).Select(t => Token($" t{t}", rng)).Append(Token($" \\boxed{{{answer}}}", rng)).ToList();
                return new RecordedSample(string.Concat(tokens.Select(t => t.Token))) { Answer = answer, PromptTokens = 20, CompletionTokens = tokens.Count, Logprobs = tokens };
            }));
        }
        _generator = new ReplayGenerator(pool);
        _majority = new ScalingStrategyBuilder().AddMajority().Build();
        _adaptive = new ScalingStrategyBuilder().AddAdaptiveConsistency().Build();
        _deepConf = new ScalingStrategyBuilder().AddDeepConfOffline(new DeepConfOfflineOptions { WindowSize = 64 }).Build();
    }

    /// <summary>Majority vote at 64 samples on 100 problems.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Majority64() => RunAll(_majority);

    /// <summary>Adaptive-Consistency (one sample per call) up to 64 samples on 100 problems.</summary>
    [Benchmark]
    public Task<int> AdaptiveConsistency64() => RunAll(_adaptive);

    /// <summary>DeepConf offline (confidence over 64 × 256 tokens × top-20, window 64) on 100 problems.</summary>
    [Benchmark]
    public Task<int> DeepConfOffline64() => RunAll(_deepConf);

    private async Task<int> RunAll(IScalingStrategy strategy)
    {
        var answered = 0;
        foreach (var problem in _problems)
        {
            var context = new StrategyContext(problem, _generator, Extractor.Instance, Equality.Instance, ComputeBudget.Samples(64)) { Seed = 1 };
            var result = await strategy.RunAsync(context).ConfigureAwait(false);
            if (result.Answer is not null)
                answered++;
        }
        return answered;
    }

    private static TokenLogprob Token(string text, Random rng)
    {
        var top = Enumerable.Range(0, 20).Select(k => new TopLogprob(k == 0 ? text : $"alt{k}", -(float)(k == 0 ? rng.NextDouble() : 1 + rng.NextDouble() * 8))).ToList();
        return new TokenLogprob(text, top[0].Logprob, top);
    }

    private sealed class Extractor : IAnswerExtractor
    {
        public static readonly Extractor Instance = new();

        public string? Extract(string text)
        {
            var i = text.LastIndexOf("\\boxed{", StringComparison.Ordinal);
            return i < 0 ? null : text[(i + 7)..].TrimEnd('}');
        }
    }

    private sealed class Equality : IAnswerEquivalence
    {
        public static readonly Equality Instance = new();

        public bool AreEquivalent(string gold, string predicted) => string.Equals(gold, predicted, StringComparison.Ordinal);
    }
}
