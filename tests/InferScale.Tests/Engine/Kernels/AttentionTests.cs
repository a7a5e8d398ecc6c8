using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class AttentionTests
{
    [Theory]
    [InlineData(1, 4, 2, 64)]
    [InlineData(16, 4, 2, 32)]
    [InlineData(80, 8, 2, 64)]
    [InlineData(37, 4, 4, 12)]
    [InlineData(50, 2, 1, 40)]
    [InlineData(33, 2, 2, 128)]
    [InlineData(17, 4, 2, 80)]
    public unsafe void Compute_GroupedScoresAndRegisterSums_AreBitIdenticalToThePlainLoops(int length, int heads, int kvHeads, int headDim)
    {
        const int blockSize = 16, lead = 3;
        var kvDim = kvHeads * headDim;
        var q = KernelData.Random(heads * headDim, 11, 2f);
        var blocks = Enumerable.Range(0, (length + blockSize - 1) / blockSize).Select(b => KernelData.Random(lead + 2 * blockSize * kvDim, 20 + b)).ToArray();
        var actual = new float[heads * headDim];
        Attention.Compute(q, heads, kvHeads, headDim, blocks, blockSize, lead, lead + blockSize * kvDim, length, new float[length], actual);

        // The plain loops: one engine Dot per position, softmax, then Σ_t p_t·v_t by FMA in position order.
        var expected = new float[heads * headDim];
        var scores = new float[length];
        fixed (float* pq = q)
        {
            for (var h = 0; h < heads; h++)
            {
                var g = h / (heads / kvHeads);
                for (var t = 0; t < length; t++)
                {
                    fixed (float* pb = blocks[t / blockSize])
                        scores[t] = VectorMath.Dot(pq + h * headDim, pb + lead + (t % blockSize) * kvDim + g * headDim, headDim) * (1f / MathF.Sqrt(headDim));
                }
                Softmax.Compute(scores, scores);
                for (var d = 0; d < headDim; d++)
                {
                    var o = 0f;
                    for (var t = 0; t < length; t++)
                        o = MathF.FusedMultiplyAdd(scores[t], blocks[t / blockSize][lead + blockSize * kvDim + (t % blockSize) * kvDim + g * headDim + d], o);
                    expected[h * headDim + d] = o;
                }
            }
        }
        for (var i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"output[{i}] = {actual[i]:R}, plain loops {expected[i]:R}");
    }

    [Theory]
    [InlineData(1, 4, 2, 12)]
    [InlineData(37, 4, 2, 12)]
    [InlineData(50, 8, 8, 32)]
    public void Compute_PagedBlocks_AgreesWithScalarReference(int length, int heads, int kvHeads, int headDim)
    {
        const int blockSize = 16;
        var kvDim = kvHeads * headDim;
        var q = KernelData.Random(heads * headDim, 1, 2f);
        var keys = KernelData.Random(length * kvDim, 2, 2f);
        var values = KernelData.Random(length * kvDim, 3);
        // Blocks hold [key rows | value rows] for one layer, with an unused lead-in to check the offsets.
        const int lead = 5;
        var blocks = new float[(length + blockSize - 1) / blockSize][];
        for (var b = 0; b < blocks.Length; b++)
        {
            blocks[b] = new float[lead + 2 * blockSize * kvDim];
            for (var t = b * blockSize; t < Math.Min(length, (b + 1) * blockSize); t++)
            {
                keys.AsSpan(t * kvDim, kvDim).CopyTo(blocks[b].AsSpan(lead + (t % blockSize) * kvDim));
                values.AsSpan(t * kvDim, kvDim).CopyTo(blocks[b].AsSpan(lead + blockSize * kvDim + (t % blockSize) * kvDim));
            }
        }
        var expected = new float[heads * headDim];
        var actual = new float[heads * headDim];
        Attention.Reference(q, heads, kvHeads, headDim, keys, values, length, expected);
        Attention.Compute(q, heads, kvHeads, headDim, blocks, blockSize, lead, lead + blockSize * kvDim, length, new float[length], actual);
        Assert.True(KernelData.MaxAbsDiff(expected, actual) < 1e-5f);
    }
}
