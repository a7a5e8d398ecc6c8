using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class RmsNormTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(45)]
    [InlineData(512)]
    public void Compute_Random_AgreesWithScalarReference(int n)
    {
        var x = KernelData.Random(n, 1, 3f);
        var w = KernelData.Random(n, 2);
        var expected = new float[n];
        var actual = new float[n];
        RmsNorm.Reference(x, w, 1e-5f, expected);
        RmsNorm.Compute(x, w, 1e-5f, actual);
        Assert.True(KernelData.MaxAbsDiff(expected, actual) < 1e-5f);
    }
}
