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
        var hd16 = headDim & ~15;
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
                        for (var j = 0; j < n; j++)
                            ps[t0 + j] = VectorMath.Dot(qh, k + j * kvDim, headDim) * scale;
                    }
                }
                var s = scores[..length];
                Softmax.Compute(s, s);
                var oh = po + h * headDim;
                new Span<float>(oh, headDim).Clear();
                for (var t0 = 0; t0 < length; t0 += blockSize)
                {
                    var n = Math.Min(blockSize, length - t0);
                    fixed (float* pb = blocks[t0 / blockSize])
                    {
                        for (var j = 0; j < n; j++)
                        {
                            var v = pb + valueOffset + j * kvDim + g * headDim;
                            var p = ps[t0 + j];
                            var pv = Vector512.Create(p);
                            for (var d = 0; d < hd16; d += 16)
                                Vector512.FusedMultiplyAdd(pv, Vector512.Load(v + d), Vector512.Load(oh + d)).Store(oh + d);
                            for (var d = hd16; d < headDim; d++)
                                oh[d] = MathF.FusedMultiplyAdd(p, v[d], oh[d]);
                        }
                    }
                }
            }
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
