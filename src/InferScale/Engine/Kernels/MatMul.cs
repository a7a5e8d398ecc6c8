using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InferScale.Engine.Kernels;

/// <summary>
/// Batched matrix product <c>Y[B, out] = X[B, in] · W[out, in]ᵀ</c>, the engine's hot path.
/// Batch-invariant: every <c>y[b, o]</c> is <see cref="VectorMath.Dot"/> of row b of X and row o of W (one FMA
/// accumulator over 16-lane chunks, fixed reduction, scalar tail) whatever the batch size, tile or thread, so a
/// row's result is bit-identical alone or in any batch. Tiles of 4 batch rows × 4 weight rows keep 16 independent
/// accumulators in registers, reduced together by <see cref="VectorMath.Reduce16"/> (bit-identical to reducing each
/// alone, in a third of the instructions); batch rows are processed in chunks that fit in L2 so each weight tile is reused across
/// the chunk from L1; threads split the output rows.
/// </summary>
public static class MatMul
{
    private const long ParallelThreshold = 1L << 16;

    /// <summary>Computes <c>y[b·outDim + o] = Σ_i x[b·inDim + i]·w[o·inDim + i]</c>.</summary>
    /// <param name="x">Input rows, <c>[batch, inDim]</c>.</param>
    /// <param name="w">Weights, row-major <c>[outDim, inDim]</c>.</param>
    /// <param name="batch">Rows of <paramref name="x"/>.</param>
    /// <param name="inDim">Inner dimension.</param>
    /// <param name="outDim">Output rows of <paramref name="w"/>.</param>
    /// <param name="y">Output, <c>[batch, outDim]</c>.</param>
    /// <param name="pool">Threads to use; <see langword="null"/> runs on the caller.</param>
    public static unsafe void Compute(ReadOnlySpan<float> x, ReadOnlySpan<float> w, int batch, int inDim, int outDim, Span<float> y, WorkerPool? pool = null)
    {
        Check(x, w, batch, inDim, outDim, y);
        fixed (float* px = x, pw = w, py = y)
        {
            if (pool is null || pool.Threads == 1 || (long)batch * inDim * outDim < ParallelThreshold)
            {
                Rows(px, pw, py, batch, inDim, outDim, 0, outDim);
                return;
            }
            var work = pool.MatMulWork;
            work.Set(px, pw, py, batch, inDim, outDim);
            pool.Run(work);
        }
    }

    internal static void Check(ReadOnlySpan<float> x, ReadOnlySpan<float> w, int batch, int inDim, int outDim, Span<float> y)
    {
        if (batch < 0 || inDim <= 0 || outDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(batch), $"MatMul shape [{batch}, {inDim}]·[{outDim}, {inDim}]ᵀ is invalid.");
        if (x.Length < (long)batch * inDim)
            throw new ArgumentException($"x has {x.Length} elements; [{batch}, {inDim}] needs {(long)batch * inDim}.", nameof(x));
        if (w.Length < (long)outDim * inDim)
            throw new ArgumentException($"w has {w.Length} elements; [{outDim}, {inDim}] needs {(long)outDim * inDim}.", nameof(w));
        if (y.Length < (long)batch * outDim)
            throw new ArgumentException($"y has {y.Length} elements; [{batch}, {outDim}] needs {(long)batch * outDim}.", nameof(y));
    }

    /// <summary>Batch rows per L2-resident chunk (about 192 KiB of X), a multiple of 4.</summary>
    internal static int BatchChunk(int inDim) => Math.Max(4, (49152 / inDim) & ~3);

