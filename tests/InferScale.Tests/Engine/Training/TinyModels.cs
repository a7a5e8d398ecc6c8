using InferScale.Engine;
using InferScale.Engine.Training;

namespace InferScale.Tests.Engine.Training;

/// <summary>Tiny shapes, random models and random packed batches for the trainer tests.</summary>
internal static class TinyModels
{
    public static TransformerConfig Config(bool tied, int vocab = 23) => new()
    {
        VocabSize = vocab,
        Dim = 16,
        Layers = 2,
        Heads = 4,
        KvHeads = 2,
        HiddenDim = 24,
        ContextLength = 16,
        TiedEmbeddings = tied,
    };

    /// <summary>A model with large random weights (std 0.4; norms 1 ± 0.3) so every op is far from its trivial regime.</summary>
    public static TrainingModel Random(TransformerConfig config, int seed)
    {
        var model = new TrainingModel(config);
        var rng = new Random(seed);
        foreach (var t in model.Layout.Tensors)
        {
            for (var i = 0; i < t.Length; i++)
            {
                var z = Gaussian(rng);
                model.Parameters[t.Offset + i] = (float)(t.Kind == ParameterKind.Norm ? 1 + 0.3 * z : 0.4 * z);
            }
        }
        return model;
    }

    /// <summary>Rows packing documents of 3–7 tokens (positions restart per document), mask on about two thirds of positions, one masked-out row tail.</summary>
    public static TrainingBatch Batch(TransformerConfig config, int batchSize, int seqLen, int seed)
    {
        var rng = new Random(seed);
        var batch = new TrainingBatch(batchSize, seqLen);
        for (var b = 0; b < batchSize; b++)
        {
            var pos = 0;
            var docLength = rng.Next(3, 8);
            for (var t = 0; t < seqLen; t++)
            {
                var i = b * seqLen + t;
                if (pos == docLength)
                {
                    pos = 0;
                    docLength = rng.Next(3, 8);
                }
                batch.Inputs[i] = rng.Next(config.VocabSize);
                batch.Targets[i] = rng.Next(config.VocabSize);
                batch.Positions[i] = pos++;
                batch.LossMask[i] = rng.NextDouble() < 0.67 ? 1f : 0f;
            }
        }
        return batch;
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
