using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class MatMulTests
{
    [Theory]
    [InlineData(1, 64, 32)]
    [InlineData(5, 48, 13)]
    [InlineData(9, 37, 70)]
    [InlineData(33, 128, 96)]
    public void Compute_RandomShapes_AgreesWithScalarReference(int batch, int inDim, int outDim)
    {
        var x = KernelData.Random(batch * inDim, 1);
        var w = KernelData.Random(outDim * inDim, 2);
        var expected = new float[batch * outDim];
        var actual = new float[batch * outDim];
        MatMul.Reference(x, w, batch, inDim, outDim, expected);
        MatMul.Compute(x, w, batch, inDim, outDim, actual);
        Assert.True(KernelData.MaxAbsDiff(expected, actual) < 1e-4f);
    }

    [Fact]
    public void Compute_RowAloneOrInAnyBatchOrThreads_IsBitIdentical()
    {
        const int inDim = 200, outDim = 300, batch = 67;
        var x = KernelData.Random(batch * inDim, 3);
        var w = KernelData.Random(outDim * inDim, 4);
        using var pool = new WorkerPool(2);
        var full = new float[batch * outDim];
        MatMul.Compute(x, w, batch, inDim, outDim, full, pool);
        var single = new float[outDim];
        for (var b = 0; b < batch; b += 11)
        {
            MatMul.Compute(x.AsSpan(b * inDim, inDim), w, 1, inDim, outDim, single);
            Assert.True(single.AsSpan().SequenceEqual(full.AsSpan(b * outDim, outDim)), $"row {b} differs alone");
        }
        var three = new float[3 * outDim];
        MatMul.Compute(x.AsSpan(10 * inDim, 3 * inDim), w, 3, inDim, outDim, three, pool);
        Assert.True(three.AsSpan().SequenceEqual(full.AsSpan(10 * outDim, 3 * outDim)));
    }

    [Theory]
    [InlineData(1, 512, 37)]   // 1×8, 1×4 and single-row tiles
    [InlineData(3, 40, 12)]    // tails of 8 elements
    [InlineData(8, 128, 16)]   // 4×4 tiles only
    [InlineData(13, 1280, 9)]  // 4×4, leftover weight rows and leftover batch rows
    [InlineData(70, 33, 21)]   // a scalar tail in every tile
    public unsafe void Compute_EveryElement_IsBitIdenticalToTheEngineDot(int batch, int inDim, int outDim)
    {
        var x = KernelData.Random(batch * inDim, 7, 3f);
        var w = KernelData.Random(outDim * inDim, 8, 0.5f);
        var y = new float[batch * outDim];
        MatMul.Compute(x, w, batch, inDim, outDim, y);
        fixed (float* px = x, pw = w)
        {
            for (var b = 0; b < batch; b++)
            {
                for (var o = 0; o < outDim; o++)
                {
                    var expected = VectorMath.Dot(px + b * inDim, pw + o * inDim, inDim);
                    Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(y[b * outDim + o]), $"y[{b}, {o}] = {y[b * outDim + o]:R}, Dot = {expected:R}");
                }
            }
        }
    }

    [Fact]
    public void ComputeSplitK_IsAnotherRoundingOfTheSameProduct()
    {
        var x = KernelData.Random(4 * 256, 5);
        var w = KernelData.Random(16 * 256, 6);
        var a = new float[64];
        var b = new float[64];
        MatMul.Compute(x, w, 4, 256, 16, a);
        MatMul.ComputeSplitK(x, w, 4, 256, 16, b);
        Assert.True(KernelData.MaxAbsDiff(a, b) < 1e-4f);
    }

    [Fact]
    public void Compute_ShortOutput_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatMul.Compute(new float[8], new float[8], 2, 4, 2, new float[3]));
        Assert.Contains("y has 3", ex.Message);
    }
}
