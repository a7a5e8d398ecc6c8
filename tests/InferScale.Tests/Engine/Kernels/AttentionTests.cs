using InferScale.Engine.Kernels;

namespace InferScale.Tests.Engine.Kernels;

public sealed class AttentionTests
{
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
