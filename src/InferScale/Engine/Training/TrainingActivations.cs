namespace InferScale.Engine.Training;

/// <summary>Everything the forward pass keeps for the backward pass, plus backward scratch, for one batch shape.</summary>
internal sealed class TrainingActivations
{
    public TrainingActivations(TransformerConfig c, int batch, int seqLen, bool valueHead = false)
    {
        BatchSize = batch;
        SequenceLength = seqLen;
        var r = batch * seqLen;
        int d = c.Dim, kv = c.KvDim, h = c.HiddenDim, layers = c.Layers;
        Attention = new CausalAttention(c.Heads, c.KvHeads, c.HeadDim, seqLen);
        float[][] Many(int count, int size) => Enumerable.Range(0, count).Select(_ => new float[size]).ToArray();
        Residual = Many(layers + 1, r * d);
        N1 = Many(layers, r * d);
        Rstd1 = Many(layers, r);
        Q = Many(layers, r * d);
        K = Many(layers, r * kv);
        V = Many(layers, r * kv);
        Probs = Many(layers, Attention.ProbsLength(batch));
        AttnOut = Many(layers, r * d);
        Mid = Many(layers, r * d);
        N2 = Many(layers, r * d);
        Rstd2 = Many(layers, r);
        Gate = Many(layers, r * h);
        Up = Many(layers, r * h);
        Swi = Many(layers, r * h);
        FinalNormed = new float[r * d];
        RstdF = new float[r];
        Logits = valueHead ? [] : new float[r * c.VocabSize];
        Values = valueHead ? new float[r] : [];
        RowLoss = new float[r];
        DRes = new float[r * d];
        DMid = new float[r * d];
        DNorm = new float[r * d];
        DAttn = new float[r * d];
        DQ = new float[r * d];
        DK = new float[r * kv];
        DV = new float[r * kv];
        DSwi = new float[r * h];
        DGate = new float[r * h];
        DUp = new float[r * h];
        Transposed = new float[Math.Max(Math.Max(c.VocabSize, h), d) * r];
    }

    public int BatchSize { get; }
    public int SequenceLength { get; }
    public CausalAttention Attention { get; }
    public TrainingBatch? Batch { get; set; }
    public float MaskSum { get; set; }

    public float[][] Residual { get; }
    public float[][] N1 { get; }
    public float[][] Rstd1 { get; }
    public float[][] Q { get; }
    public float[][] K { get; }
    public float[][] V { get; }
    public float[][] Probs { get; }
    public float[][] AttnOut { get; }
    public float[][] Mid { get; }
    public float[][] N2 { get; }
    public float[][] Rstd2 { get; }
    public float[][] Gate { get; }
    public float[][] Up { get; }
    public float[][] Swi { get; }
    public float[] FinalNormed { get; }
    public float[] RstdF { get; }
    public float[] Logits { get; }

    /// <summary>Value-head logits <c>w·h + b</c> per row (reward models only; empty otherwise).</summary>
    public float[] Values { get; }
    public float[] RowLoss { get; }
    public float[] DRes { get; }
    public float[] DMid { get; }
    public float[] DNorm { get; }
    public float[] DAttn { get; }
    public float[] DQ { get; }
    public float[] DK { get; }
    public float[] DV { get; }
    public float[] DSwi { get; }
    public float[] DGate { get; }
    public float[] DUp { get; }
    public float[] Transposed { get; }
}
