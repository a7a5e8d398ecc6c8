using InferScale.Analysis.ComputeOptimal;

namespace InferScale.Tests.Analysis.ComputeOptimal;

public sealed class CrossValidationFoldsTests
{
    private static readonly string[] Ids = [.. Enumerable.Range(0, 41).Select(i => $"arith-{i}")];

    [Fact]
    public void Assign_SameSeed_SameFoldsWhateverTheOrder()
    {
        var folds = CrossValidationFolds.Assign(Ids, 7);
        var reversed = CrossValidationFolds.Assign([.. Ids.Reverse()], 7);

        Assert.Equal(folds, CrossValidationFolds.Assign(Ids, 7));
        Assert.Equal(folds, reversed.Reverse());
    }

    [Fact]
    public void Assign_Balanced_AndSeedChangesTheSplit()
    {
        var folds = CrossValidationFolds.Assign(Ids, 7);

        Assert.Equal(21, folds.Count(f => f == 0));
        Assert.Equal(20, folds.Count(f => f == 1));
        Assert.NotEqual(folds, CrossValidationFolds.Assign(Ids, 8));
    }
}
