using InferScale.Engine;
using InferScale.Engine.Training;

namespace InferScale.Tests.Engine.Training;

/// <summary>
/// A straightforward scalar double-precision forward pass written from the model's math (no kernels shared with the
/// trainer): the reference for the trainer's loss and, by central differences, for its gradients. With a value head the
/// loss is the soft binary cross-entropy of <c>sigmoid(w·h + b)</c> toward the batch's value targets.
/// </summary>
internal static class ReferenceTransformer
{
    public static double Loss(ParameterLayout layout, double[] p, TrainingBatch batch)
    {
        var c = layout.Config;
        int d = c.Dim, hd = c.HeadDim, T = batch.SequenceLength, group = c.Heads / c.KvHeads;
        double total = 0, weight = 0;
        for (var b = 0; b < batch.BatchSize; b++)
        {
            var x = new double[T][];
            for (var t = 0; t < T; t++)
                x[t] = Row(p, layout.Embedding.Offset, batch.Inputs[b * T + t], d);
            for (var l = 0; l < c.Layers; l++)
            {
                var n = x.Select(v => Norm(v, p, layout.Layer(l, 0).Offset, c.RmsEps)).ToArray();
                var q = n.Select((v, t) => Rope(MatVec(p, layout.Layer(l, 1), v), batch.Positions[b * T + t], hd, c.RopeTheta)).ToArray();
                var k = n.Select((v, t) => Rope(MatVec(p, layout.Layer(l, 2), v), batch.Positions[b * T + t], hd, c.RopeTheta)).ToArray();
                var val = n.Select(v => MatVec(p, layout.Layer(l, 3), v)).ToArray();
                var h = new double[T][];
                for (var t = 0; t < T; t++)
                {
                    var att = new double[d];
                    var start = t - batch.Positions[b * T + t];
                    for (var head = 0; head < c.Heads; head++)
                    {
                        var kvh = head / group;
                        var scores = new double[t - start + 1];
                        for (var j = start; j <= t; j++)
                        {
                            double s = 0;
                            for (var i = 0; i < hd; i++)
                                s += q[t][head * hd + i] * k[j][kvh * hd + i];
                            scores[j - start] = s / Math.Sqrt(hd);
                        }
                        var max = scores.Max();
                        var e = scores.Select(s => Math.Exp(s - max)).ToArray();
                        var sum = e.Sum();
                        for (var j = start; j <= t; j++)
                        {
                            for (var i = 0; i < hd; i++)
                                att[head * hd + i] += e[j - start] / sum * val[j][kvh * hd + i];
                        }
                    }
                    h[t] = Add(x[t], MatVec(p, layout.Layer(l, 4), att));
                }
                for (var t = 0; t < T; t++)
                {
                    var m = Norm(h[t], p, layout.Layer(l, 5).Offset, c.RmsEps);
                    var g = MatVec(p, layout.Layer(l, 6), m);
                    var u = MatVec(p, layout.Layer(l, 7), m);
                    var s = g.Select((gi, i) => gi / (1 + Math.Exp(-gi)) * u[i]).ToArray();
                    x[t] = Add(h[t], MatVec(p, layout.Layer(l, 8), s));
                }
            }
            for (var t = 0; t < T; t++)
            {
                var w = batch.LossMask[b * T + t];
                if (w == 0)
                    continue;
                var final = Norm(x[t], p, layout.FinalNorm.Offset, c.RmsEps);
                if (layout.HasValueHead)
                {
                    var z = MatVec(p, layout.ValueHead, final)[0] + p[layout.ValueBias.Offset];
                    total += w * (Math.Log(1 + Math.Exp(z)) - batch.ValueTargets[b * T + t] * z);
                    weight += w;
                    continue;
                }
                var logits = MatVec(p, layout.Head, final);
                var max = logits.Max();
                var lse = max + Math.Log(logits.Sum(z => Math.Exp(z - max)));
                total += w * (lse - logits[batch.Targets[b * T + t]]);
                weight += w;
            }
        }
        return weight == 0 ? 0 : total / weight;
    }

    private static double[] Row(double[] p, int offset, int row, int width) => p.AsSpan(offset + row * width, width).ToArray();

    private static double[] Norm(double[] x, double[] p, int weightOffset, double eps)
    {
        var ms = x.Sum(v => v * v) / x.Length;
        var s = 1 / Math.Sqrt(ms + eps);
        return x.Select((v, i) => v * s * p[weightOffset + i]).ToArray();
    }

    private static double[] MatVec(double[] p, ParameterTensor w, double[] x)
    {
        var y = new double[w.Rows];
        for (var o = 0; o < w.Rows; o++)
        {
            double s = 0;
            for (var i = 0; i < w.Cols; i++)
                s += p[w.Offset + o * w.Cols + i] * x[i];
            y[o] = s;
        }
        return y;
    }

    private static double[] Rope(double[] x, int pos, int hd, double theta)
    {
        var y = (double[])x.Clone();
        for (var h = 0; h < x.Length; h += hd)
        {
            for (var i = 0; i < hd / 2; i++)
            {
                var angle = pos * Math.Pow(theta, -2.0 * i / hd);
                double a = x[h + 2 * i], b = x[h + 2 * i + 1];
                y[h + 2 * i] = a * Math.Cos(angle) - b * Math.Sin(angle);
                y[h + 2 * i + 1] = a * Math.Sin(angle) + b * Math.Cos(angle);
            }
        }
        return y;
    }

    private static double[] Add(double[] a, double[] b) => a.Select((v, i) => v + b[i]).ToArray();
}
