using InferScale.Analysis;

namespace InferScale.Tests.Analysis;

public sealed class BestOfKTests
{
    [Fact]
    public void Expected_WithTiesAndMissingScores_MatchesBruteForceEnumeration()
    {
        double?[] scores = [0.9, 0.5, 0.9, null, 0.1, 0.5, null];
        double[] credit = [1, 0, 0, 1, 0, 1, 0];
        for (var k = 1; k <= scores.Length; k++)
        {
            var brute = BruteForce(scores, credit, k);
            Assert.True(Math.Abs(BestOfK.Expected(scores, credit, k) - brute) < 1e-12, $"k={k}");
        }
    }

    [Fact]
    public void Expected_AllSamples_IsTheCreditOfTheTopScore()
    {
        Assert.Equal(1.0, BestOfK.Expected([0.2, 0.7, 0.4], [0, 1, 0], 3));
        Assert.Equal(0.5, BestOfK.Expected([0.7, 0.7, 0.4], [0, 1, 1], 3));
    }

    private static double BruteForce(double?[] scores, double[] credit, int k)
    {
        var n = scores.Length;
        double sum = 0;
        var total = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (int.PopCount(mask) != k) continue;
            total++;
            var best = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                if ((mask >> i & 1) == 1) best = Math.Max(best, scores[i] ?? double.NegativeInfinity);
            }

            double tiedCredit = 0;
            var tied = 0;
            for (var i = 0; i < n; i++)
            {
                if ((mask >> i & 1) == 1 && (scores[i] ?? double.NegativeInfinity) == best)
                {
                    tied++;
                    tiedCredit += credit[i];
                }
            }

            sum += tiedCredit / tied;
        }

        return sum / total;
    }
}