    /// <summary>Computes output rows <c>[o0, o1)</c> for the whole batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Rows(float* x, float* w, float* y, int batch, int inDim, int outDim, int o0, int o1)
    {
        var chunk = BatchChunk(inDim);
        for (var b0 = 0; b0 < batch; b0 += chunk)
        {
            var bEnd = Math.Min(batch, b0 + chunk);
            var b4End = b0 + ((bEnd - b0) & ~3);
            var o = o0;
            if (b4End > b0)
            {
                for (; o + 4 <= o1; o += 4)
                {
                    var wo = w + (long)o * inDim;
                    for (var b = b0; b < b4End; b += 4)
                        Tile4x4(x + (long)b * inDim, wo, y + (long)b * outDim + o, inDim, outDim);
                }
                for (; o < o1; o++)
                {
                    for (var b = b0; b < b4End; b++)
                        y[(long)b * outDim + o] = VectorMath.Dot(x + (long)b * inDim, w + (long)o * inDim, inDim);
                }
            }
            // Leftover batch rows (all of them at batch 1–3): eight weight rows at a time keep eight loads in flight.
            for (var b = b4End; b < bEnd; b++)
            {
                var xb = x + (long)b * inDim;
                var yb = y + (long)b * outDim;
                o = o0;
                for (; o + 8 <= o1; o += 8)
                    Tile1x8(xb, w + (long)o * inDim, yb + o, inDim);
                for (; o + 4 <= o1; o += 4)
                    Tile1x4(xb, w + (long)o * inDim, yb + o, inDim);
                for (; o < o1; o++)
                    yb[o] = VectorMath.Dot(xb, w + (long)o * inDim, inDim);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Tile1x4(float* x, float* w, float* y, int n)
    {
        var n16 = n & ~15;
        float* w0 = w, w1 = w + n, w2 = w + 2 * n, w3 = w + 3 * n;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var k = 0; k < n16; k += 16)
        {
            var xv = Vector512.Load(x + k);
            a0 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w0 + k), a0);
            a1 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w1 + k), a1);
            a2 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w2 + k), a2);
            a3 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w3 + k), a3);
        }
        if (VectorMath.CanReduceTogether)
        {
            VectorMath.Reduce4(a0, a1, a2, a3).GetLower().GetLower().Store(y);
            if (n16 < n)
            {
                y[0] = VectorMath.Tail(y[0], x, w0, n16, n);
                y[1] = VectorMath.Tail(y[1], x, w1, n16, n);
                y[2] = VectorMath.Tail(y[2], x, w2, n16, n);
                y[3] = VectorMath.Tail(y[3], x, w3, n16, n);
            }
            return;
        }
        y[0] = VectorMath.Finish(a0, x, w0, n16, n);
        y[1] = VectorMath.Finish(a1, x, w1, n16, n);
        y[2] = VectorMath.Finish(a2, x, w2, n16, n);
        y[3] = VectorMath.Finish(a3, x, w3, n16, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile1x8(float* x, float* w, float* y, int n)
    {
        var n16 = n & ~15;
        float* w0 = w, w1 = w + n, w2 = w + 2 * n, w3 = w + 3 * n, w4 = w + 4 * n, w5 = w + 5 * n, w6 = w + 6 * n, w7 = w + 7 * n;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (var k = 0; k < n16; k += 16)
        {
            var xv = Vector512.Load(x + k);
            a0 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w0 + k), a0);
            a1 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w1 + k), a1);
            a2 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w2 + k), a2);
            a3 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w3 + k), a3);
            a4 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w4 + k), a4);
            a5 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w5 + k), a5);
            a6 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w6 + k), a6);
            a7 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w7 + k), a7);
        }
        if (VectorMath.CanReduceTogether)
        {
            VectorMath.Reduce8(a0, a1, a2, a3, a4, a5, a6, a7).GetLower().Store(y);
            if (n16 < n)
            {
                for (var j = 0; j < 8; j++)
                    y[j] = VectorMath.Tail(y[j], x, w + j * n, n16, n);
            }
            return;
        }
        y[0] = VectorMath.Finish(a0, x, w0, n16, n);
        y[1] = VectorMath.Finish(a1, x, w1, n16, n);
        y[2] = VectorMath.Finish(a2, x, w2, n16, n);
        y[3] = VectorMath.Finish(a3, x, w3, n16, n);
        y[4] = VectorMath.Finish(a4, x, w4, n16, n);
        y[5] = VectorMath.Finish(a5, x, w5, n16, n);
        y[6] = VectorMath.Finish(a6, x, w6, n16, n);
        y[7] = VectorMath.Finish(a7, x, w7, n16, n);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Tile4x4(float* x, float* w, float* y, int n, int ldy)
    {
        var n16 = n & ~15;
        float* x0 = x, x1 = x + n, x2 = x + 2 * n, x3 = x + 3 * n;
        float* w0 = w, w1 = w + n, w2 = w + 2 * n, w3 = w + 3 * n;
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        for (var k = 0; k < n16; k += 16)
        {
            var v0 = Vector512.Load(w0 + k);
            var v1 = Vector512.Load(w1 + k);
            var v2 = Vector512.Load(w2 + k);
            var v3 = Vector512.Load(w3 + k);
            var xv = Vector512.Load(x0 + k);
            a00 = Vector512.FusedMultiplyAdd(xv, v0, a00);
            a01 = Vector512.FusedMultiplyAdd(xv, v1, a01);
            a02 = Vector512.FusedMultiplyAdd(xv, v2, a02);
            a03 = Vector512.FusedMultiplyAdd(xv, v3, a03);
            xv = Vector512.Load(x1 + k);
            a10 = Vector512.FusedMultiplyAdd(xv, v0, a10);
            a11 = Vector512.FusedMultiplyAdd(xv, v1, a11);
            a12 = Vector512.FusedMultiplyAdd(xv, v2, a12);
            a13 = Vector512.FusedMultiplyAdd(xv, v3, a13);
            xv = Vector512.Load(x2 + k);
            a20 = Vector512.FusedMultiplyAdd(xv, v0, a20);
            a21 = Vector512.FusedMultiplyAdd(xv, v1, a21);
            a22 = Vector512.FusedMultiplyAdd(xv, v2, a22);
            a23 = Vector512.FusedMultiplyAdd(xv, v3, a23);
            xv = Vector512.Load(x3 + k);
            a30 = Vector512.FusedMultiplyAdd(xv, v0, a30);
            a31 = Vector512.FusedMultiplyAdd(xv, v1, a31);
            a32 = Vector512.FusedMultiplyAdd(xv, v2, a32);
            a33 = Vector512.FusedMultiplyAdd(xv, v3, a33);
        }
        var y0 = y;
        var y1 = y + ldy;
        var y2 = y + 2 * ldy;
        var y3 = y + 3 * ldy;
        if (VectorMath.CanReduceTogether)
        {
            // Lane 4·r + c holds the dot product of x row r and w row c.
            var r = VectorMath.Reduce16(a00, a10, a20, a30, a01, a11, a21, a31, a02, a12, a22, a32, a03, a13, a23, a33);
            r.GetLower().GetLower().Store(y0);
            r.GetLower().GetUpper().Store(y1);
            r.GetUpper().GetLower().Store(y2);
            r.GetUpper().GetUpper().Store(y3);
            if (n16 < n)
            {
                for (var c = 0; c < 4; c++)
                {
                    y0[c] = VectorMath.Tail(y0[c], x0, w + c * n, n16, n);
                    y1[c] = VectorMath.Tail(y1[c], x1, w + c * n, n16, n);
                    y2[c] = VectorMath.Tail(y2[c], x2, w + c * n, n16, n);
                    y3[c] = VectorMath.Tail(y3[c], x3, w + c * n, n16, n);
                }
            }
            return;
        }
        y0[0] = VectorMath.Finish(a00, x0, w0, n16, n);
        y0[1] = VectorMath.Finish(a01, x0, w1, n16, n);
        y0[2] = VectorMath.Finish(a02, x0, w2, n16, n);
        y0[3] = VectorMath.Finish(a03, x0, w3, n16, n);
        y1[0] = VectorMath.Finish(a10, x1, w0, n16, n);
        y1[1] = VectorMath.Finish(a11, x1, w1, n16, n);
        y1[2] = VectorMath.Finish(a12, x1, w2, n16, n);
        y1[3] = VectorMath.Finish(a13, x1, w3, n16, n);
        y2[0] = VectorMath.Finish(a20, x2, w0, n16, n);
        y2[1] = VectorMath.Finish(a21, x2, w1, n16, n);
        y2[2] = VectorMath.Finish(a22, x2, w2, n16, n);
        y2[3] = VectorMath.Finish(a23, x2, w3, n16, n);
        y3[0] = VectorMath.Finish(a30, x3, w0, n16, n);
        y3[1] = VectorMath.Finish(a31, x3, w1, n16, n);
        y3[2] = VectorMath.Finish(a32, x3, w2, n16, n);
        y3[3] = VectorMath.Finish(a33, x3, w3, n16, n);
    }

    /// <summary>
    /// A batch-VARIANT alternative kept only to measure what invariance costs: four split accumulators per dot
    /// product (shorter FMA dependency chains) — its rounding differs from <see cref="Compute"/>. Single-threaded.
    /// </summary>
    internal static unsafe void ComputeSplitK(ReadOnlySpan<float> x, ReadOnlySpan<float> w, int batch, int inDim, int outDim, Span<float> y)
    {
        Check(x, w, batch, inDim, outDim, y);
        fixed (float* px = x, pw = w, py = y)
        {
            for (var o = 0; o < outDim; o++)
            {
                var wo = pw + (long)o * inDim;
                for (var b = 0; b < batch; b++)
                {
                    var xb = px + (long)b * inDim;
                    Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                    var k = 0;
                    for (; k + 64 <= inDim; k += 64)
                    {
                        a0 = Vector512.FusedMultiplyAdd(Vector512.Load(xb + k), Vector512.Load(wo + k), a0);
                        a1 = Vector512.FusedMultiplyAdd(Vector512.Load(xb + k + 16), Vector512.Load(wo + k + 16), a1);
                        a2 = Vector512.FusedMultiplyAdd(Vector512.Load(xb + k + 32), Vector512.Load(wo + k + 32), a2);
                        a3 = Vector512.FusedMultiplyAdd(Vector512.Load(xb + k + 48), Vector512.Load(wo + k + 48), a3);
                    }
                    for (; k + 16 <= inDim; k += 16)
                        a0 = Vector512.FusedMultiplyAdd(Vector512.Load(xb + k), Vector512.Load(wo + k), a0);
                    py[(long)b * outDim + o] = VectorMath.Finish((a0 + a1) + (a2 + a3), xb, wo, k, inDim);
                }
            }
        }
    }

    /// <summary>Scalar reference: plain loops in float, sequential sums.</summary>
    internal static void Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> w, int batch, int inDim, int outDim, Span<float> y)
    {
        for (var b = 0; b < batch; b++)
        {
            for (var o = 0; o < outDim; o++)
            {
                var s = 0f;
                for (var i = 0; i < inDim; i++)
                    s += x[b * inDim + i] * w[o * inDim + i];
                y[b * outDim + o] = s;
            }
        }
    }
}
