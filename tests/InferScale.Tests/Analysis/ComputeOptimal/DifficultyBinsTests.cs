using InferScale.Analysis.ComputeOptimal;

namespace InferScale.Tests.Analysis.ComputeOptimal;

public sealed class DifficultyBinsTests
{
    [Fact]
    public void Assign_QuantilesEasiestFirst_TiesBrokenById()
    {
        string[] ids = ["e", "d", "c", "b", "a", "f"];
        double[] estimates = [0.5, 0.5, 0.5, 0.9, 0.1, 0.5];

        var bins = DifficultyBins.Assign(ids, estimates, 3);

        // Order: b (0.9), then the 0.5s by id c, d, e, f, then a (0.1) → bins {b, c}, {d, e}, {f, a}.
        Assert.Equal([1, 1, 0, 0, 2, 2], bins.BinOf);
        Assert.Equal([2, 2, 2], bins.Ranges.Select(r => r.Problems));
        Assert.Equal((0.5, 0.9), (bins.Ranges[0].Low, bins.Ranges[0].High));
        Assert.Equal(0.5, bins.Ranges[0].LowerBound);
        Assert.Equal(0.5, bins.Ranges[1].LowerBound);
        Assert.Null(bins.Ranges[2].LowerBound);
    }

    [Fact]
    public void Assign_FewerProblemsThanBins_OneBinEach()
    {
        var bins = DifficultyBins.Assign(["a", "b"], [0.2, 0.8], 5);

        Assert.Equal(2, bins.Count);
        Assert.Equal([1, 0], bins.BinOf);
        Assert.Equal(0.5, bins.Ranges[0].LowerBound);
    }
}
