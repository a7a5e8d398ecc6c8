using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace InferScale.Engine.Kernels;

/// <summary>
/// <see cref="MatMul"/> over Q8_0 weights kept quantised: <c>W[o, i] = q[o·inDim + i] · scale[(o·inDim + i) / 32]</c>,
/// int8 values in blocks of 32 along each row (<c>inDim</c> a multiple of 32). Every weight is converted on the fly to
/// exactly the float32 that dequantising at load gives (int8 → float, times the block's scale: one IEEE multiply),
/// then fed to the same FMA chain and the same reduction as <see cref="MatMul.Compute"/>, so every output is
/// bit-identical to <see cref="VectorMath.Dot"/> over the dequantised row — alone or in any batch, on any thread count.
/// A single batch row (decoding one sequence, memory-bound) runs fused kernels that stream the int8 weights (about
/// 1.1 bytes per weight instead of 4); two or more rows dequantise each 4-row weight tile once per batch chunk into a
/// per-thread buffer and reuse it across the chunk with <see cref="MatMul"/>'s own tiles.
/// </summary>
public static class MatMulQ8
{
    /// <summary>Values per Q8_0 block.</summary>
    public const int BlockSize = 32;

    private const long ParallelThreshold = 1L << 16;

    [ThreadStatic]
    private static float[]? t_tile;

    /// <summary>Computes <c>y[b·outDim + o] = Σ_i x[b·inDim + i]·(q[o·inDim + i]·scales[(o·inDim + i) / 32])</c>.</summary>
    /// <param name="x">Input rows, <c>[batch, inDim]</c>.</param>
    /// <param name="q">Quantised weights, row-major <c>[outDim, inDim]</c>.</param>
    /// <param name="scales">One scale per block of 32 weights, <c>[outDim, inDim / 32]</c>.</param>
    /// <param name="batch">Rows of <paramref name="x"/>.</param>
    /// <param name="inDim">Inner dimension, a multiple of 32.</param>
    /// <param name="outDim">Output rows of the weights.</param>
    /// <param name="y">Output, <c>[batch, outDim]</c>.</param>
    /// <param name="pool">Threads to use; <see langword="null"/> runs on the caller.</param>
    public static unsafe void Compute(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> q, ReadOnlySpan<float> scales, int batch, int inDim, int outDim, Span<float> y, WorkerPool? pool = null)
    {
        Check(x, q, scales, batch, inDim, outDim, y);
        fixed (float* px = x, ps = scales, py = y)
        fixed (sbyte* pq = q)
        {
            if (pool is null || pool.Threads == 1 || (long)batch * inDim * outDim < ParallelThreshold)
            {
                Rows(px, pq, ps, py, batch, inDim, outDim, 0, outDim);
                return;
            }
            var work = pool.MatMulQ8Work;
            work.Set(px, pq, ps, py, batch, inDim, outDim);
            pool.Run(work);
        }
    }

    private static void Check(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> q, ReadOnlySpan<float> scales, int batch, int inDim, int outDim, Span<float> y)
    {
        if (batch < 0 || inDim <= 0 || outDim <= 0 || inDim % BlockSize != 0)
            throw new ArgumentOutOfRangeException(nameof(inDim), $"MatMulQ8 shape [{batch}, {inDim}]·[{outDim}, {inDim}]ᵀ is invalid (inDim must be a positive multiple of {BlockSize}).");
        if (x.Length < (long)batch * inDim)
            throw new ArgumentException($"x has {x.Length} elements; [{batch}, {inDim}] needs {(long)batch * inDim}.", nameof(x));
        if (q.Length < (long)outDim * inDim)
            throw new ArgumentException($"q has {q.Length} elements; [{outDim}, {inDim}] needs {(long)outDim * inDim}.", nameof(q));
        if (scales.Length < (long)outDim * (inDim / BlockSize))
            throw new ArgumentException($"scales has {scales.Length} elements; [{outDim}, {inDim / BlockSize}] needs {(long)outDim * (inDim / BlockSize)}.", nameof(scales));
        if (y.Length < (long)batch * outDim)
            throw new ArgumentException($"y has {y.Length} elements; [{batch}, {outDim}] needs {(long)batch * outDim}.", nameof(y));
    }

