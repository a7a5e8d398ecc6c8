using InferScale.Engine.Reward;

namespace InferScale.Tests.Engine.Reward;

public sealed class RewardMetricsTests
{
    [Fact]
    public void Auc_PerfectReversedTiedAndMixed_AreTheMannWhitneyProbabilities()
    {
        Assert.Equal(1.0, RewardMetrics.Auc([(0.9, true), (0.8, true), (0.1, false)]));
        Assert.Equal(0.0, RewardMetrics.Auc([(0.1, true), (0.9, false)]));
        Assert.Equal(0.5, RewardMetrics.Auc([(0.5, true), (0.5, false)]));
        Assert.Equal(0.75, RewardMetrics.Auc([(0.9, true), (0.3, true), (0.5, false), (0.1, false)]));
        Assert.Equal(1.0, RewardMetrics.Auc([(0.2, true), (double.NaN, false)]));
        Assert.True(double.IsNaN(RewardMetrics.Auc([(0.2, true)])));
    }

    [Fact]
    public void BestOfN_Ties_GoToTheLowestIndex()
    {
        Assert.Equal(1, RewardMetrics.BestOfN([0.2, 0.7, 0.7, double.NaN]));
        Assert.Equal(-1, RewardMetrics.BestOfN([]));
    }

    [Fact]
    public void WeightedMajority_SumsScoresPerAnswer()
    {
        string?[] keys = ["3", "4", "4", null, "3"];

        Assert.Equal(1, RewardMetrics.WeightedMajority(keys, [0.1, 0.5, 0.4, 1.0, 0.2]));
        Assert.Equal(0, RewardMetrics.WeightedMajority(keys, [0.9, 0.1, 0.1, 1.0, 0.2]));
        Assert.Equal(0, RewardMetrics.WeightedMajority(keys, [1, 1, 1, 1, 1]));
        Assert.Equal(-1, RewardMetrics.WeightedMajority([null], [1]));
    }
}
