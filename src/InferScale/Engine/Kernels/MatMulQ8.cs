using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace InferScale.Engine.Kernels;

/// <summary>
/// <see cref="MatMul"/> over Q8_0 weights kept quantised: <c>W[o, i] = q · scale</c>, int8 values in blocks of 32
/// along each row (<c>inDim</c> a multiple of 32) with one float32 scale per block. Every weight is converted on the
/// fly to exactly the float32 that dequantising at load gives (int8 → float, times the block's scale: one IEEE
/// multiply), then fed to the same FMA chain and the same reduction as <see cref="MatMul.Compute"/>, so every output
/// is bit-identical to <see cref="VectorMath.Dot"/> over the dequantised row — alone or in any batch, on any thread
/// count. Layout (<see cref="Pack"/>): rows <c>[0, 8·⌊outDim/8⌋)</c> are interleaved in groups of 8 — for each group,
/// block by block, the 8 rows' 32 int8 values one after another (and their 8 scales) — so a single batch row
/// (decoding one sequence, memory-bound) reads one sequential stream through fused 1×8 kernels, about 1.1 bytes per
/// weight instead of 4; the last <c>outDim mod 8</c> rows follow row-major. Two or more batch rows dequantise each
/// 4-row weight tile once per batch chunk into a per-thread buffer and reuse it across the chunk with
/// <see cref="MatMul"/>'s own tiles.
/// </summary>
public static class MatMulQ8
{
    /// <summary>Values per Q8_0 block.</summary>
    public const int BlockSize = 32;

    /// <summary>Rows per interleaved group.</summary>
    public const int Group = 8;

    private const long ParallelThreshold = 1L << 16;

    [ThreadStatic]
    private static float[]? t_tile;

    /// <summary>Computes <c>y[b·Rows + o] = Σ_i x[b·Columns + i]·W[o, i]</c> for a <see cref="Q8Matrix"/> <paramref name="w"/>.</summary>
    /// <param name="x">Input rows, <c>[batch, w.Columns]</c>.</param>
    /// <param name="w">The weights.</param>
    /// <param name="batch">Rows of <paramref name="x"/>.</param>
    /// <param name="y">Output, <c>[batch, w.Rows]</c>.</param>
    /// <param name="pool">Threads to use; <see langword="null"/> runs on the caller.</param>
    public static void Compute(ReadOnlySpan<float> x, Q8Matrix w, int batch, Span<float> y, WorkerPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        Compute(x, w.Quants, w.Scales, batch, w.Columns, w.Rows, y, pool);
    }

