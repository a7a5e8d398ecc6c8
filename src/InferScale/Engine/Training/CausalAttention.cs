using System.Numerics.Tensors;

namespace InferScale.Engine.Training;

/// <summary>
/// Causal grouped-query attention with scale <c>1/√headDim</c> (query head <c>h</c> reads kv head
/// <c>h / (heads/kvHeads)</c>). Rows are <c>b·T + t</c>; a row at position <c>p</c> attends to rows <c>t−p … t</c> of its
/// sequence, so several packed documents in one row never see each other. Per (sequence, head) the work is done as
/// small matrix products with <see cref="MatMul"/> (scores <c>Q·Kᵀ</c>, output <c>P·V</c>, and in backward
/// <c>dO·Vᵀ</c>, <c>dS·K</c>, <c>dSᵀ·Q</c>, <c>Pᵀ·dO</c>), skipping the causal mask's zeros. Probabilities are saved for backward.
/// </summary>
internal sealed class CausalAttention(int heads, int kvHeads, int headDim, int seqLen)
{
    private readonly float _scale = 1f / MathF.Sqrt(headDim);
    private readonly int _group = heads / kvHeads;

    /// <summary>Probabilities per layer: <c>[B, heads, T, T]</c>.</summary>
    public int ProbsLength(int batch) => batch * heads * seqLen * seqLen;

    /// <summary>Forward for the (sequence, head) units <c>[u0, u1)</c> (unit = <c>b·heads + h</c>); writes <paramref name="output"/> [R, heads·headDim].</summary>
    public void Forward(float[] q, float[] k, float[] v, int[] positions, float[] probs, float[] output, int u0, int u1)
    {
        int T = seqLen, hd = headDim;
        var qh = new float[T * hd];
        var kt = new float[hd * T];
        var vh = new float[T * hd];
        var oh = new float[T * hd];
        for (var unit = u0; unit < u1; unit++)
        {
            int b = unit / heads, h = unit % heads, kvh = h / _group;
            Gather(q, heads * hd, b, h, qh);
            Gather(k, kvHeads * hd, b, kvh, vh);
            MatMul.Transpose(vh, kt, T, hd);
            Gather(v, kvHeads * hd, b, kvh, vh);
            var p = probs.AsSpan(unit * T * T, T * T);
            p.Clear();
            MatMul.AddProduct(qh, kt, p, hd, T, 0, T, causalColumns: true);
            for (var t = 0; t < T; t++)
            {
                var row = p.Slice(t * T, T);
                var start = t - positions[b * T + t];
                row[..start].Clear();
                row[(t + 1)..].Clear();
                var live = row[start..(t + 1)];
                TensorPrimitives.Multiply(live, _scale, live);
                var max = TensorPrimitives.Max(live);
                var sum = 0f;
                for (var j = start; j <= t; j++)
                {
                    var e = MathF.Exp(row[j] - max);
                    row[j] = e;
                    sum += e;
                }
                TensorPrimitives.Multiply(live, 1f / sum, live);
            }
            Array.Clear(oh);
            MatMul.AddProduct(p, vh, oh, T, hd, 0, T, MatMul.Band.Lower);
            Scatter(oh, output, heads * hd, b, h, add: false);
        }
    }

    /// <summary>
    /// Backward for the (sequence, kv head) units <c>[u0, u1)</c> (unit = <c>b·kvHeads + kvh</c>): adds into
    /// <paramref name="dq"/>, <paramref name="dk"/>, <paramref name="dv"/> (query heads of the group in order, so the result is fixed).
    /// </summary>
    public void Backward(float[] q, float[] k, float[] v, float[] probs, float[] dOutput, float[] dq, float[] dk, float[] dv, int u0, int u1)
    {
        int T = seqLen, hd = headDim;
        var qh = new float[T * hd];
        var kh = new float[T * hd];
        var vt = new float[hd * T];
        var doh = new float[T * hd];
        var dqh = new float[T * hd];
        var dkh = new float[T * hd];
        var dvh = new float[T * hd];
        var ds = new float[T * T];
        var tr = new float[T * T];
        for (var unit = u0; unit < u1; unit++)
        {
            int b = unit / kvHeads, kvh = unit % kvHeads;
            Gather(k, kvHeads * hd, b, kvh, kh);
            Gather(v, kvHeads * hd, b, kvh, dvh);
            MatMul.Transpose(dvh, vt, T, hd);
            Array.Clear(dkh);
            Array.Clear(dvh);
            for (var h = kvh * _group; h < (kvh + 1) * _group; h++)
            {
                Gather(q, heads * hd, b, h, qh);
                Gather(dOutput, heads * hd, b, h, doh);
                var p = probs.AsSpan((b * heads + h) * T * T, T * T);
                Array.Clear(ds);
                MatMul.AddProduct(doh, vt, ds, hd, T, 0, T, causalColumns: true);
                for (var t = 0; t < T; t++)
                {
                    var pr = p.Slice(t * T, T);
                    var dr = ds.AsSpan(t * T, T);
                    var dot = 0f;
                    for (var j = 0; j <= t; j++)
                        dot += pr[j] * dr[j];
                    // pr·(dr − dot)·scale, element by element in that order (the sum above stays sequential).
                    var live = dr[..(t + 1)];
                    TensorPrimitives.Subtract(live, dot, live);
                    TensorPrimitives.Multiply(pr[..(t + 1)], live, live);
                    TensorPrimitives.Multiply(live, _scale, live);
                    dr[(t + 1)..].Clear();
                }
                Array.Clear(dqh);
                MatMul.AddProduct(ds, kh, dqh, T, hd, 0, T, MatMul.Band.Lower);
                Scatter(dqh, dq, heads * hd, b, h, add: true);
                MatMul.Transpose(ds, tr, T, T);
                MatMul.AddProduct(tr, qh, dkh, T, hd, 0, T, MatMul.Band.Upper);
                MatMul.Transpose(p, tr, T, T);
                MatMul.AddProduct(tr, doh, dvh, T, hd, 0, T, MatMul.Band.Upper);
            }
            Scatter(dkh, dk, kvHeads * hd, b, kvh, add: true);
            Scatter(dvh, dv, kvHeads * hd, b, kvh, add: true);
        }
    }

    /// <summary>Copies head <paramref name="head"/> of sequence <paramref name="b"/> out of <paramref name="src"/> [R, width] into <paramref name="dst"/> [T, headDim].</summary>
    private void Gather(float[] src, int width, int b, int head, float[] dst)
    {
        for (var t = 0; t < seqLen; t++)
            Array.Copy(src, (b * seqLen + t) * width + head * headDim, dst, t * headDim, headDim);
    }

    private void Scatter(float[] src, float[] dst, int width, int b, int head, bool add)
    {
        for (var t = 0; t < seqLen; t++)
        {
            var to = dst.AsSpan((b * seqLen + t) * width + head * headDim, headDim);
            var from = src.AsSpan(t * headDim, headDim);
            if (add)
                System.Numerics.Tensors.TensorPrimitives.Add(to, from, to);
            else
                from.CopyTo(to);
        }
    }
}
