using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace InferScale.Engine.Training;

/// <summary>
/// The one matrix kernel of the trainer: <c>C[r, :] += Σ_k A[r, k] · B[k, :]</c> for a range of rows of <c>A</c>/<c>C</c>
/// (all row-major). Cache-blocked over k and n, register-blocked over 4 rows × 2 vectors (512-bit where the CPU has them, then <see cref="Vector{T}"/>, then scalar); every element of <c>C</c> is
/// accumulated with fused multiply-adds over <c>k</c> in increasing order whatever the blocking, row range or thread,
/// so results do not depend on how rows are split across threads. The three training products are all this shape:
/// forward <c>Y = X·Wᵀ</c> (with <c>Wᵀ</c> precomputed), input gradient <c>dX = dY·W</c>, weight gradient <c>dW = dYᵀ·X</c>;
/// attention uses the banded forms (<see cref="Band"/>) to skip the causal mask's zeros.
/// </summary>
internal static class MatMul
{
    private const int KBlock = 128;
    private const int NBlock = 64;

    /// <summary>Which terms of the sum over k a row block <c>[r, r+4)</c> may skip because <c>A</c> is zero there.</summary>
    public enum Band
    {
        /// <summary>Every k.</summary>
        None,

        /// <summary><c>A</c> is lower-triangular: only k &lt; r + 4.</summary>
        Lower,

        /// <summary><c>A</c> is upper-triangular: only k ≥ r.</summary>
        Upper,
    }

    /// <summary>
    /// <c>C[r, :] += A[r, :]·B</c> for rows <c>[r0, r1)</c>; <c>A</c> is [rows, k], <c>B</c> is [k, n], <c>C</c> is [rows, n].
    /// <paramref name="kBand"/> skips zero terms of a triangular <c>A</c>; <paramref name="causalColumns"/> computes only
    /// columns &lt; r + 4 of a row block (the rest of those rows is left as it was).
    /// </summary>
    public static void AddProduct(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int k, int n, int r0, int r1, Band kBand = Band.None, bool causalColumns = false)
    {
        for (var kb = 0; kb < k; kb += KBlock)
        {
            var kbEnd = Math.Min(k, kb + KBlock);
            for (var nb = 0; nb < n; nb += NBlock)
            {
                var nbEnd = Math.Min(n, nb + NBlock);
                var r = r0;
                for (; r < r1; r += r + 4 <= r1 ? 4 : 1)
                {
                    var height = r + 4 <= r1 ? 4 : 1;
                    var kLo = kBand == Band.Upper ? Math.Max(kb, r) : kb;
                    var kHi = kBand == Band.Lower ? Math.Min(kbEnd, r + height) : kbEnd;
                    var nHi = causalColumns ? Math.Min(nbEnd, r + height) : nbEnd;
                    if (kLo >= kHi || nb >= nHi)
                        continue;
                    if (height == 4)
                        Rows4(a, b, c, k, n, r, kLo, kHi, nb, nHi);
                    else
                        Row1(a, b, c, k, n, r, kLo, kHi, nb, nHi);
                }
            }
        }
    }

    /// <summary>The span overload over all <paramref name="rows"/>, split across <paramref name="threads"/>; offsets locate each matrix in its array.</summary>
    public static void AddProduct(float[] a, float[] b, float[] c, int rows, int k, int n, int threads, int aOffset = 0, int bOffset = 0, int cOffset = 0)
    {
        var aLen = rows * k;
        var cLen = rows * n;
        var bLen = k * n;
        RowRanges.For(rows, threads, (r0, r1) =>
            AddProduct(a.AsSpan(aOffset, aLen), b.AsSpan(bOffset, bLen), c.AsSpan(cOffset, cLen), k, n, r0, r1));
    }

    /// <summary>Writes <c>dst[j, i] = src[i, j]</c> for <c>src</c> [rows, cols].</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols) => Transpose(src, dst, rows, cols, 0, cols);

