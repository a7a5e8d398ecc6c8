namespace InferScale.Engine;

/// <summary>Seeded random weights for tests and benchmarks: matrices uniform in ±1/sqrt(in), norms near 1.</summary>
public static class RandomWeights
{
    /// <summary>Weights for <paramref name="config"/>, a pure function of (<paramref name="config"/>, <paramref name="seed"/>).</summary>
    public static TransformerWeights Create(TransformerConfig config, int seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var random = new Random(seed);
        float[] Matrix(int rows, int cols, float scale)
        {
            var a = new float[rows * cols];
            for (var i = 0; i < a.Length; i++)
                a[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            return a;
        }
        float[] Norm(int n)
        {
            var a = new float[n];
            for (var i = 0; i < n; i++)
                a[i] = (float)(0.8 + 0.4 * random.NextDouble());
            return a;
        }
        var inv = 1f / MathF.Sqrt(config.Dim);
        var layers = new LayerWeights[config.Layers];
        for (var l = 0; l < layers.Length; l++)
        {
            layers[l] = new LayerWeights
            {
                AttnNorm = Norm(config.Dim),
                Wq = Matrix(config.Dim, config.Dim, inv),
                Wk = Matrix(config.KvDim, config.Dim, inv),
                Wv = Matrix(config.KvDim, config.Dim, inv),
                Wo = Matrix(config.Dim, config.Dim, inv),
                FfnNorm = Norm(config.Dim),
                WGate = Matrix(config.HiddenDim, config.Dim, inv),
                WUp = Matrix(config.HiddenDim, config.Dim, inv),
                WDown = Matrix(config.Dim, config.HiddenDim, 1f / MathF.Sqrt(config.HiddenDim)),
            };
        }
        return new TransformerWeights
        {
            TokenEmbedding = Matrix(config.VocabSize, config.Dim, 1f),
            Layers = layers,
            FinalNorm = Norm(config.Dim),
            Output = config.TiedEmbeddings ? null : Matrix(config.VocabSize, config.Dim, inv * 4),
        };
    }
}
