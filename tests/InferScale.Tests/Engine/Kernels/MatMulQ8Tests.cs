using InferScale.Engine;
using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class MatMulQ8Tests
{
    private static (float[] X, Q8Matrix W) Data(int batch, int inDim, int outDim, int seed)
    {
        var x = KernelData.Random(batch * inDim, seed, 3f);
        var w = Q8Matrix.Quantize(KernelData.Random(outDim * inDim, seed + 1, 0.5f), inDim);
        return (x, w);
    }

    [Theory]
    [InlineData(1, 512, 37)]    // fused 1×8 tiles over interleaved groups and single fused rows
    [InlineData(1, 32, 5)]      // one block per row
    [InlineData(2, 64, 13)]     // dequantised tiles, leftover batch and weight rows
    [InlineData(3, 96, 8)]
    [InlineData(8, 128, 16)]    // 4×4 tiles only
    [InlineData(37, 1280, 9)]   // two batch chunks (36 rows, then 1 row through the fused path)
    [InlineData(70, 64, 21)]
    public void Compute_AnyShapeAndThreads_IsBitIdenticalToFloat32KernelOnDequantizedWeights(int batch, int inDim, int outDim)
    {
        var (x, w) = Data(batch, inDim, outDim, batch + inDim);
        var expected = new float[batch * outDim];
        MatMul.Compute(x, w.Dequantize(), batch, inDim, outDim, expected);
        using var pool = new WorkerPool(3);
        foreach (var p in new[] { null, pool })
        {
            var actual = new float[batch * outDim];
            MatMulQ8.Compute(x, w.Quants, w.Scales, batch, inDim, outDim, actual, p);
            for (var i = 0; i < actual.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"y[{i / outDim}, {i % outDim}] = {actual[i]:R}, float32 kernel {expected[i]:R} (threads {p?.Threads ?? 1})");
        }
    }

    [Fact]
    public void Compute_RandomShape_AgreesWithScalarReference()
    {
        const int batch = 5, inDim = 160, outDim = 11;
        var (x, w) = Data(batch, inDim, outDim, 3);
        var expected = new float[batch * outDim];
        var actual = new float[batch * outDim];
        MatMulQ8.Reference(x, w.Quants, w.Scales, batch, inDim, outDim, expected);
        MatMulQ8.Compute(x, w, batch, actual);
        Assert.True(KernelData.MaxAbsDiff(expected, actual) < 1e-3f);
    }

    [Fact]
    public void Compute_RowAloneOrInAnyBatch_IsBitIdentical()
    {
        const int inDim = 256, outDim = 301, batch = 41;
        var (x, w) = Data(batch, inDim, outDim, 5);
        using var pool = new WorkerPool(2);
        var full = new float[batch * outDim];
        MatMulQ8.Compute(x, w.Quants, w.Scales, batch, inDim, outDim, full, pool);
        var single = new float[outDim];
        for (var b = 0; b < batch; b += 10)
        {
            MatMulQ8.Compute(x.AsSpan(b * inDim, inDim), w.Quants, w.Scales, 1, inDim, outDim, single);
            Assert.True(single.AsSpan().SequenceEqual(full.AsSpan(b * outDim, outDim)), $"row {b} differs alone");
        }
        var three = new float[3 * outDim];
        MatMulQ8.Compute(x.AsSpan(7 * inDim, 3 * inDim), w.Quants, w.Scales, 3, inDim, outDim, three, pool);
        Assert.True(three.AsSpan().SequenceEqual(full.AsSpan(7 * outDim, 3 * outDim)));
    }

    [Fact]
    public void Compute_InnerDimensionNotAMultipleOf32_ThrowsNamingTheShape()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MatMulQ8.Compute(new float[48], new sbyte[96], new float[2], 1, 48, 2, new float[2]));
        Assert.Contains("multiple of 32", e.Message);
    }
}
