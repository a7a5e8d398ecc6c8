using System.Globalization;
using BenchmarkDotNet.Attributes;
using InferScale.Analysis;
using InferScale.Generation;
using InferScale.Verification;

namespace InferScale.Benchmarks;

/// <summary>
/// Whole-sample analysis of a synthetic pool the size the brief targets: 1,000 problems × 1,024 samples, 1,000
/// bootstrap resamples, 200 subsample draws per problem (answers "0".."9", scores correlated with correctness).
/// Run: <c>dotnet run -c Release --project bench/InferScale.Benchmarks -- --filter '*AnalysisBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class AnalysisBenchmarks
{
    private SamplePool _pool = null!;

    /// <summary>Problems in the synthetic pool.</summary>
    [Params(1000)]
    public int Problems { get; set; }

    /// <summary>Samples per problem.</summary>
    [Params(1024)]
    public int Samples { get; set; }

    /// <summary>Builds the synthetic pool (seeded).</summary>
    [GlobalSetup]
    public void Setup() => _pool = Synthetic(Problems, Samples, seed: 42);

    /// <summary>The full analysis: grouping, all curves, bootstrap, fits, per-level breakdowns.</summary>
    [Benchmark]
    public PoolAnalysisResult Analyze() => PoolAnalyzer.Analyze(_pool, MathAnswerChecker.Default, new PoolAnalysisOptions { Seed = 1 });

    /// <summary>A seeded synthetic pool: per-problem skill, ten candidate answers (gold "0"), 5% unanswered, levels 1–5.</summary>
    public static SamplePool Synthetic(int problems, int samples, int seed)
    {
        var rng = new Random(seed);
        var answers = Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var list = new List<PoolProblem>(problems);
        for (var p = 0; p < problems; p++)
        {
            var skill = rng.NextDouble();
            var drawn = new List<Sample>(samples);
            for (var i = 0; i < samples; i++)
            {
                var correct = rng.NextDouble() < skill * 0.5;
                var answer = correct ? answers[0] : rng.NextDouble() < 0.05 ? null : answers[1 + rng.Next(9)];
                drawn.Add(new Sample(string.Empty) { Index = i, Answer = answer, IsCorrect = correct, Score = rng.NextDouble() + (correct ? 0.3 : 0.0) });
            }

            list.Add(new PoolProblem($"p{p}", drawn) { Gold = "0", Level = (1 + p % 5).ToString(CultureInfo.InvariantCulture) });
        }

        return new SamplePool(list) { Name = "synthetic" };
    }
}
