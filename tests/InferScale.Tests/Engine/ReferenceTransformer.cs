using InferScale.Engine;

namespace InferScale.Tests.Engine;

/// <summary>
/// The whole model written plainly in double precision, position by position, with no cache tricks: the oracle the
/// engine's forward pass is checked against.
/// </summary>
internal static class ReferenceTransformer
{
    /// <summary>Logits after each token, <c>[tokens, vocab]</c>.</summary>
    public static double[][] Forward(TransformerConfig c, TransformerWeights w, int[] tokens)
    {
        var hd = c.HeadDim;
        var keys = new double[c.Layers][][];
        var values = new double[c.Layers][][];
        for (var l = 0; l < c.Layers; l++)
        {
            keys[l] = new double[tokens.Length][];
            values[l] = new double[tokens.Length][];
        }
        var result = new double[tokens.Length][];
        for (var p = 0; p < tokens.Length; p++)
        {
            var x = new double[c.Dim];
            for (var i = 0; i < c.Dim; i++)
                x[i] = w.TokenEmbedding.ToFloat32()[tokens[p] * c.Dim + i];
            for (var l = 0; l < c.Layers; l++)
            {
                var lw = w.Layers[l];
                var xn = Norm(x, lw.AttnNorm, c.RmsEps);
                var q = MatVec(lw.Wq.ToFloat32(), xn, c.Dim);
                var k = MatVec(lw.Wk.ToFloat32(), xn, c.KvDim);
                var v = MatVec(lw.Wv.ToFloat32(), xn, c.KvDim);
                Rope(q, c.Heads, hd, p, c.RopeTheta);
                Rope(k, c.KvHeads, hd, p, c.RopeTheta);
                keys[l][p] = k;
                values[l][p] = v;
                var att = new double[c.Dim];
                for (var h = 0; h < c.Heads; h++)
                {
                    var g = h / (c.Heads / c.KvHeads);
                    var s = new double[p + 1];
                    for (var t = 0; t <= p; t++)
                    {
                        for (var d = 0; d < hd; d++)
                            s[t] += q[h * hd + d] * keys[l][t][g * hd + d];
                        s[t] /= Math.Sqrt(hd);
                    }
                    var max = s.Max();
                    var sum = s.Sum(z => Math.Exp(z - max));
                    for (var t = 0; t <= p; t++)
                    {
                        var a = Math.Exp(s[t] - max) / sum;
                        for (var d = 0; d < hd; d++)
                            att[h * hd + d] += a * values[l][t][g * hd + d];
                    }
                }
                var o = MatVec(lw.Wo.ToFloat32(), att, c.Dim);
                for (var i = 0; i < c.Dim; i++)
                    x[i] += o[i];
                xn = Norm(x, lw.FfnNorm, c.RmsEps);
                var gate = MatVec(lw.WGate.ToFloat32(), xn, c.HiddenDim);
                var up = MatVec(lw.WUp.ToFloat32(), xn, c.HiddenDim);
                var act = new double[c.HiddenDim];
                for (var i = 0; i < act.Length; i++)
                    act[i] = gate[i] / (1 + Math.Exp(-gate[i])) * up[i];
                var down = MatVec(lw.WDown.ToFloat32(), act, c.Dim);
                for (var i = 0; i < c.Dim; i++)
                    x[i] += down[i];
            }
            result[p] = MatVec(w.OutputHead.ToFloat32(), Norm(x, w.FinalNorm, c.RmsEps), c.VocabSize);
        }
        return result;
    }

    private static double[] Norm(double[] x, float[] weight, float eps)
    {
        var ms = x.Sum(v => v * v) / x.Length;
        var scale = 1 / Math.Sqrt(ms + eps);
        return [.. x.Select((v, i) => v * scale * weight[i])];
    }

    private static double[] MatVec(float[] m, double[] x, int rows)
    {
        var y = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < x.Length; i++)
                y[r] += m[r * x.Length + i] * x[i];
        }
        return y;
    }

    private static void Rope(double[] v, int heads, int hd, int p, float theta)
    {
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < hd / 2; i++)
            {
                var angle = p * Math.Pow(theta, -2.0 * i / hd);
                var (x0, x1) = (v[h * hd + 2 * i], v[h * hd + 2 * i + 1]);
                v[h * hd + 2 * i] = x0 * Math.Cos(angle) - x1 * Math.Sin(angle);
                v[h * hd + 2 * i + 1] = x0 * Math.Sin(angle) + x1 * Math.Cos(angle);
            }
        }
    }
}
