using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class SiluMulTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(72)]
    public void Compute_Random_AgreesWithScalarReference(int n)
    {
        var g = KernelData.Random(n, 1, 6f);
        var u = KernelData.Random(n, 2, 2f);
        var expected = new float[n];
        var actual = new float[n];
        SiluMul.Reference(g, u, expected);
        SiluMul.Compute(g, u, actual);
        Assert.True(KernelData.MaxAbsDiff(expected, actual) < 1e-5f);
    }
}
