using BenchmarkDotNet.Attributes;
using InferScale.Decontamination;

namespace InferScale.Benchmarks;

/// <summary>
/// Decontamination of a 1,000-instance evaluation set (40 words each) against 1,000,000 synthetic training lines
/// (30 words each, from a 5,000-word vocabulary; every 10,000th line copies an evaluation instance).
/// Run: <c>dotnet run -c Release --project bench/InferScale.Benchmarks -- --filter '*Decontamination*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DecontaminationBenchmarks
{
    private string[] _eval = [];
    private string[] _train = [];

    /// <summary>Builds the synthetic sets (seeded).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => "w" + rng.Next(5000)));
        _eval = Enumerable.Range(0, 1000).Select(_ => Text(40)).ToArray();
        _train = Enumerable.Range(0, 1_000_000).Select(i => i % 10_000 == 0 ? _eval[i / 10_000] : Text(30)).ToArray();
    }

    /// <summary>Index the evaluation set and stream the training set.</summary>
    [Benchmark]
    public int OneMillionTrainingLines() => new NgramDecontaminator(_eval).Run(_train).Contaminated.Count;
}
