using InferScale.Analysis;

namespace InferScale.Tests.Analysis;

public sealed class PassAtKTests
{
    [Fact]
    public void Estimate_SmallCases_MatchesBruteForceEnumeration()
    {
        for (var n = 1; n <= 9; n++)
        {
            for (var c = 0; c <= n; c++)
            {
                for (var k = 1; k <= n; k++)
                {
                    var brute = BruteForce(n, c, k);
                    Assert.True(Math.Abs(PassAtK.Estimate(n, c, k) - brute) < 1e-12, $"n={n} c={c} k={k}: {PassAtK.Estimate(n, c, k)} vs {brute}");
                }
            }
        }
    }

    [Fact]
    public void Estimate_LargeN_StaysInRangeWithoutOverflow()
    {
        var value = PassAtK.Estimate(10_000, 3, 5_000);

        Assert.InRange(value, 0.87, 0.88); // 1 − (1/2)^3 ≈ 0.875
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 4, 1)]
    [InlineData(3, 1, 4)]
    [InlineData(3, 1, 0)]
    public void Estimate_OutOfRange_Throws(int n, int c, int k)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Estimate(n, c, k));
    }

    private static double BruteForce(int n, int c, int k)
    {
        // Samples 0..c−1 are correct; count k-subsets holding at least one of them.
        int hits = 0, total = 0;
        for (var mask = 0; mask < 1 << n; mask++)
        {
            if (int.PopCount(mask) != k) continue;
            total++;
            if ((mask & ((1 << c) - 1)) != 0) hits++;
        }

        return (double)hits / total;
    }
}