    /// <summary>Computes output rows <c>[o0, o1)</c> for the whole batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first call: tier-0 vector code is many times slower
    internal static unsafe void Rows(float* x, sbyte* q, float* s, float* y, int batch, int inDim, int outDim, int o0, int o1)
    {
        var blocks = inDim / BlockSize;
        var chunk = MatMul.BatchChunk(inDim);
        for (var b0 = 0; b0 < batch; b0 += chunk)
        {
            var bEnd = Math.Min(batch, b0 + chunk);
            if (bEnd - b0 == 1)
            {
                // One row: stream the int8 weights through fused kernels, eight rows at a time.
                var xb = x + (long)b0 * inDim;
                var yb = y + (long)b0 * outDim;
                var o = o0;
                for (; o + 8 <= o1; o += 8)
                    Tile1x8(xb, q + (long)o * inDim, s + (long)o * blocks, yb + o, inDim);
                for (; o < o1; o++)
                    yb[o] = Dot(xb, q + (long)o * inDim, s + (long)o * blocks, inDim);
                continue;
            }
            var b4End = b0 + ((bEnd - b0) & ~3);
            var tile = Tile(inDim);
            fixed (float* w = tile)
            {
                var o = o0;
                for (; o + 4 <= o1; o += 4)
                {
                    Dequantize(q + (long)o * inDim, s + (long)o * blocks, 4 * inDim, w);
                    for (var b = b0; b < b4End; b += 4)
                        MatMul.Tile4x4(x + (long)b * inDim, w, y + (long)b * outDim + o, inDim, outDim);
                    for (var b = b4End; b < bEnd; b++)
                        MatMul.Tile1x4(x + (long)b * inDim, w, y + (long)b * outDim + o, inDim);
                }
                for (; o < o1; o++)
                {
                    Dequantize(q + (long)o * inDim, s + (long)o * blocks, inDim, w);
                    for (var b = b0; b < bEnd; b++)
                        y[(long)b * outDim + o] = VectorMath.Dot(x + (long)b * inDim, w, inDim);
                }
            }
        }
    }

    /// <summary>This thread's buffer for four dequantised weight rows.</summary>
    private static float[] Tile(int inDim)
    {
        var tile = t_tile;
        if (tile is null || tile.Length < 4 * inDim)
            t_tile = tile = GC.AllocateUninitializedArray<float>(4 * inDim, pinned: true);
        return tile;
    }

    /// <summary>16 weights as float32: int8 → float, times the block's scale (exactly the dequantised values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe Vector512<float> Dequantize16(sbyte* q, Vector512<float> scale)
    {
        Vector512<int> i;
        if (Avx512F.IsSupported)
        {
            i = Avx512F.ConvertToVector512Int32(Vector128.Load(q));
        }
        else
        {
            var b = Vector128.Load(q);
            var lo = Vector128.WidenLower(b);
            var hi = Vector128.WidenUpper(b);
            i = Vector512.Create(Vector256.Create(Vector128.WidenLower(lo), Vector128.WidenUpper(lo)), Vector256.Create(Vector128.WidenLower(hi), Vector128.WidenUpper(hi)));
        }
        return Vector512.ConvertToSingle(i) * scale;
    }

    /// <summary>Dequantises <paramref name="n"/> (a multiple of 32) consecutive weights into <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Dequantize(sbyte* q, float* s, int n, float* w)
    {
        for (var b = 0; b < n / BlockSize; b++)
        {
            var k = b * BlockSize;
            var d = Vector512.Create(s[b]);
            Dequantize16(q + k, d).Store(w + k);
            Dequantize16(q + k + 16, d).Store(w + k + 16);
        }
    }