    /// <summary>
    /// The same for columns <c>[c0, c1)</c> of <c>src</c> only (rows <c>[c0, c1)</c> of <c>dst</c>), so threads can split one
    /// transpose; in 32 × 32 blocks, so the strided reads stay in cache while the writes run along <c>dst</c>'s rows.
    /// </summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols, int c0, int c1)
    {
        const int Block = 32;
        for (var i0 = 0; i0 < rows; i0 += Block)
        {
            var i1 = Math.Min(rows, i0 + Block);
            for (var j0 = c0; j0 < c1; j0 += Block)
            {
                var j1 = Math.Min(c1, j0 + Block);
                for (var j = j0; j < j1; j++)
                {
                    var to = dst.Slice(j * rows, rows);
                    for (var i = i0; i < i1; i++)
                        to[i] = src[i * cols + j];
                }
            }
        }
    }

    private static void Rows4(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int k, int n, int r, int kLo, int kHi, int nLo, int nHi)
    {
        ref var a0 = ref Unsafe.AsRef(in a[r * k]);
        ref var a1 = ref Unsafe.Add(ref a0, k);
        ref var a2 = ref Unsafe.Add(ref a1, k);
        ref var a3 = ref Unsafe.Add(ref a2, k);
        ref var bRef = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref c[r * n];
        ref var c1 = ref Unsafe.Add(ref c0, n);
        ref var c2 = ref Unsafe.Add(ref c1, n);
        ref var c3 = ref Unsafe.Add(ref c2, n);
        var j = nLo;
        if (Vector512.IsHardwareAccelerated)
            j = Rows4Lanes<Lanes512, Vector512<float>>(ref a0, ref a1, ref a2, ref a3, ref bRef, ref c0, ref c1, ref c2, ref c3, n, kLo, kHi, j, nHi);
        j = Rows4Lanes<LanesNative, Vector<float>>(ref a0, ref a1, ref a2, ref a3, ref bRef, ref c0, ref c1, ref c2, ref c3, n, kLo, kHi, j, nHi);
        for (; j < nHi; j++)
        {
            float x0 = Unsafe.Add(ref c0, j), x1 = Unsafe.Add(ref c1, j), x2 = Unsafe.Add(ref c2, j), x3 = Unsafe.Add(ref c3, j);
            for (var kk = kLo; kk < kHi; kk++)
            {
                var bv = Unsafe.Add(ref bRef, kk * n + j);
                x0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a0, kk), bv, x0);
                x1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a1, kk), bv, x1);
                x2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a2, kk), bv, x2);
                x3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a3, kk), bv, x3);
            }
            Unsafe.Add(ref c0, j) = x0;
            Unsafe.Add(ref c1, j) = x1;
            Unsafe.Add(ref c2, j) = x2;
            Unsafe.Add(ref c3, j) = x3;
        }
    }

    /// <summary>
    /// Columns <c>[j, nHi)</c> of a 4-row block in <typeparamref name="TL"/>'s width: 4 rows × 2 vectors per pass, then
    /// 4 × 1; returns the first column left for a narrower width. Each lane is the same ordered chain of fused
    /// multiply-adds as the scalar tail, so the width changes no bit of the result.
    /// </summary>
    private static int Rows4Lanes<TL, TV>(
        ref float a0, ref float a1, ref float a2, ref float a3, ref float bRef, ref float c0, ref float c1, ref float c2, ref float c3, int n, int kLo, int kHi, int j, int nHi)
        where TL : struct, IFmaLanes<TV>
        where TV : struct
    {
        var w = TL.Count;
        for (; j + 2 * w <= nHi; j += 2 * w)
        {
            var x0 = TL.Load(ref c0, (nuint)j);
            var y0 = TL.Load(ref c0, (nuint)(j + w));
            var x1 = TL.Load(ref c1, (nuint)j);
            var y1 = TL.Load(ref c1, (nuint)(j + w));
            var x2 = TL.Load(ref c2, (nuint)j);
            var y2 = TL.Load(ref c2, (nuint)(j + w));
            var x3 = TL.Load(ref c3, (nuint)j);
            var y3 = TL.Load(ref c3, (nuint)(j + w));
            for (var kk = kLo; kk < kHi; kk++)
            {
                var off = (nuint)(kk * n + j);
                var bx = TL.Load(ref bRef, off);
                var by = TL.Load(ref bRef, off + (nuint)w);
                var s0 = TL.Broadcast(Unsafe.Add(ref a0, kk));
                var s1 = TL.Broadcast(Unsafe.Add(ref a1, kk));
                var s2 = TL.Broadcast(Unsafe.Add(ref a2, kk));
                var s3 = TL.Broadcast(Unsafe.Add(ref a3, kk));
                x0 = TL.Fma(s0, bx, x0);
                y0 = TL.Fma(s0, by, y0);
                x1 = TL.Fma(s1, bx, x1);
                y1 = TL.Fma(s1, by, y1);
                x2 = TL.Fma(s2, bx, x2);
                y2 = TL.Fma(s2, by, y2);
                x3 = TL.Fma(s3, bx, x3);
                y3 = TL.Fma(s3, by, y3);
            }
            TL.Store(x0, ref c0, (nuint)j);
            TL.Store(y0, ref c0, (nuint)(j + w));
            TL.Store(x1, ref c1, (nuint)j);
            TL.Store(y1, ref c1, (nuint)(j + w));
            TL.Store(x2, ref c2, (nuint)j);
            TL.Store(y2, ref c2, (nuint)(j + w));
            TL.Store(x3, ref c3, (nuint)j);
            TL.Store(y3, ref c3, (nuint)(j + w));
        }
        for (; j + w <= nHi; j += w)
        {
            var x0 = TL.Load(ref c0, (nuint)j);
            var x1 = TL.Load(ref c1, (nuint)j);
            var x2 = TL.Load(ref c2, (nuint)j);
            var x3 = TL.Load(ref c3, (nuint)j);
            for (var kk = kLo; kk < kHi; kk++)
            {
                var bx = TL.Load(ref bRef, (nuint)(kk * n + j));
                x0 = TL.Fma(TL.Broadcast(Unsafe.Add(ref a0, kk)), bx, x0);
                x1 = TL.Fma(TL.Broadcast(Unsafe.Add(ref a1, kk)), bx, x1);
                x2 = TL.Fma(TL.Broadcast(Unsafe.Add(ref a2, kk)), bx, x2);
                x3 = TL.Fma(TL.Broadcast(Unsafe.Add(ref a3, kk)), bx, x3);
            }
            TL.Store(x0, ref c0, (nuint)j);
            TL.Store(x1, ref c1, (nuint)j);
            TL.Store(x2, ref c2, (nuint)j);
            TL.Store(x3, ref c3, (nuint)j);
        }
        return j;
    }

    private static void Row1(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int k, int n, int r, int kLo, int kHi, int nLo, int nHi)
    {
        ref var a0 = ref Unsafe.AsRef(in a[r * k]);
        ref var bRef = ref MemoryMarshal.GetReference(b);
        ref var c0 = ref c[r * n];
        var j = nLo;
        if (Vector512.IsHardwareAccelerated)
            j = Row1Lanes<Lanes512, Vector512<float>>(ref a0, ref bRef, ref c0, n, kLo, kHi, j, nHi);
        j = Row1Lanes<LanesNative, Vector<float>>(ref a0, ref bRef, ref c0, n, kLo, kHi, j, nHi);
        for (; j < nHi; j++)
        {
            var x0 = Unsafe.Add(ref c0, j);
            for (var kk = kLo; kk < kHi; kk++)
                x0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref a0, kk), Unsafe.Add(ref bRef, kk * n + j), x0);
            Unsafe.Add(ref c0, j) = x0;
        }
    }

    /// <summary>Columns <c>[j, nHi)</c> of one row in <typeparamref name="TL"/>'s width; returns the first column left.</summary>
    private static int Row1Lanes<TL, TV>(ref float a0, ref float bRef, ref float c0, int n, int kLo, int kHi, int j, int nHi)
        where TL : struct, IFmaLanes<TV>
        where TV : struct
    {
        var w = TL.Count;
        for (; j + w <= nHi; j += w)
        {
            var x0 = TL.Load(ref c0, (nuint)j);
            for (var kk = kLo; kk < kHi; kk++)
                x0 = TL.Fma(TL.Broadcast(Unsafe.Add(ref a0, kk)), TL.Load(ref bRef, (nuint)(kk * n + j)), x0);
            TL.Store(x0, ref c0, (nuint)j);
        }
        return j;
    }
}
