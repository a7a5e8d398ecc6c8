using System.Runtime.Intrinsics;

namespace InferScale.Engine.Kernels;

/// <summary>
/// Causal grouped-query attention of ONE query position over a sequence's paged KV cache. Query head <c>h</c> uses
/// KV head <c>h / (heads / kvHeads)</c>; scores are <c>q·k / sqrt(headDim)</c>, softmax in float32, output
/// <c>Σ_t p_t v_t</c> accumulated in position order. Every sum has an order fixed by position and shape alone.
/// KV layout: position <c>t</c> lives in <c>blocks[t / blockSize]</c> at <c>offset + (t % blockSize)·kvDim</c>.
/// </summary>
public static class Attention
{
    /// <summary>Attends one query (<c>[heads·headDim]</c>, RoPE applied) over positions <c>0 … length−1</c>.</summary>
    /// <param name="q">The query.</param>
    /// <param name="heads">Query heads.</param>
    /// <param name="kvHeads">Key/value heads.</param>
    /// <param name="headDim">Head width.</param>
    /// <param name="blocks">The sequence's KV blocks, in position order.</param>
    /// <param name="blockSize">Positions per block.</param>
    /// <param name="keyOffset">Offset of position 0's key for this layer inside a block.</param>
    /// <param name="valueOffset">Offset of position 0's value for this layer inside a block.</param>
    /// <param name="length">Positions to attend (the query's position + 1).</param>
    /// <param name="scores">Scratch of at least <paramref name="length"/> elements.</param>
    /// <param name="output">The result, <c>[heads·headDim]</c>.</param>
    public static void Compute(
        ReadOnlySpan<float> q, int heads, int kvHeads, int headDim, ReadOnlySpan<float[]> blocks, int blockSize,
        int keyOffset, int valueOffset, int length, Span<float> scores, Span<float> output) =>
        ComputeHeads(q, heads, kvHeads, headDim, blocks, blockSize, keyOffset, valueOffset, length, scores, output, 0, heads);

    /// <summary>As <see cref="Compute"/> for heads <c>[h0, h1)</c> only (the parallel split).</summary>
    /// <remarks>
    /// Scores of 16 positions at a time keep 16 dot products in registers and reduce them together
    /// (<see cref="VectorMath.Reduce16"/>), bit-identical to <see cref="VectorMath.Dot"/> per position; the weighted sum
    /// of values keeps up to four 16-lane chunks of the output in registers across all positions. Every element is
    /// still accumulated over positions in order, so results do not depend on how positions are grouped.
    /// </remarks>
    internal static unsafe void ComputeHeads(
        ReadOnlySpan<float> q, int heads, int kvHeads, int headDim, ReadOnlySpan<float[]> blocks, int blockSize,
        int keyOffset, int valueOffset, int length, Span<float> scores, Span<float> output, int h0, int h1)
    {
        if (length < 1 || length > blocks.Length * blockSize || scores.Length < length)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Attention over {length} positions needs {(length + blockSize - 1) / blockSize} blocks and scratch; got {blocks.Length} blocks, {scores.Length} scratch.");
        if (q.Length < heads * headDim || output.Length < heads * headDim)
            throw new ArgumentException($"Attention: q {q.Length}, output {output.Length}; {heads}×{headDim} needed.", nameof(q));
        var group = heads / kvHeads;
        var kvDim = kvHeads * headDim;
        var scale = 1f / MathF.Sqrt(headDim);
        var together = VectorMath.CanReduceTogether;
        fixed (float* pq = q, ps = scores, po = output)
        {
            for (var h = h0; h < h1; h++)
            {
                var g = h / group;
                var qh = pq + h * headDim;
                for (var t0 = 0; t0 < length; t0 += blockSize)
                {
                    var n = Math.Min(blockSize, length - t0);
                    fixed (float* pb = blocks[t0 / blockSize])
                    {
                        var k = pb + keyOffset + g * headDim;
                        var j = 0;
                        if (together)
                        {
                            for (; j + 16 <= n; j += 16)
                                Scores16(qh, k + j * kvDim, kvDim, headDim, scale, ps + t0 + j);
                        }
                        for (; j < n; j++)
                            ps[t0 + j] = VectorMath.Dot(qh, k + j * kvDim, headDim) * scale;
                    }
                }
                var s = scores[..length];
                Softmax.Compute(s, s);
                WeightedValues(ps, blocks, blockSize, valueOffset + g * headDim, kvDim, headDim, length, po + h * headDim);
            }
        }
    }