    /// <summary><see cref="VectorMath.Dot"/> of <paramref name="x"/> and one dequantised row (no scalar tail: n is a multiple of 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe float Dot(float* x, sbyte* q, float* s, int n)
    {
        var acc = Vector512<float>.Zero;
        for (var b = 0; b < n / BlockSize; b++)
        {
            var k = b * BlockSize;
            var d = Vector512.Create(s[b]);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + k), Dequantize16(q + k, d), acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + k + 16), Dequantize16(q + k + 16, d), acc);
        }
        return VectorMath.Reduce(acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile1x8(float* x, sbyte* q, float* s, float* y, int n)
    {
        var nb = n / BlockSize;
        sbyte* q0 = q, q1 = q + n, q2 = q + 2 * n, q3 = q + 3 * n, q4 = q + 4 * n, q5 = q + 5 * n, q6 = q + 6 * n, q7 = q + 7 * n;
        float* s0 = s, s1 = s + nb, s2 = s + 2 * nb, s3 = s + 3 * nb, s4 = s + 4 * nb, s5 = s + 5 * nb, s6 = s + 6 * nb, s7 = s + 7 * nb;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (var b = 0; b < nb; b++)
        {
            var k = b * BlockSize;
            var xl = Vector512.Load(x + k);
            var xh = Vector512.Load(x + k + 16);
            var d = Vector512.Create(s0[b]);
            a0 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q0 + k, d), a0);
            a0 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q0 + k + 16, d), a0);
            d = Vector512.Create(s1[b]);
            a1 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q1 + k, d), a1);
            a1 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q1 + k + 16, d), a1);
            d = Vector512.Create(s2[b]);
            a2 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q2 + k, d), a2);
            a2 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q2 + k + 16, d), a2);
            d = Vector512.Create(s3[b]);
            a3 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q3 + k, d), a3);
            a3 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q3 + k + 16, d), a3);
            d = Vector512.Create(s4[b]);
            a4 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q4 + k, d), a4);
            a4 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q4 + k + 16, d), a4);
            d = Vector512.Create(s5[b]);
            a5 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q5 + k, d), a5);
            a5 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q5 + k + 16, d), a5);
            d = Vector512.Create(s6[b]);
            a6 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q6 + k, d), a6);
            a6 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q6 + k + 16, d), a6);
            d = Vector512.Create(s7[b]);
            a7 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q7 + k, d), a7);
            a7 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q7 + k + 16, d), a7);
        }
        if (VectorMath.CanReduceTogether)
        {
            VectorMath.Reduce8(a0, a1, a2, a3, a4, a5, a6, a7).GetLower().Store(y);
            return;
        }
        y[0] = VectorMath.Reduce(a0);
        y[1] = VectorMath.Reduce(a1);
        y[2] = VectorMath.Reduce(a2);
        y[3] = VectorMath.Reduce(a3);
        y[4] = VectorMath.Reduce(a4);
        y[5] = VectorMath.Reduce(a5);
        y[6] = VectorMath.Reduce(a6);
        y[7] = VectorMath.Reduce(a7);
    }

    /// <summary>Scalar reference: each weight dequantised (<c>q · scale</c>), plain loops in float, sequential sums.</summary>
    internal static void Reference(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> q, ReadOnlySpan<float> scales, int batch, int inDim, int outDim, Span<float> y)
    {
        for (var b = 0; b < batch; b++)
        {
            for (var o = 0; o < outDim; o++)
            {
                var sum = 0f;
                for (var i = 0; i < inDim; i++)
                {
                    var at = o * inDim + i;
                    sum += x[b * inDim + i] * (q[at] * scales[at / BlockSize]);
                }
                y[b * outDim + o] = sum;
            }
        }
    }
}
