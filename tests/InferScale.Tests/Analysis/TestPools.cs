using InferScale.Analysis;
using InferScale.Generation;

namespace InferScale.Tests.Analysis;

/// <summary>Builds small pools by hand and synthetic pools by seed.</summary>
internal static class TestPools
{
    public static PoolProblem Problem(string id, string? gold, params (string? Answer, bool? Correct, double? Score)[] samples) =>
        new(id, samples.Select((s, i) => new Sample($"answer {s.Answer}") { Index = i, Answer = s.Answer, IsCorrect = s.Correct, Score = s.Score }).ToList()) { Gold = gold };

    public static SamplePool Pool(params PoolProblem[] problems) => new(problems) { Name = "test" };

    /// <summary>A pool of <paramref name="problems"/> × <paramref name="n"/> samples: answers "0".."9" skewed towards the gold "0", scores correlated with correctness, levels 1–5.</summary>
    public static SamplePool Synthetic(int problems, int n, int seed)
    {
        var rng = new Random(seed);
        var list = new List<PoolProblem>(problems);
        for (var p = 0; p < problems; p++)
        {
            var skill = rng.NextDouble();
            var samples = new List<Sample>(n);
            for (var i = 0; i < n; i++)
            {
                var correct = rng.NextDouble() < skill * 0.6;
                var answer = correct ? "0" : rng.NextDouble() < 0.05 ? null : (1 + rng.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                samples.Add(new Sample(string.Empty) { Index = i, Answer = answer, IsCorrect = correct, Score = rng.NextDouble() + (correct ? 0.3 : 0.0) });
            }

            list.Add(new PoolProblem($"p{p}", samples) { Gold = "0", Level = (1 + p % 5).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new SamplePool(list) { Name = "synthetic" };
    }
}
