using InferScale.Tasks.Arith;

using InferScale.Randomness;

namespace InferScale.Engine.Training;

/// <summary>
/// A llama-style decoder (the engine's architecture) for training: parameters and gradients in flat float arrays laid
/// out by <see cref="ParameterLayout"/>, a forward pass that keeps its activations, and a hand-written backward pass
/// through every op (embedding, RMSNorm, RoPE, causal grouped-query attention, SwiGLU, tied or untied head,
/// masked cross-entropy), in the manner of llm.c. Multithreaded over rows with every output computed by one thread
/// in a fixed order, so gradients are bit-identical for any <see cref="Threads"/>. Not thread-safe.
/// <para>
/// With a value head (<see cref="HasValueHead"/>, a reward model) the language-model head is not computed: each
/// position's final-normed state <c>h</c> gives a scalar <c>z = w·h + b</c>, <c>v = sigmoid(z)</c>, and the loss is the
/// soft binary cross-entropy <c>Σ mask·(softplus(z) − y·z) / Σ mask</c> toward <see cref="TrainingBatch.ValueTargets"/>
/// <c>y</c>. A position's value depends only on its own document's tokens up to it, never on the row, batch or
/// padding around it (every kernel's reduction order is fixed by the shape of one row).
/// </para>
/// </summary>
public sealed class TrainingModel
{
    private readonly float[] _transposed;
    private readonly Rope _rope;
    private TrainingActivations? _acts;

    /// <summary>A model of shape <paramref name="config"/> with all parameters zero; <paramref name="valueHead"/> gives it a scalar value head instead of the language-model loss.</summary>
    public TrainingModel(TransformerConfig config, bool valueHead = false)
    {
        Layout = new ParameterLayout(config, valueHead);
        Parameters = new float[Layout.Count];
        Gradients = new float[Layout.Count];
        _transposed = new float[Layout.Count];
        _rope = new Rope(config.HeadDim, config.ContextLength, config.RopeTheta);
    }

    /// <summary>The model shape.</summary>
    public TransformerConfig Config => Layout.Config;

    /// <summary>Whether the model has a value head (a reward model): <see cref="Forward"/> trains it and <see cref="Values"/> reads it.</summary>
    public bool HasValueHead => Layout.HasValueHead;

    /// <summary>Where each tensor lives in <see cref="Parameters"/> and <see cref="Gradients"/>.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>All parameters, flat.</summary>
    public float[] Parameters { get; }

    /// <summary>Gradients of the last <see cref="Backward"/> (same layout as <see cref="Parameters"/>).</summary>
    public float[] Gradients { get; }

