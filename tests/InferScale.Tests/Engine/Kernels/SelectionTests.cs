using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class SelectionTests
{
    [Fact]
    public void ArgMaxAndTopK_RandomWithTies_AgreeWithScalarReference()
    {
        var x = KernelData.Random(1000, 4).Select(v => MathF.Round(v * 20) / 20).ToArray();
        Assert.Equal(Selection.ReferenceArgMax(x), Selection.ArgMax(x));
        var ids = new int[20];
        Assert.Equal(20, Selection.TopK(x, ids));
        Assert.Equal(Selection.ReferenceTopK(x, 20), ids);
    }
}
