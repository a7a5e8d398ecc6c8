using InferScale.Engine.Training;
using InferScale.Tests.Engine.Kernels;

namespace InferScale.Tests.Engine.Training;

/// <summary>
/// The trainer's one matrix kernel against a scalar chain of fused multiply-adds over k in increasing order: equal to
/// the bit, whatever the shape's tails (512-, 256-bit and scalar column loops, 4-row and 1-row blocks), band or thread split.
/// </summary>
public sealed class TrainingMatMulTests
{
    [Theory]
    [InlineData(1, 7, 5)]
    [InlineData(4, 32, 32)]
    [InlineData(5, 130, 47)]
    [InlineData(9, 37, 70)]
    [InlineData(13, 192, 576)]
    [InlineData(7, 64, 121)]
    public void AddProduct_AnyShape_BitIdenticalToScalarFmaChain(int rows, int k, int n)
    {
        var a = KernelData.Random(rows * k, 1);
        var b = KernelData.Random(k * n, 2);
        var c = KernelData.Random(rows * n, 3);
        var expected = (float[])c.Clone();
        Reference(a, b, expected, k, n, 0, rows, MatMul.Band.None, causalColumns: false);
        MatMul.AddProduct(a, b, c, rows, k, n, threads: 2);
        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    public void AddProduct_BandedSquare_BitIdenticalToScalarFmaChain(int bandIndex, bool causalColumns)
    {
        var band = (MatMul.Band)bandIndex;
        // Square T×T products as attention uses them (k = T for the banded forms, n = T for causal columns).
        const int T = 75, hd = 35;
        var (k, n) = causalColumns ? (hd, T) : (T, hd);
        var a = KernelData.Random(T * k, 4);
        var b = KernelData.Random(k * n, 5);
        var c = new float[T * n];
        var expected = new float[T * n];
        Reference(a, b, expected, k, n, 0, 9, band, causalColumns);
        Reference(a, b, expected, k, n, 9, T, band, causalColumns);
        MatMul.AddProduct(a, b, c, k, n, 0, 9, band, causalColumns);
        MatMul.AddProduct(a, b, c, k, n, 9, T, band, causalColumns);
        Assert.Equal(expected, c);
    }

    [Theory]
    [InlineData(70, 45, 17)]
    [InlineData(33, 100, 64)]
    public void Transpose_InColumnRanges_EqualsTheWholeTranspose(int rows, int cols, int split)
    {
        var src = KernelData.Random(rows * cols, 6);
        var whole = new float[cols * rows];
        MatMul.Transpose(src, whole, rows, cols);
        var parts = new float[cols * rows];
        MatMul.Transpose(src, parts, rows, cols, 0, split);
        MatMul.Transpose(src, parts, rows, cols, split, cols);

        Assert.Equal(whole, parts);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
                Assert.Equal(src[i * cols + j], whole[j * rows + i]);
        }
    }

    /// <summary>The kernel's contract, one element at a time, with the same skipped terms per 4-row (or 1-row) block.</summary>
    private static void Reference(float[] a, float[] b, float[] c, int k, int n, int r0, int r1, MatMul.Band band, bool causalColumns)
    {
        for (var r = r0; r < r1; r += r + 4 <= r1 ? 4 : 1)
        {
            var height = r + 4 <= r1 ? 4 : 1;
            var kLo = band == MatMul.Band.Upper ? r : 0;
            var kHi = band == MatMul.Band.Lower ? Math.Min(k, r + height) : k;
            var nHi = causalColumns ? Math.Min(n, r + height) : n;
            for (var i = r; i < r + height; i++)
            {
                for (var j = 0; j < nHi; j++)
                {
                    var acc = c[i * n + j];
                    for (var kk = kLo; kk < kHi; kk++)
                        acc = MathF.FusedMultiplyAdd(a[i * k + kk], b[kk * n + j], acc);
                    c[i * n + j] = acc;
                }
            }
        }
    }
}