    /// <summary>Worker threads for the forward and backward passes (results do not depend on it).</summary>
    public int Threads
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), value, "Threads must be ≥ 1.");
    } = 1;

    /// <summary>
    /// A freshly initialised model: matrices and the embedding normal(0, 0.02), the projections into the residual
    /// stream (attn_output, ffn_down) scaled by <c>1/√(2·layers)</c>, norms 1, a value head's bias 0. Each tensor draws
    /// from its own stream seeded by (<paramref name="seed"/>, tensor index).
    /// </summary>
    public static TrainingModel CreateInitialized(TransformerConfig config, ulong seed, bool valueHead = false)
    {
        var model = new TrainingModel(config, valueHead);
        var tensors = model.Layout.Tensors;
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            var span = model.Parameters.AsSpan(t.Offset, t.Length);
            if (t.Kind == ParameterKind.Norm)
            {
                span.Fill(1f);
                continue;
            }
            if (t.Kind == ParameterKind.ValueBias)
                continue;
            var std = 0.02 / (t.Kind == ParameterKind.ResidualMatrix ? Math.Sqrt(2.0 * config.Layers) : 1.0);
            var rng = new SplitMix64(SplitMix64.Combine(seed, 0x1417, (ulong)i));
            for (var j = 0; j < span.Length; j++)
            {
                var u1 = 1.0 - rng.NextDouble();
                var u2 = rng.NextDouble();
                span[j] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
        }
        return model;
    }

    /// <summary>A model holding copies of <paramref name="weights"/> (validated against <paramref name="config"/>).</summary>
    public static TrainingModel FromWeights(TransformerConfig config, TransformerWeights weights) => FromWeights(config, weights, null);

    /// <summary>
    /// A model holding copies of <paramref name="weights"/> and, when given, of <paramref name="valueHead"/> (a reward
    /// model, for example a policy's weights with <see cref="ValueHeadWeights.Initial"/> to fine-tune).
    /// </summary>
    public static TrainingModel FromWeights(TransformerConfig config, TransformerWeights weights, ValueHeadWeights? valueHead)
    {
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate(config);
        valueHead?.Validate(config.Dim);
        var model = new TrainingModel(config, valueHead is not null);
        foreach (var (tensor, source) in model.Layout.Tensors.Zip(Enumerate(weights, config)))
            source.CopyTo(model.Parameters.AsSpan(tensor.Offset, tensor.Length));
        if (valueHead is not null)
        {
            valueHead.Weight.CopyTo(model.Parameters, model.Layout.ValueHead.Offset);
            model.Parameters[model.Layout.ValueBias.Offset] = valueHead.Bias;
        }
        return model;
    }

    /// <summary>Copies the value head out.</summary>
    /// <exception cref="InvalidOperationException">The model has no value head.</exception>
    public ValueHeadWeights ToValueHead() =>
        new(Parameters.AsSpan(Layout.ValueHead.Offset, Layout.ValueHead.Length).ToArray(), Parameters[Layout.ValueBias.Offset]);

    /// <summary>Copies the parameters out as <see cref="TransformerWeights"/> (what GGUF export and the engine take).</summary>
    public TransformerWeights ToWeights()
    {
        float[] Get(ParameterTensor t) => Parameters.AsSpan(t.Offset, t.Length).ToArray();
        var layers = new LayerWeights[Config.Layers];
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerWeights
            {
                AttnNorm = Get(Layout.Layer(l, 0)),
                Wq = Get(Layout.Layer(l, 1)),
                Wk = Get(Layout.Layer(l, 2)),
                Wv = Get(Layout.Layer(l, 3)),
                Wo = Get(Layout.Layer(l, 4)),
                FfnNorm = Get(Layout.Layer(l, 5)),
                WGate = Get(Layout.Layer(l, 6)),
                WUp = Get(Layout.Layer(l, 7)),
                WDown = Get(Layout.Layer(l, 8)),
            };
        }
        return new TransformerWeights
        {
            TokenEmbedding = Get(Layout.Embedding),
            Layers = layers,
            FinalNorm = Get(Layout.FinalNorm),
            Output = Config.TiedEmbeddings ? null : Get(Layout.Head),
        };
    }

    /// <summary>
    /// The raw logits [n, VocabSize] of one sequence <paramref name="tokens"/> at positions 0…n−1 (what an inference
    /// engine or llama.cpp computes for the same prompt). Replaces the saved activations.
    /// </summary>
    public float[] Logits(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (HasValueHead)
            throw new InvalidOperationException("A model with a value head computes values, not logits; use Values.");
        if (tokens.Count == 0 || tokens.Count > Config.ContextLength)
            throw new ArgumentException($"A sequence of 1..{Config.ContextLength} tokens is needed; {tokens.Count} given.", nameof(tokens));
        var batch = new TrainingBatch(1, tokens.Count);
        for (var t = 0; t < tokens.Count; t++)
        {
            batch.Inputs[t] = tokens[t];
            batch.Positions[t] = t;
        }
        RunForward(batch, keepLogits: true);
        return _acts!.Logits.AsSpan(0, tokens.Count * Config.VocabSize).ToArray();
    }

    /// <summary>
    /// The value head's output <c>sigmoid(w·h + b)</c> at every position of <paramref name="batch"/> [B·T] (a forward
    /// pass that replaces the saved activations; targets and weights are not read).
    /// </summary>
    /// <exception cref="InvalidOperationException">The model has no value head.</exception>
    public float[] Values(TrainingBatch batch)
    {
        if (!HasValueHead)
            throw new InvalidOperationException("The model has no value head.");
        RunForward(batch, keepLogits: true);
        var z = _acts!.Values;
        var v = new float[z.Length];
        for (var i = 0; i < v.Length; i++)
            v[i] = Sigmoid(z[i]);
        return v;
    }

    /// <summary>
    /// Runs the forward pass, keeps the activations and returns the loss: <c>Σ mask·CE / Σ mask</c> (0 when the mask is
    /// empty), or with a value head the soft binary cross-entropy <c>Σ mask·(softplus(z) − y·z) / Σ mask</c>.
    /// </summary>
    public float Forward(TrainingBatch batch) => RunForward(batch, keepLogits: false);

    private float RunForward(TrainingBatch batch, bool keepLogits)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var c = Config;
        batch.Validate(c.VocabSize, c.ContextLength);
        if (HasValueHead && !keepLogits)
            batch.ValidateValueTargets();
        if (_acts is null || _acts.BatchSize != batch.BatchSize || _acts.SequenceLength != batch.SequenceLength)
        {
            _acts = null;
            _acts = new TrainingActivations(c, batch.BatchSize, batch.SequenceLength, HasValueHead);
        }
        var a = _acts;
        a.Batch = batch;
        TransposeWeights();
        int rows = batch.BatchSize * batch.SequenceLength, d = c.Dim, kv = c.KvDim, hid = c.HiddenDim, th = Threads;
        var p = Parameters;
        var wt = _transposed;
        var pos = batch.Positions;
        var emb = Layout.Embedding.Offset;
        for (var r = 0; r < rows; r++)
            Array.Copy(p, emb + batch.Inputs[r] * d, a.Residual[0], r * d, d);

        for (var l = 0; l < c.Layers; l++)
        {
            var x = a.Residual[l];
            var n1 = a.N1[l];
            var rstd1 = a.Rstd1[l];
            var normOff = Layout.Layer(l, 0).Offset;
            RowRanges.For(rows, th, (r0, r1) => RmsNorm.Forward(x, p.AsSpan(normOff, d), n1, rstd1, d, c.RmsEps, r0, r1));
            var q = a.Q[l];
            var k = a.K[l];
            var v = a.V[l];
            Array.Clear(q);
            Array.Clear(k);
            Array.Clear(v);
            MatMul.AddProduct(n1, wt, q, rows, d, d, th, bOffset: Layout.Layer(l, 1).Offset);
            MatMul.AddProduct(n1, wt, k, rows, d, kv, th, bOffset: Layout.Layer(l, 2).Offset);
            MatMul.AddProduct(n1, wt, v, rows, d, kv, th, bOffset: Layout.Layer(l, 3).Offset);
            RowRanges.For(rows, th, (r0, r1) =>
            {
                _rope.Apply(q, pos, d, r0, r1, inverse: false);
                _rope.Apply(k, pos, kv, r0, r1, inverse: false);
            });
            var probs = a.Probs[l];
            var ao = a.AttnOut[l];
            RowRanges.For(batch.BatchSize * c.Heads, th, (u0, u1) => a.Attention.Forward(q, k, v, pos, probs, ao, u0, u1));
            var mid = a.Mid[l];
            Array.Copy(x, mid, rows * d);
            MatMul.AddProduct(ao, wt, mid, rows, d, d, th, bOffset: Layout.Layer(l, 4).Offset);

            var n2 = a.N2[l];
            var rstd2 = a.Rstd2[l];
            var ffnNormOff = Layout.Layer(l, 5).Offset;
            RowRanges.For(rows, th, (r0, r1) => RmsNorm.Forward(mid, p.AsSpan(ffnNormOff, d), n2, rstd2, d, c.RmsEps, r0, r1));
            var g = a.Gate[l];
            var u = a.Up[l];
            var s = a.Swi[l];
            Array.Clear(g);
            Array.Clear(u);
            MatMul.AddProduct(n2, wt, g, rows, d, hid, th, bOffset: Layout.Layer(l, 6).Offset);
            MatMul.AddProduct(n2, wt, u, rows, d, hid, th, bOffset: Layout.Layer(l, 7).Offset);
            RowRanges.For(rows, th, (r0, r1) => SwiGlu.Forward(g, u, s, r0 * hid, r1 * hid));
            var next = a.Residual[l + 1];
            Array.Copy(mid, next, rows * d);
            MatMul.AddProduct(s, wt, next, rows, hid, d, th, bOffset: Layout.Layer(l, 8).Offset);
        }

        var last = a.Residual[c.Layers];
        var finalOff = Layout.FinalNorm.Offset;
        RowRanges.For(rows, th, (r0, r1) => RmsNorm.Forward(last, p.AsSpan(finalOff, d), a.FinalNormed, a.RstdF, d, c.RmsEps, r0, r1));
        if (HasValueHead)
            return ValueForward(a, batch, rows, keepLogits);
        Array.Clear(a.Logits);
        MatMul.AddProduct(a.FinalNormed, wt, a.Logits, rows, d, c.VocabSize, th, bOffset: Layout.Head.Offset);
        if (keepLogits)
        {
            a.Batch = null;
            return 0f;
        }
        RowRanges.For(rows, th, (r0, r1) => CrossEntropy.Forward(a.Logits, batch.Targets, batch.LossMask, a.RowLoss, c.VocabSize, r0, r1));
        double loss = 0, weight = 0;
        for (var r = 0; r < rows; r++)
        {
            loss += a.RowLoss[r];
            weight += batch.LossMask[r];
        }
        a.MaskSum = (float)weight;
        return weight == 0 ? 0f : (float)(loss / weight);
    }

    /// <summary>Fills <see cref="Gradients"/> with the gradient of the last <see cref="Forward"/>'s loss (overwriting them).</summary>
    public void Backward()
    {
        var a = _acts ?? throw new InvalidOperationException("Call Forward before Backward.");
        var batch = a.Batch ?? throw new InvalidOperationException("Call Forward before Backward.");
        var c = Config;
        int rows = batch.BatchSize * batch.SequenceLength, d = c.Dim, kv = c.KvDim, hid = c.HiddenDim, vocab = c.VocabSize, th = Threads;
        var p = Parameters;
        var grad = Gradients;
        var pos = batch.Positions;
        Array.Clear(grad);
        var scale = a.MaskSum == 0 ? 0f : 1f / a.MaskSum;
        if (HasValueHead)
        {
            ValueBackward(a, batch, rows, scale);
        }
        else
        {
            RowRanges.For(rows, th, (r0, r1) => CrossEntropy.Backward(a.Logits, batch.Targets, batch.LossMask, scale, vocab, r0, r1));

            // Head and final norm.
            var head = Layout.Head.Offset;
            WeightGradient(a.Logits, a.FinalNormed, grad, head, rows, vocab, d, a);
            Array.Clear(a.DNorm);
            MatMul.AddProduct(a.Logits, p, a.DNorm, rows, vocab, d, th, bOffset: head);
        }
        Array.Clear(a.DRes);
        var last = a.Residual[c.Layers];
        var finalOff = Layout.FinalNorm.Offset;
        RowRanges.For(rows, th, (r0, r1) => RmsNorm.BackwardInput(last, p.AsSpan(finalOff, d), a.RstdF, a.DNorm, a.DRes, d, r0, r1));
        RmsNorm.BackwardWeight(last, a.RstdF, a.DNorm, grad.AsSpan(finalOff, d), d, rows);

        for (var l = c.Layers - 1; l >= 0; l--)
        {
            // FFN: next = mid + s·Wdownᵀ.
            var down = Layout.Layer(l, 8).Offset;
            Array.Clear(a.DSwi);
            MatMul.AddProduct(a.DRes, p, a.DSwi, rows, d, hid, th, bOffset: down);
            WeightGradient(a.DRes, a.Swi[l], grad, down, rows, d, hid, a);
            var g = a.Gate[l];
            var u = a.Up[l];
            RowRanges.For(rows, th, (r0, r1) => SwiGlu.Backward(g, u, a.DSwi, a.DGate, a.DUp, r0 * hid, r1 * hid));
            var gate = Layout.Layer(l, 6).Offset;
            var up = Layout.Layer(l, 7).Offset;
            Array.Clear(a.DNorm);
            MatMul.AddProduct(a.DGate, p, a.DNorm, rows, hid, d, th, bOffset: gate);
            MatMul.AddProduct(a.DUp, p, a.DNorm, rows, hid, d, th, bOffset: up);
            var n2 = a.N2[l];
            WeightGradient(a.DGate, n2, grad, gate, rows, hid, d, a);
            WeightGradient(a.DUp, n2, grad, up, rows, hid, d, a);
            var mid = a.Mid[l];
            var rstd2 = a.Rstd2[l];
            var ffnNorm = Layout.Layer(l, 5).Offset;
            Array.Copy(a.DRes, a.DMid, rows * d);
            RowRanges.For(rows, th, (r0, r1) => RmsNorm.BackwardInput(mid, p.AsSpan(ffnNorm, d), rstd2, a.DNorm, a.DMid, d, r0, r1));
            RmsNorm.BackwardWeight(mid, rstd2, a.DNorm, grad.AsSpan(ffnNorm, d), d, rows);

            // Attention: mid = x + attn·Woᵀ.
            var wo = Layout.Layer(l, 4).Offset;
            Array.Clear(a.DAttn);
            MatMul.AddProduct(a.DMid, p, a.DAttn, rows, d, d, th, bOffset: wo);
            WeightGradient(a.DMid, a.AttnOut[l], grad, wo, rows, d, d, a);
            Array.Clear(a.DQ);
            Array.Clear(a.DK);
            Array.Clear(a.DV);
            var q = a.Q[l];
            var k = a.K[l];
            var v = a.V[l];
            var probs = a.Probs[l];
            RowRanges.For(batch.BatchSize * c.KvHeads, th, (u0, u1) => a.Attention.Backward(q, k, v, probs, a.DAttn, a.DQ, a.DK, a.DV, u0, u1));
            RowRanges.For(rows, th, (r0, r1) =>
            {
                _rope.Apply(a.DQ, pos, d, r0, r1, inverse: true);
                _rope.Apply(a.DK, pos, kv, r0, r1, inverse: true);
            });
            int wq = Layout.Layer(l, 1).Offset, wk = Layout.Layer(l, 2).Offset, wv = Layout.Layer(l, 3).Offset;
            Array.Clear(a.DNorm);
            MatMul.AddProduct(a.DQ, p, a.DNorm, rows, d, d, th, bOffset: wq);
            MatMul.AddProduct(a.DK, p, a.DNorm, rows, kv, d, th, bOffset: wk);
            MatMul.AddProduct(a.DV, p, a.DNorm, rows, kv, d, th, bOffset: wv);
            var n1 = a.N1[l];
            WeightGradient(a.DQ, n1, grad, wq, rows, d, d, a);
            WeightGradient(a.DK, n1, grad, wk, rows, kv, d, a);
            WeightGradient(a.DV, n1, grad, wv, rows, kv, d, a);
            var x = a.Residual[l];
            var rstd1 = a.Rstd1[l];
            var attnNorm = Layout.Layer(l, 0).Offset;
            Array.Copy(a.DMid, a.DRes, rows * d);
            RowRanges.For(rows, th, (r0, r1) => RmsNorm.BackwardInput(x, p.AsSpan(attnNorm, d), rstd1, a.DNorm, a.DRes, d, r0, r1));
            RmsNorm.BackwardWeight(x, rstd1, a.DNorm, grad.AsSpan(attnNorm, d), d, rows);
        }

        // Embedding: scatter-add in row order.
        var emb = Layout.Embedding.Offset;
        for (var r = 0; r < rows; r++)
        {
            var dst = grad.AsSpan(emb + batch.Inputs[r] * d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(dst, a.DRes.AsSpan(r * d, d), dst);
        }
    }

    /// <summary><see cref="Forward"/> then <see cref="Backward"/>; returns the loss.</summary>
    public float ForwardBackward(TrainingBatch batch)
    {
        var loss = Forward(batch);
        Backward();
        return loss;
    }

    /// <summary>Value logits <c>z = w·h + b</c> per row (each a fixed-order sum over the width), then the soft BCE loss.</summary>
    private float ValueForward(TrainingActivations a, TrainingBatch batch, int rows, bool valuesOnly)
    {
        int d = Config.Dim, w = Layout.ValueHead.Offset;
        var p = Parameters;
        var bias = p[Layout.ValueBias.Offset];
        RowRanges.For(rows, Threads, (r0, r1) =>
        {
            for (var r = r0; r < r1; r++)
            {
                var z = 0f;
                for (var i = 0; i < d; i++)
                    z = MathF.FusedMultiplyAdd(a.FinalNormed[r * d + i], p[w + i], z);
                a.Values[r] = z + bias;
            }
        });
        if (valuesOnly)
        {
            a.Batch = null;
            return 0f;
        }
        double loss = 0, weight = 0;
        for (var r = 0; r < rows; r++)
        {
            var m = batch.LossMask[r];
            if (m == 0)
                continue;
            double z = a.Values[r];
            loss += m * (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - batch.ValueTargets[r] * z);
            weight += m;
        }
        a.MaskSum = (float)weight;
        return weight == 0 ? 0f : (float)(loss / weight);
    }

    /// <summary>
    /// <c>dz = mask·(sigmoid(z) − y)·scale</c>; the head's gradients are summed over rows in row order, and
    /// <c>dh = dz·w</c> goes to <c>DNorm</c> for the final norm's backward.
    /// </summary>
    private void ValueBackward(TrainingActivations a, TrainingBatch batch, int rows, float scale)
    {
        int d = Config.Dim, w = Layout.ValueHead.Offset, b = Layout.ValueBias.Offset;
        var p = Parameters;
        var grad = Gradients;
        Array.Clear(a.DNorm);
        var gw = grad.AsSpan(w, d);
        var gb = 0f;
        for (var r = 0; r < rows; r++)
        {
            var m = batch.LossMask[r];
            if (m == 0)
                continue;
            var dz = m * scale * (Sigmoid(a.Values[r]) - batch.ValueTargets[r]);
            var h = a.FinalNormed.AsSpan(r * d, d);
            var dh = a.DNorm.AsSpan(r * d, d);
            for (var i = 0; i < d; i++)
            {
                gw[i] = MathF.FusedMultiplyAdd(dz, h[i], gw[i]);
                dh[i] = dz * p[w + i];
            }
            gb += dz;
        }
        grad[b] = gb;
    }

    private static float Sigmoid(float z) => z >= 0 ? 1f / (1f + MathF.Exp(-z)) : MathF.Exp(z) / (1f + MathF.Exp(z));

    /// <summary>Adds <c>dyᵀ·x</c> ([outDim, inDim]) to the gradient tensor at <paramref name="offset"/>.</summary>
    private void WeightGradient(float[] dy, float[] x, float[] grad, int offset, int rows, int outDim, int inDim, TrainingActivations a)
    {
        var tr = a.Transposed;
        RowRanges.For(outDim, Threads, (o0, o1) => MatMul.Transpose(dy.AsSpan(0, rows * outDim), tr.AsSpan(0, outDim * rows), rows, outDim, o0, o1));
        MatMul.AddProduct(tr, x, grad, outDim, rows, inDim, Threads, cOffset: offset);
    }

    private void TransposeWeights()
    {
        foreach (var t in Layout.Tensors)
        {
            if (t.Kind is ParameterKind.Norm or ParameterKind.ValueHead or ParameterKind.ValueBias || (t.Kind == ParameterKind.Embedding && (!Config.TiedEmbeddings || HasValueHead)))
                continue;
            MatMul.Transpose(Parameters.AsSpan(t.Offset, t.Length), _transposed.AsSpan(t.Offset, t.Length), t.Rows, t.Cols);
        }
    }

    private static IEnumerable<float[]> Enumerate(TransformerWeights w, TransformerConfig config)
    {
        yield return w.TokenEmbedding.ToFloat32();
        foreach (var l in w.Layers)
        {
            yield return l.AttnNorm;
            yield return l.Wq.ToFloat32();
            yield return l.Wk.ToFloat32();
            yield return l.Wv.ToFloat32();
            yield return l.Wo.ToFloat32();
            yield return l.FfnNorm;
            yield return l.WGate.ToFloat32();
            yield return l.WUp.ToFloat32();
            yield return l.WDown.ToFloat32();
        }
        yield return w.FinalNorm;
        if (!config.TiedEmbeddings)
            yield return w.Output!.ToFloat32();
    }
}
