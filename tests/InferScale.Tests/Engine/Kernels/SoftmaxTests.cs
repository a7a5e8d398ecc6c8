using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class SoftmaxTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(300)]
    public void Compute_Random_AgreesWithScalarReference(int n)
    {
        var x = KernelData.Random(n, n, 8f);
        var expected = new float[n];
        var actual = new float[n];
        Softmax.Reference(x, expected);
        Softmax.Compute(x, actual);
        Assert.True(KernelData.MaxAbsDiff(expected, actual) < 1e-6f);
    }

    [Fact]
    public void LogSumExp_Random_MatchesDefinition()
    {
        var x = KernelData.Random(100, 9, 20f);
        var expected = Math.Log(x.Sum(v => Math.Exp(v)));
        Assert.Equal(expected, Softmax.LogSumExp(x, new float[100]), 4);
    }
}
