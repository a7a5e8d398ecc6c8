using InferScale.Analysis;

namespace InferScale.Tests.Analysis;

public sealed class ScalingLawsTests
{
    [Theory]
    [InlineData(-1.33, -0.43)]
    [InlineData(-7.59, -0.18)]
    [InlineData(-0.75, -0.46)]
    public void FitCoverage_ExactLawData_RecoversAAndB(double a, double b)
    {
        var ks = PoolAnalyzer.CurveKs(1024);
        var coverage = ks.Select(k => Math.Exp(a * Math.Pow(k, b))).ToList();

        var fit = ScalingLaws.FitCoverage(ks, coverage)!;

        Assert.Equal(a, fit.A, 9);
        Assert.Equal(b, fit.B, 9);
        Assert.Equal(1.0, fit.RSquared, 9);
    }

    [Fact]
    public void FitCoverage_NoPointStrictlyBetweenZeroAndOne_ReturnsNull()
    {
        Assert.Null(ScalingLaws.FitCoverage([1, 2, 4], [1.0, 1.0, 1.0]));
    }

    [Fact]
    public void FitSaturating_ExactLawData_RecoversParameters()
    {
        var ks = PoolAnalyzer.CurveKs(256);
        var accuracy = ks.Select(k => 0.8 - 0.3 * Math.Pow(k, -0.7)).ToList();

        var fit = ScalingLaws.FitSaturating(ks, accuracy)!;

        Assert.Equal(0.8, fit.Asymptote, 6);
        Assert.Equal(0.3, fit.Scale, 6);
        Assert.Equal(0.7, fit.Exponent, 5);
        Assert.Equal(0.8 - 0.3 * Math.Pow(2560, -0.7), fit.Predict(2560), 6);
    }

    [Fact]
    public void FitSaturating_LimitAboveOne_IsHeldAtOne()
    {
        int[] ks = [1, 2, 4, 8, 16];
        var accuracy = ks.Select(k => 0.1 + 0.1 * Math.Log(k)).ToList();

        var fit = ScalingLaws.FitSaturating(ks, accuracy)!;

        Assert.InRange(fit.Asymptote, 0.0, 1.0);
    }
}