    /// <summary>Computes <c>y[b·outDim + o] = Σ_i x[b·inDim + i]·W[o, i]</c> for weights in this kernel's layout.</summary>
    /// <param name="x">Input rows, <c>[batch, inDim]</c>.</param>
    /// <param name="q">Quantised weights <c>[outDim, inDim]</c> in the layout of <see cref="Pack"/>.</param>
    /// <param name="scales">One scale per block of 32 weights (<c>outDim · inDim / 32</c>), in the layout of <see cref="Pack"/>.</param>
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
        if (q.Length != (long)outDim * inDim)
            throw new ArgumentException($"q has {q.Length} elements; [{outDim}, {inDim}] needs {(long)outDim * inDim}.", nameof(q));
        if (scales.Length != (long)outDim * (inDim / BlockSize))
            throw new ArgumentException($"scales has {scales.Length} elements; [{outDim}, {inDim / BlockSize}] needs {(long)outDim * (inDim / BlockSize)}.", nameof(scales));
        if (y.Length < (long)batch * outDim)
            throw new ArgumentException($"y has {y.Length} elements; [{batch}, {outDim}] needs {(long)batch * outDim}.", nameof(y));
    }

    /// <summary>Where block <paramref name="block"/> of row <paramref name="row"/> lies in this layout: index of its first value and of its scale.</summary>
    internal static (long Quant, long Scale) BlockIndex(int row, int block, int rows, int columns)
    {
        var blocks = columns / BlockSize;
        if (row < rows / Group * Group)
        {
            var unit = ((long)(row / Group) * blocks + block) * Group + row % Group;
            return (unit * BlockSize, unit);
        }
        return ((long)row * columns + (long)block * BlockSize, (long)row * blocks + block);
    }

    /// <summary>Rearranges row-major blocks (<paramref name="q"/>, <paramref name="s"/>) into this kernel's layout.</summary>
    internal static void Pack(ReadOnlySpan<sbyte> q, ReadOnlySpan<float> s, int rows, int columns, Span<sbyte> packedQ, Span<float> packedS)
    {
        var blocks = columns / BlockSize;
        for (var o = 0; o < rows; o++)
        {
            for (var b = 0; b < blocks; b++)
            {
                var (qi, si) = BlockIndex(o, b, rows, columns);
                q.Slice(o * columns + b * BlockSize, BlockSize).CopyTo(packedQ.Slice((int)qi, BlockSize));
                packedS[(int)si] = s[o * blocks + b];
            }
        }
    }

    /// <summary>The inverse of <see cref="Pack"/>.</summary>
    internal static void Unpack(ReadOnlySpan<sbyte> packedQ, ReadOnlySpan<float> packedS, int rows, int columns, Span<sbyte> q, Span<float> s)
    {
        var blocks = columns / BlockSize;
        for (var o = 0; o < rows; o++)
        {
            for (var b = 0; b < blocks; b++)
            {
                var (qi, si) = BlockIndex(o, b, rows, columns);
                packedQ.Slice((int)qi, BlockSize).CopyTo(q.Slice(o * columns + b * BlockSize, BlockSize));
                s[o * blocks + b] = packedS[(int)si];
            }
        }
    }

    /// <summary>Computes output rows <c>[o0, o1)</c> for the whole batch (<paramref name="o0"/> a multiple of 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Rows(float* x, sbyte* q, float* s, float* y, int batch, int inDim, int outDim, int o0, int o1)
    {
        var blocks = inDim / BlockSize;
        var grouped = Math.Min(o1, outDim / Group * Group);
        var chunk = MatMul.BatchChunk(inDim);
        for (var b0 = 0; b0 < batch; b0 += chunk)
        {
            var bEnd = Math.Min(batch, b0 + chunk);
            if (bEnd - b0 == 1)
            {
                // One row: stream the int8 weights through fused kernels, one interleaved group of 8 rows at a time.
                var xb = x + (long)b0 * inDim;
                var yb = y + (long)b0 * outDim;
                var o = o0;
                for (; o + Group <= grouped; o += Group)
                    Tile1x8(xb, q + (long)o * inDim, s + (long)o * blocks, yb + o, inDim);
                for (; o < o1; o++)
                {
                    var (qi, si) = BlockIndex(o, 0, outDim, inDim);
                    var (qStride, sStride) = Strides(o, outDim);
                    yb[o] = Dot(xb, q + qi, qStride, s + si, sStride, inDim);
                }
                continue;
            }
            var b4End = b0 + ((bEnd - b0) & ~3);
            var tile = Tile(inDim);
            fixed (float* w = tile)
            {
                var o = o0;
                for (; o + 4 <= o1; o += 4)
                {
                    for (var r = 0; r < 4; r++)
                        DequantizeRow(q, s, o + r, outDim, inDim, w + r * inDim);
                    for (var b = b0; b < b4End; b += 4)
                        MatMul.Tile4x4(x + (long)b * inDim, w, y + (long)b * outDim + o, inDim, outDim);
                    for (var b = b4End; b < bEnd; b++)
                        MatMul.Tile1x4(x + (long)b * inDim, w, y + (long)b * outDim + o, inDim);
                }
                for (; o < o1; o++)
                {
                    DequantizeRow(q, s, o, outDim, inDim, w);
                    for (var b = b0; b < bEnd; b++)
                        y[(long)b * outDim + o] = VectorMath.Dot(x + (long)b * inDim, w, inDim);
                }
            }
        }
    }

    /// <summary>Distance in values and in scales between consecutive blocks of row <paramref name="row"/>.</summary>
    private static (int Quant, int Scale) Strides(int row, int rows) =>
        row < rows / Group * Group ? (Group * BlockSize, Group) : (BlockSize, 1);

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

    /// <summary>Dequantises row <paramref name="row"/> into <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void DequantizeRow(sbyte* q, float* s, int row, int rows, int n, float* w)
    {
        var (qi, si) = BlockIndex(row, 0, rows, n);
        var (qStride, sStride) = Strides(row, rows);
        var qb = q + qi;
        var sb = s + si;
        for (var k = 0; k < n; k += BlockSize)
        {
            var d = Vector512.Create(*sb);
            Dequantize16(qb, d).Store(w + k);
            Dequantize16(qb + 16, d).Store(w + k + 16);
            qb += qStride;
            sb += sStride;
        }
    }

    /// <summary><see cref="VectorMath.Dot"/> of <paramref name="x"/> and one dequantised row whose blocks lie <paramref name="qStride"/> values apart (no scalar tail: n is a multiple of 32).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe float Dot(float* x, sbyte* q, int qStride, float* s, int sStride, int n)
    {
        var acc = Vector512<float>.Zero;
        for (var k = 0; k < n; k += BlockSize)
        {
            var d = Vector512.Create(*s);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + k), Dequantize16(q, d), acc);
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + k + 16), Dequantize16(q + 16, d), acc);
            q += qStride;
            s += sStride;
        }
        return VectorMath.Reduce(acc);
    }

    /// <summary>One interleaved group of 8 rows (<paramref name="q"/>, <paramref name="s"/> at the group's start) against one input row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile1x8(float* x, sbyte* q, float* s, float* y, int n)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (var k = 0; k < n; k += BlockSize)
        {
            var xl = Vector512.Load(x + k);
            var xh = Vector512.Load(x + k + 16);
            var d = Vector512.Create(s[0]);
            a0 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q, d), a0);
            a0 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 16, d), a0);
            d = Vector512.Create(s[1]);
            a1 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 32, d), a1);
            a1 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 48, d), a1);
            d = Vector512.Create(s[2]);
            a2 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 64, d), a2);
            a2 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 80, d), a2);
            d = Vector512.Create(s[3]);
            a3 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 96, d), a3);
            a3 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 112, d), a3);
            d = Vector512.Create(s[4]);
            a4 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 128, d), a4);
            a4 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 144, d), a4);
            d = Vector512.Create(s[5]);
            a5 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 160, d), a5);
            a5 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 176, d), a5);
            d = Vector512.Create(s[6]);
            a6 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 192, d), a6);
            a6 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 208, d), a6);
            d = Vector512.Create(s[7]);
            a7 = Vector512.FusedMultiplyAdd(xl, Dequantize16(q + 224, d), a7);
            a7 = Vector512.FusedMultiplyAdd(xh, Dequantize16(q + 240, d), a7);
            q += Group * BlockSize;
            s += Group;
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

    /// <summary>Scalar reference over weights in this kernel's layout: each weight dequantised (<c>q · scale</c>), plain loops in float, sequential sums.</summary>
    internal static void Reference(ReadOnlySpan<float> x, ReadOnlySpan<sbyte> q, ReadOnlySpan<float> scales, int batch, int inDim, int outDim, Span<float> y)
    {
        for (var b = 0; b < batch; b++)
        {
            for (var o = 0; o < outDim; o++)
            {
                var sum = 0f;
                for (var i = 0; i < inDim; i++)
                {
                    var (qi, si) = BlockIndex(o, i / BlockSize, outDim, inDim);
                    sum += x[b * inDim + i] * (q[(int)qi + i % BlockSize] * scales[(int)si]);
                }
                y[b * outDim + o] = sum;
            }
        }
    }
}
