using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using InferScale.Verification;

namespace InferScale.Benchmarks;

/// <summary>
/// Math answer checking on the 268 labelled Math-Verify cases (shared data): one operation = all 268 verifications
/// (extraction from both texts plus comparison), so comparisons/s = 268 / mean time.
/// </summary>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    private (string Gold, string Pred)[] _cases = [];
    private string[] _answers = [];

    /// <summary>Loads the cases from ../shared/data relative to the repository root.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InferScale.sln")))
            dir = dir.Parent;
        var path = Path.Combine(dir?.FullName ?? ".", "..", "shared", "data", "answer-equivalence", "math-verify-cases.jsonl");
        _cases = File.ReadLines(path).Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => (o["gold"]!.GetValue<string>(), o["pred"]!.GetValue<string>()))
            .ToArray();
        _answers = _cases.Select(c => MathAnswerChecker.Default.Extract(c.Pred) ?? string.Empty).ToArray();
    }

    /// <summary>Extract from gold and prediction, then compare: what <c>inferscale verify --file</c> does per line.</summary>
    [Benchmark(OperationsPerInvoke = 268)]
    public int VerifyCases()
    {
        var equivalent = 0;
        foreach (var (gold, pred) in _cases)
            if (MathAnswerChecker.Default.Verify(gold, pred).IsEquivalent)
                equivalent++;
        return equivalent;
    }

    /// <summary>Canonical keys of already-extracted answers: the cheap first step of vote grouping.</summary>
    [Benchmark(OperationsPerInvoke = 268)]
    public int NormalizeAnswers()
    {
        var total = 0;
        foreach (var answer in _answers)
            total += MathAnswerNormalizer.Normalize(answer).Length;
        return total;
    }
}
