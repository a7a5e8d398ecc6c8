using InferScale.Strategies;

namespace InferScale.Tests.Strategies.StepSearch;

public sealed class StepWeightsTests
{
    [Fact]
    public void Softmax_Scores_SumToOneAndFollowTemperature()
    {
        var sharp = StepWeights.Softmax([1.0, 0.0], 0.1);
        var flat = StepWeights.Softmax([1.0, 0.0], 10);

        Assert.Equal(1.0, sharp.Sum(), 12);
        Assert.Equal(1 / (1 + Math.Exp(-10)), sharp[0], 12);
        Assert.True(flat[0] - flat[1] < 0.05);
    }

    [Fact]
    public void LogOdds_Scores_LogitClippedAtEpsilon()
    {
        var logits = StepWeights.LogOdds([0.5, 0.8, 0.0, 1.0, double.NaN]);

        Assert.Equal(0.0, logits[0], 12);
        Assert.Equal(Math.Log(4), logits[1], 12);
        Assert.Equal(Math.Log(1e-7 / (1 - 1e-7)), logits[2], 9);
        Assert.Equal(-logits[2], logits[3], 9);
        Assert.Equal(logits[2], logits[4], 12);
        // A right and a wrong particle: the wrong one keeps a weight of about e^-32, not 1/e as a softmax of raw scores would give it.
        var weights = StepWeights.Softmax(StepWeights.LogOdds([1.0, 0.0]), 1);
        Assert.True(weights[1] < 1e-13);
    }

    [Fact]
    public void NormalizedEntropy_UniformAndPeaked_OneAndNearZero()
    {
        Assert.Equal(1.0, StepWeights.NormalizedEntropy([0.25, 0.25, 0.25, 0.25]), 12);
        Assert.True(StepWeights.NormalizedEntropy([0.997, 0.001, 0.001, 0.001]) < 0.05);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.37)]
    [InlineData(0.999)]
    public void Systematic_AnyOffset_CopiesSumToCountAndTrackWeights(double u)
    {
        var copies = StepWeights.Systematic([0.5, 0.25, 0.125, 0.125], 8, u);

        Assert.Equal(8, copies.Sum());
        Assert.Equal([4, 2, 1, 1], copies);
    }

    [Fact]
    public void Apportion_RebaseShares_RoundsKeepingTheTotal()
    {
        var counts = StepWeights.Apportion(StepWeights.Softmax([0.9, 0.8, 0.1], 0.2), 7);

        Assert.Equal(7, counts.Sum());
        Assert.True(counts[0] > counts[1] && counts[1] > counts[2]);
        Assert.Equal([4, 3, 0], counts);
    }
}
