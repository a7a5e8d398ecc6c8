using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class RopeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(200)]
    public void Apply_TableRow_AgreesWithDirectAngles(int position)
    {
        const int heads = 3, headDim = 12;
        var x = KernelData.Random(heads * headDim, position + 1);
        var expected = x.ToArray();
        Rope.Reference(expected, heads, headDim, position, 10000f);
        var cos = new float[256 * headDim / 2];
        var sin = new float[256 * headDim / 2];
        Rope.BuildTable(256, headDim, 10000f, cos, sin);
        Rope.Apply(x, heads, headDim, cos.AsSpan(position * headDim / 2), sin.AsSpan(position * headDim / 2));
        Assert.True(KernelData.MaxAbsDiff(expected, x) < 2e-4f);
    }

    [Fact]
    public void Apply_PositionZero_IsIdentity()
    {
        var x = KernelData.Random(16, 3);
        var y = x.ToArray();
        var cos = new float[8];
        var sin = new float[8];
        Rope.BuildTable(1, 16, 10000f, cos, sin);
        Rope.Apply(y, 1, 16, cos, sin);
        Assert.Equal(x, y);
    }
}
