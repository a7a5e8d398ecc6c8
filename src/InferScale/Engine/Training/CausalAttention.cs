using System.Numerics.Tensors;

namespace InferScale.Engine.Training;

/// <summary>
/// Causal grouped-query attention with scale <c>1/√headDim</c> (query head <c>h</c> reads kv head
/// <c>h / (heads/kvHeads)</c>). Rows are <c>b·T + t</c>; a row at position <c>p</c> attends to rows <c>t−p … t</c> of its
/// sequence, so several packed documents in one row never see each other. Softmax probabilities are saved for backward.
/// </summary>
internal sealed class CausalAttention(int heads, int kvHeads, int headDim, int seqLen)
{
    private readonly float _scale = 1f / MathF.Sqrt(headDim);
    private readonly int _group = heads / kvHeads;

    /// <summary>Probabilities per layer: <c>[B, heads, T, T]</c>.</summary>
    public int ProbsLength(int batch) => batch * heads * seqLen * seqLen;

    /// <summary>Forward for the (sequence, head) units <c>[u0, u1)</c> (unit = <c>b·heads + h</c>); writes <paramref name="output"/> [R, heads·headDim].</summary>
    public void Forward(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, ReadOnlySpan<int> positions, Span<float> probs, Span<float> output, int u0, int u1)
    {
        int dim = heads * headDim, kvDim = kvHeads * headDim;
        for (var unit = u0; unit < u1; unit++)
        {
            int b = unit / heads, h = unit % heads, kvh = h / _group;
            for (var t = 0; t < seqLen; t++)
            {
                var r = b * seqLen + t;
                var start = t - positions[r];
                var qr = q.Slice(r * dim + h * headDim, headDim);
                var p = probs.Slice(((b * heads + h) * seqLen + t) * seqLen, seqLen);
                var max = float.NegativeInfinity;
                for (var j = start; j <= t; j++)
                {
                    var s = TensorPrimitives.Dot(qr, k.Slice((b * seqLen + j) * kvDim + kvh * headDim, headDim)) * _scale;
                    p[j] = s;
                    max = MathF.Max(max, s);
                }
                var sum = 0f;
                for (var j = start; j <= t; j++)
                {
                    var e = MathF.Exp(p[j] - max);
                    p[j] = e;
                    sum += e;
                }
                var inv = 1f / sum;
                var o = output.Slice(r * dim + h * headDim, headDim);
                o.Clear();
                for (var j = start; j <= t; j++)
                {
                    p[j] *= inv;
                    TensorPrimitives.MultiplyAdd(v.Slice((b * seqLen + j) * kvDim + kvh * headDim, headDim), p[j], o, o);
                }
            }
        }
    }

    /// <summary>
    /// Backward for the (sequence, kv head) units <c>[u0, u1)</c> (unit = <c>b·kvHeads + kvh</c>): accumulates into
    /// <paramref name="dq"/>, <paramref name="dk"/>, <paramref name="dv"/> (query heads of the group in order, so the result is fixed).
    /// </summary>
    public void Backward(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, ReadOnlySpan<int> positions, ReadOnlySpan<float> probs, ReadOnlySpan<float> dOutput,
        Span<float> dq, Span<float> dk, Span<float> dv, int u0, int u1)
    {
        int dim = heads * headDim, kvDim = kvHeads * headDim;
        var dp = new float[seqLen];
        for (var unit = u0; unit < u1; unit++)
        {
            int b = unit / kvHeads, kvh = unit % kvHeads;
            for (var h = kvh * _group; h < (kvh + 1) * _group; h++)
            {
                for (var t = 0; t < seqLen; t++)
                {
                    var r = b * seqLen + t;
                    var start = t - positions[r];
                    var p = probs.Slice(((b * heads + h) * seqLen + t) * seqLen, seqLen);
                    var dout = dOutput.Slice(r * dim + h * headDim, headDim);
                    var dot = 0f;
                    for (var j = start; j <= t; j++)
                    {
                        var vr = (b * seqLen + j) * kvDim + kvh * headDim;
                        dp[j] = TensorPrimitives.Dot(dout, v.Slice(vr, headDim));
                        dot += p[j] * dp[j];
                        var dvj = dv.Slice(vr, headDim);
                        TensorPrimitives.MultiplyAdd(dout, p[j], dvj, dvj);
                    }
                    var qr = q.Slice(r * dim + h * headDim, headDim);
                    var dqr = dq.Slice(r * dim + h * headDim, headDim);
                    for (var j = start; j <= t; j++)
                    {
                        var ds = p[j] * (dp[j] - dot) * _scale;
                        var kr = (b * seqLen + j) * kvDim + kvh * headDim;
                        TensorPrimitives.MultiplyAdd(k.Slice(kr, headDim), ds, dqr, dqr);
                        var dkj = dk.Slice(kr, headDim);
                        TensorPrimitives.MultiplyAdd(qr, ds, dkj, dkj);
                    }
                }
            }
        }
    }
}