    /// <summary>Scores of 16 consecutive positions (keys <paramref name="kvDim"/> apart): <c>Dot(q, k_j) · scale</c>, bit-identical.</summary>
    private static unsafe void Scores16(float* q, float* k, int kvDim, int headDim, float scale, float* scores)
    {
        var hd16 = headDim & ~15;
        float* k0 = k, k1 = k + kvDim, k2 = k + 2 * kvDim, k3 = k + 3 * kvDim;
        var stride4 = 4 * kvDim;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        Vector512<float> a8 = default, a9 = default, a10 = default, a11 = default, a12 = default, a13 = default, a14 = default, a15 = default;
        for (var d = 0; d < hd16; d += 16)
        {
            var qv = Vector512.Load(q + d);
            a0 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k0 + d), a0);
            a1 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k1 + d), a1);
            a2 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k2 + d), a2);
            a3 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k3 + d), a3);
            a4 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k0 + stride4 + d), a4);
            a5 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k1 + stride4 + d), a5);
            a6 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k2 + stride4 + d), a6);
            a7 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k3 + stride4 + d), a7);
            a8 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k0 + 2 * stride4 + d), a8);
            a9 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k1 + 2 * stride4 + d), a9);
            a10 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k2 + 2 * stride4 + d), a10);
            a11 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k3 + 2 * stride4 + d), a11);
            a12 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k0 + 3 * stride4 + d), a12);
            a13 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k1 + 3 * stride4 + d), a13);
            a14 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k2 + 3 * stride4 + d), a14);
            a15 = Vector512.FusedMultiplyAdd(qv, Vector512.Load(k3 + 3 * stride4 + d), a15);
        }
        // Reduce16 puts argument (r, c) in lane 4r + c: position j = 4r + c.
        var r = VectorMath.Reduce16(a0, a4, a8, a12, a1, a5, a9, a13, a2, a6, a10, a14, a3, a7, a11, a15);
        if (hd16 == headDim)
        {
            (r * Vector512.Create(scale)).Store(scores);
            return;
        }
        r.Store(scores);
        for (var j = 0; j < 16; j++)
            scores[j] = VectorMath.Tail(scores[j], q, k + j * kvDim, hd16, headDim) * scale;
    }

    /// <summary>
    /// <c>out[d] = Σ_t p_t · v_t[d]</c> over positions in order (FMA from zero), the output held in registers in chunks
    /// of up to four vectors. <paramref name="offset"/> locates position 0's value slice of this head inside a block.
    /// </summary>
    private static unsafe void WeightedValues(float* p, ReadOnlySpan<float[]> blocks, int blockSize, int offset, int kvDim, int headDim, int length, float* output)
    {
        var hd16 = headDim & ~15;
        Span<float> tail = stackalloc float[16];
        var d0 = 0;
        for (; d0 + 64 <= hd16; d0 += 64)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var t0 = 0; t0 < length; t0 += blockSize)
            {
                var n = Math.Min(blockSize, length - t0);
                fixed (float* pb = blocks[t0 / blockSize])
                {
                    var v = pb + offset + d0;
                    for (var j = 0; j < n; j++, v += kvDim)
                    {
                        var pv = Vector512.Create(p[t0 + j]);
                        a0 = Vector512.FusedMultiplyAdd(pv, Vector512.Load(v), a0);
                        a1 = Vector512.FusedMultiplyAdd(pv, Vector512.Load(v + 16), a1);
                        a2 = Vector512.FusedMultiplyAdd(pv, Vector512.Load(v + 32), a2);
                        a3 = Vector512.FusedMultiplyAdd(pv, Vector512.Load(v + 48), a3);
                    }
                }
            }
            a0.Store(output + d0);
            a1.Store(output + d0 + 16);
            a2.Store(output + d0 + 32);
            a3.Store(output + d0 + 48);
        }
        for (; d0 + 32 <= hd16; d0 += 32)
        {
            Vector512<float> a0 = default, a1 = default;
            for (var t0 = 0; t0 < length; t0 += blockSize)
            {
                var n = Math.Min(blockSize, length - t0);
                fixed (float* pb = blocks[t0 / blockSize])
                {
                    var v = pb + offset + d0;
                    for (var j = 0; j < n; j++, v += kvDim)
                    {
                        var pv = Vector512.Create(p[t0 + j]);
                        a0 = Vector512.FusedMultiplyAdd(pv, Vector512.Load(v), a0);
                        a1 = Vector512.FusedMultiplyAdd(pv, Vector512.Load(v + 16), a1);
                    }
                }
            }
            a0.Store(output + d0);
            a1.Store(output + d0 + 16);
        }
        for (; d0 < headDim; d0 += 16)
        {
            // One vector, or the scalar tail (d0 = hd16 < headDim).
            var width = Math.Min(16, headDim - d0);
            var a0 = Vector512<float>.Zero;
            tail.Clear();
            for (var t0 = 0; t0 < length; t0 += blockSize)
            {
                var n = Math.Min(blockSize, length - t0);
                fixed (float* pb = blocks[t0 / blockSize])
                {
                    var v = pb + offset + d0;
                    for (var j = 0; j < n; j++, v += kvDim)
                    {
                        var pt = p[t0 + j];
                        if (width == 16)
                        {
                            a0 = Vector512.FusedMultiplyAdd(Vector512.Create(pt), Vector512.Load(v), a0);
                            continue;
                        }
                        for (var d = 0; d < width; d++)
                            tail[d] = MathF.FusedMultiplyAdd(pt, v[d], tail[d]);
                    }
                }
            }
            if (width == 16)
                a0.Store(output + d0);
            else
                tail[..width].CopyTo(new Span<float>(output + d0, width));
        }
    }

    /// <summary>Scalar reference over contiguous <c>keys</c>/<c>values</c> (<c>[length, kvHeads·headDim]</c>), in double.</summary>
    internal static void Reference(ReadOnlySpan<float> q, int heads, int kvHeads, int headDim, ReadOnlySpan<float> keys, ReadOnlySpan<float> values, int length, Span<float> output)
    {
        var group = heads / kvHeads;
        var kvDim = kvHeads * headDim;
        var scores = new double[length];
        for (var h = 0; h < heads; h++)
        {
            var g = h / group;
            var max = double.NegativeInfinity;
            for (var t = 0; t < length; t++)
            {
                double s = 0;
                for (var d = 0; d < headDim; d++)
                    s += (double)q[h * headDim + d] * keys[t * kvDim + g * headDim + d];
                scores[t] = s / Math.Sqrt(headDim);
                max = Math.Max(max, scores[t]);
            }
            double sum = 0;
            for (var t = 0; t < length; t++)
                sum += scores[t] = Math.Exp(scores[t] - max);
            for (var d = 0; d < headDim; d++)
            {
                double o = 0;
                for (var t = 0; t < length; t++)
                    o += scores[t] / sum * values[t * kvDim + g * headDim + d];
                output[h * headDim + d] = (float)o;
            }
        }
    }
}
