using InferScale.Verification;

namespace InferScale.Tests.Verification;

public sealed class MathAnswerOptionsTests
{
    [Fact]
    public void Constructor_NegativeTolerance_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MathAnswerChecker(new MathAnswerOptions { RelativeTolerance = -1 }));
        Assert.Contains("RelativeTolerance", ex.Message);
    }

    [Fact]
    public void Constructor_ZeroTimeLimit_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MathAnswerChecker(new MathAnswerOptions { TimeLimit = TimeSpan.Zero }));
        Assert.Contains("TimeLimit", ex.Message);
    }

    [Fact]
    public void Constructor_ZeroSamplePoints_ThrowsNamingOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MathAnswerChecker(new MathAnswerOptions { SamplePoints = 0 }));
        Assert.Contains("SamplePoints", ex.Message);
    }

    [Fact]
    public void AreEquivalent_RoundedDecimalsDisabled_RejectsTwoPlaceRounding()
    {
        var strict = new MathAnswerChecker(new MathAnswerOptions { AcceptRoundedDecimals = false });
        Assert.False(strict.AreEquivalent("\\frac{1}{3}", "0.33"));
        Assert.True(MathAnswerChecker.Default.AreEquivalent("\\frac{1}{3}", "0.33"));
    }
}
