using InferScale.Analysis;

namespace InferScale.Tests.Analysis;

public sealed class BudgetForcingMetricsTests
{
    [Fact]
    public void Compute_ThreeBudgets_HandComputedControlScalingPerformance()
    {
        // Slopes: (0.4 − 0.2)/(20 − 10) = 0.02, (0.5 − 0.2)/(40 − 10) = 0.01, (0.5 − 0.4)/(40 − 20) = 0.005; mean 0.035/3.
        var result = BudgetForcingMetrics.Compute([new(40, 0.5, 0.5), new(10, 0.2, 1), new(20, 0.4, 1)]);

        Assert.Equal(2.5 / 3, result.Control, 12);
        Assert.Equal(0.035 / 3, result.Scaling!.Value, 12);
        Assert.Equal(0.5, result.Performance, 12);
        Assert.Equal(3, result.Pairs);
        Assert.Equal(0, result.TiedPairs);
    }

    [Fact]
    public void Compute_AccuracyFallsWithThinking_NegativeScaling()
    {
        var result = BudgetForcingMetrics.Compute([new(8, 0.6, 1), new(24, 0.2, 1)]);

        Assert.Equal(-0.4 / 16, result.Scaling!.Value, 12);
        Assert.Equal(0.6, result.Performance, 12);
        Assert.Equal(1, result.Control, 12);
    }

    [Fact]
    public void Compute_EqualThinking_PairLeftOutOfScaling()
    {
        // Budgets the model never reaches use the same thinking: their pair has no slope. Left: (0.3 − 0.1)/(30 − 10) twice.
        var result = BudgetForcingMetrics.Compute([new(10, 0.1, 1), new(30, 0.3, 1), new(30, 0.35, 1)]);

        Assert.Equal(2, result.Pairs);
        Assert.Equal(1, result.TiedPairs);
        Assert.Equal((0.2 / 20 + 0.25 / 20) / 2, result.Scaling!.Value, 12);
        Assert.Equal(0.35, result.Performance, 12);
    }

    [Fact]
    public void Compute_OneBudget_NoScaling()
    {
        var result = BudgetForcingMetrics.Compute([new(12, 0.25, 0.75)]);

        Assert.Null(result.Scaling);
        Assert.Equal(0, result.Pairs);
        Assert.Equal(0.75, result.Control, 12);
        Assert.Equal(0.25, result.Performance, 12);
    }

    [Theory]
    [InlineData(double.NaN, 0.5, 1, "ThinkingTokens")]
    [InlineData(-1, 0.5, 1, "ThinkingTokens")]
    [InlineData(10, 1.5, 1, "Accuracy")]
    [InlineData(10, 0.5, -0.1, "WithinBounds")]
    public void Compute_InvalidPoint_ThrowsNamingTheField(double tokens, double accuracy, double within, string field)
    {
        var e = Assert.Throws<ArgumentException>(() => BudgetForcingMetrics.Compute([new(5, 0.1, 1), new(tokens, accuracy, within)]));
        Assert.Contains($"points[1].{field}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NoPoints_Throws() =>
        Assert.Throws<ArgumentException>(() => BudgetForcingMetrics.Compute([]));
}
