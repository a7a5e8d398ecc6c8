using InferScale.Analysis;
using InferScale.Generation;
using InferScale.Verification;

namespace InferScale.Tests.Analysis;

public sealed class PoolAnalyzerTests
{
    private static readonly PoolAnalysisOptions Fast = new() { BootstrapResamples = 50, Subsamples = 50 };

    [Fact]
    public void Analyze_HandBuiltPool_GivesKnownMetricsAtN()
    {
        var pool = TestPools.Pool(
            // Majority "5" (wrong, 3 votes) beats "4" (right, 2 votes); the best score is on a right sample.
            TestPools.Problem("a", "4", ("5", false, 0.1), ("5", false, 0.2), ("4", true, 0.9), ("5", false, 0.1), ("4", true, 0.8)),
            // All right; the equivalent spellings "2" and "2.0" vote together.
            TestPools.Problem("b", "2", ("2", true, 0.5), ("2.0", true, 0.5), ("3", false, 0.6), ("2", true, 0.1), ("3", false, 0.7)));

        var result = PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default, Fast);

        Assert.Equal(5, result.SamplesPerProblem);
        Assert.Equal(1.0, result.Curve(PoolMetric.PassAtK)!.ValueAt(5));
        Assert.Equal(0.5, result.Curve(PoolMetric.MajorityAtK)!.ValueAt(5));
        Assert.Equal(0.5, result.Curve(PoolMetric.BestOfK)!.ValueAt(5)); // a: 0.9 is right; b: 0.7 is wrong
        // Weighted: a: "5" sums 0.4, "4" sums 1.7 → right; b: "2" sums 1.1, "3" sums 1.3 → wrong.
        Assert.Equal(0.5, result.Curve(PoolMetric.WeightedMajorityAtK)!.ValueAt(5));
        Assert.Equal(0.5, result.Curve(PoolMetric.PassAtK)!.ValueAt(1), 12); // (2 + 3) right of 10
        Assert.Equal(0.5, result.Curve(PoolMetric.MajorityAtK)!.ValueAt(1), 12);
    }

    [Fact]
    public void Analyze_TieBetweenGroups_SharesCredit()
    {
        var pool = TestPools.Pool(TestPools.Problem("t", "1", ("1", true, null), ("2", false, null), ("1", true, null), ("2", false, null)));

        var result = PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default, Fast);

        Assert.Equal(0.5, result.Curve(PoolMetric.MajorityAtK)!.ValueAt(4));
        Assert.Null(result.Curve(PoolMetric.BestOfK));
    }

    [Fact]
    public void Analyze_NoLabels_GradesByGoldEquivalence()
    {
        var pool = TestPools.Pool(TestPools.Problem("g", "0.5", (".5", null, null), ("0.50", null, null), ("3", null, null)));

        var result = PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default, Fast);

        Assert.Equal(1.0, result.Curve(PoolMetric.MajorityAtK)!.ValueAt(3));
        Assert.Equal(2.0 / 3.0, result.Curve(PoolMetric.PassAtK)!.ValueAt(1), 12);
    }

    [Fact]
    public void Analyze_SubsampledMajority_ConvergesToExactExpectation()
    {
        var problem = TestPools.Problem("s", "a", ("a", true, null), ("b", false, null), ("b", false, null), ("a", true, null), ("c", false, null), ("a", true, null), (null, false, null));
        var result = PoolAnalyzer.Analyze(TestPools.Pool(problem), MathAnswerChecker.Default, Fast with { Subsamples = 20_000 });

        string?[] answers = ["a", "b", "b", "a", "c", "a", null];
        for (var k = 2; k < 7; k++)
        {
            var exact = ExactMajority(answers, "a", k);
            Assert.True(Math.Abs(result.Curve(PoolMetric.MajorityAtK)!.ValueAt(k) - exact) < 0.01, $"k={k}: {result.Curve(PoolMetric.MajorityAtK)!.ValueAt(k)} vs {exact}");
        }
    }

    [Fact]
    public void Analyze_ThreadCount_DoesNotChangeResults()
    {
        var pool = TestPools.Synthetic(60, 40, seed: 3);

        var one = Json(PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default, Fast with { MaxDegreeOfParallelism = 1, Seed = 9 }));
        var many = Json(PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default, Fast with { MaxDegreeOfParallelism = 4, Seed = 9 }));
        var otherSeed = Json(PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default, Fast with { MaxDegreeOfParallelism = 4, Seed = 10 }));

        Assert.Equal(one, many);
        Assert.NotEqual(one, otherSeed);
    }

    [Fact]
    public void Analyze_Levels_BreakDownInNumericOrderAndPartitionProblems()
    {
        var result = PoolAnalyzer.Analyze(TestPools.Synthetic(50, 8, seed: 1), MathAnswerChecker.Default, Fast);

        Assert.Equal(["1", "2", "3", "4", "5"], result.ByLevel.Select(l => l.Level));
        Assert.Equal(50, result.ByLevel.Sum(l => l.Problems));
        var weighted = result.ByLevel.Sum(l => l.Problems * l.Curves[0].Points[^1].Value) / 50;
        Assert.Equal(result.Curve(PoolMetric.PassAtK)!.Points[^1].Value, weighted, 12);
    }

    [Fact]
    public void Analyze_SamplesCutAtTheTokenLimit_ReportedOverallAndByLevelInEveryOutput()
    {
        static Sample S(int i, string answer, FinishReason finish) => new($"answer {answer}") { Index = i, Answer = answer, FinishReason = finish };
        var easy = new PoolProblem("a", [S(0, "1", FinishReason.Stop), S(1, "1", FinishReason.Stop), S(2, "1", FinishReason.Stop), S(3, "1", FinishReason.Length)]) { Gold = "1", Level = "1" };
        var hard = new PoolProblem("b", [S(0, "2", FinishReason.Length), S(1, "3", FinishReason.Length), S(2, "2", FinishReason.Stop), S(3, "4", FinishReason.Length)]) { Gold = "2", Level = "5" };

        var result = PoolAnalyzer.Analyze(new SamplePool([easy, hard]) { Name = "cut" }, MathAnswerChecker.Default, Fast);

        Assert.Equal(4 / 8.0, result.TruncatedShare);
        Assert.Equal([0.25, 0.75], result.ByLevel.Select(l => l.TruncatedShare));
        using var stream = new MemoryStream();
        AnalysisExport.WriteJson(result, stream);
        var json = System.Text.Json.Nodes.JsonNode.Parse(stream.ToArray())!;
        Assert.Equal(0.5, json["truncated"]!.GetValue<double>());
        Assert.Equal(0.75, json["by_level"]!["5"]!["truncated"]!.GetValue<double>());
        Assert.Contains("50% of the samples stopped at the token limit", AnalysisExport.Markdown(result), StringComparison.Ordinal);
        Assert.Contains("| 5 | 1 | 0.75 |", AnalysisExport.Markdown(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NoSampleCut_TruncatedIsZeroAndMarkdownSaysNothing()
    {
        var result = PoolAnalyzer.Analyze(TestPools.Synthetic(10, 4, seed: 3), MathAnswerChecker.Default, Fast);

        Assert.Equal(0, result.TruncatedShare);
        Assert.DoesNotContain("token limit", AnalysisExport.Markdown(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Intervals_ContainTheEstimate()
    {
        var result = PoolAnalyzer.Analyze(TestPools.Synthetic(80, 16, seed: 2), MathAnswerChecker.Default, Fast with { BootstrapResamples = 300 });

        foreach (var point in result.Curves.SelectMany(c => c.Points))
        {
            var ci = point.Interval!.Value;
            Assert.True(ci.Lower <= point.Value && point.Value <= ci.Upper, $"k={point.K}");
        }
    }

    [Fact]
    public void Analyze_CurveKs_HoldEveryKUpTo16PowersOfTwoAndN()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 32, 64, 100], PoolAnalyzer.CurveKs(100));
        Assert.Equal([1, 2, 3], PoolAnalyzer.CurveKs(3));
    }

    [Fact]
    public void Analyze_PoolWithoutLabelsOrGold_Throws()
    {
        var pool = TestPools.Pool(TestPools.Problem("x", null, ("1", null, null)));

        var ex = Assert.Throws<ArgumentException>(() => PoolAnalyzer.Analyze(pool, MathAnswerChecker.Default));

        Assert.Contains("neither", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadOption_NamesIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PoolAnalysisOptions { Subsamples = 0 }.Validate());

        Assert.Equal(nameof(PoolAnalysisOptions.Subsamples), ex.ParamName);
    }

    private static string Json(PoolAnalysisResult result)
    {
        using var stream = new MemoryStream();
        AnalysisExport.WriteJson(result, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static double ExactMajority(string?[] answers, string gold, int k)
    {
        var n = answers.Length;
        double sum = 0;
        var total = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (int.PopCount(mask) != k) continue;
            total++;
            var counts = new Dictionary<string, int>();
            for (var i = 0; i < n; i++)
            {
                if ((mask >> i & 1) == 1 && answers[i] is { } a) counts[a] = counts.GetValueOrDefault(a) + 1;
            }

            if (counts.Count == 0) continue;
            var max = counts.Values.Max();
            var tied = counts.Where(p => p.Value == max).ToList();
            sum += tied.Count(p => p.Key == gold) / (double)tied.Count;
        }

        return sum / total;
    }
}
