using System.Text.Json;
using InferScale.Backends.Replay;
using InferScale.Generation;
using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;
using InferScale.Tests.Support;

namespace InferScale.Tests.Backends.Replay;

/// <summary>
/// Whole-sample strategies over a real recorded pool (Qwen2.5-Math-Instruct, 100 MATH problems × 8 samples, with the
/// pool's own correctness labels and reward scores), checked against the figures measured from the file
/// (shared/data/README.md): pass@8 = 96, majority of the 8 answers = 93, argmax reward = 94.
/// </summary>
public sealed class ReplayStrategiesTests
{
    private static readonly Lazy<List<(Problem Problem, List<RecordedSample> Samples)>> Qwen = new(Load);

    private static List<(Problem, List<RecordedSample>)> Load()
    {
        var rows = new List<(Problem, List<RecordedSample>)>();
        foreach (var line in File.ReadLines(RepoPaths.Shared("pools", "qwen25-math-cot-100x8.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var problem = new Problem($"qwen/{r.GetProperty("idx").GetInt32()}", r.GetProperty("question").GetString()!) { Gold = r.GetProperty("gt").GetString() };
            var responses = r.GetProperty("response").EnumerateArray().Select(e => e.GetString()!).ToList();
            var preds = r.GetProperty("pred").EnumerateArray().Select(e => e.GetString()).ToList();
            var scores = r.GetProperty("score").EnumerateArray().Select(e => e.GetBoolean()).ToList();
            var rewards = r.GetProperty("pred_score").EnumerateArray().Select(e => e.EnumerateArray().Last().GetDouble()).ToList();
            rows.Add((problem, [.. responses.Select((t, i) => new RecordedSample(t) { Answer = preds[i], IsCorrect = scores[i], Score = rewards[i] })]));
        }
        return rows;
    }

    private static async Task<int> CountCorrect(string strategy, Func<StrategyResult, bool> correct)
    {
        var pool = new ReplayPool();
        foreach (var (problem, samples) in Qwen.Value)
            pool.Add(problem, samples);
        using var generator = new ReplayGenerator(pool, new ReplayOptions { Shuffle = false });
        var s = StrategyCatalog.Default.Create(strategy, strategy == "best-of-n" ? new Dictionary<string, string> { ["aggregation"] = "final" } : null);
        var count = 0;
        foreach (var (problem, _) in Qwen.Value)
        {
            var context = new StrategyContext(problem, generator, new TestExtractor(), new TestEquivalence(), ComputeBudget.Samples(8));
            var result = await s.RunAsync(context);
            Assert.Equal(strategy == "greedy" ? 1 : 8, result.Candidates.Count);
            if (correct(result))
                count++;
        }
        return count;
    }

    private static bool SelectedIsCorrect(StrategyResult r) => r.Candidates.Single(c => c.Selected).Sample.IsCorrect == true;

    [Fact]
    public async Task PassAtK_QwenPool_CoverageIs96()
    {
        Assert.Equal(96, await CountCorrect("pass-at-k", r => r.Candidates.Any(c => c.Sample.IsCorrect == true)));
    }

    [Fact]
    public async Task Majority_QwenPool_93Correct()
    {
        Assert.Equal(93, await CountCorrect("majority", SelectedIsCorrect));
    }

    [Fact]
    public async Task BestOfN_QwenPoolRecordedRewards_94Correct()
    {
        Assert.Equal(94, await CountCorrect("best-of-n", SelectedIsCorrect));
    }

    [Fact]
    public async Task Greedy_QwenPool_FirstSample90Correct()
    {
        // Replay has no temperature: greedy serves recorded sample 0.
        Assert.Equal(90, await CountCorrect("greedy", SelectedIsCorrect));
    }
}
