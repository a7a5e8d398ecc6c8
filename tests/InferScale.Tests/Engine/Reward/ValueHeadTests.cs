using InferScale.Engine.Training;
using Reference = InferScale.Tests.Engine.Training.ReferenceTransformer;
using Tiny = InferScale.Tests.Engine.Training.TinyModels;
using Xunit.Abstractions;

namespace InferScale.Tests.Engine.Reward;

public sealed class ValueHeadTests(ITestOutputHelper output)
{
    [Fact]
    public void Forward_ValueHead_MatchesScalarDoubleReference()
    {
        var model = RandomValueModel(tied: true, seed: 1);
        var batch = ValueBatch(model, 2, 12, 2);

        var loss = model.Forward(batch);
        var reference = Reference.Loss(model.Layout, [.. model.Parameters.Select(v => (double)v)], batch);

        Assert.True(reference > 0.1, $"reference loss {reference}");
        Assert.Equal(reference, loss, 1e-5 * reference);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_ValueHead_MatchesCentralDifferencesOfReference(bool tied)
    {
        var model = RandomValueModel(tied, seed: 3);
        var batch = ValueBatch(model, 2, 12, 4);
        model.ForwardBackward(batch);
        var p = model.Parameters.Select(v => (double)v).ToArray();
        var rng = new Random(5);
        const double h = 1e-4;
        var nonTrivial = 0;
        foreach (var t in model.Layout.Tensors)
        {
            for (var s = 0; s < (t.Kind is ParameterKind.ValueHead or ParameterKind.ValueBias ? Math.Min(t.Length, 8) : 3); s++)
            {
                var index = t.Kind switch
                {
                    ParameterKind.Embedding => t.Offset + batch.Inputs[rng.Next(batch.Inputs.Length)] * t.Cols + rng.Next(t.Cols),
                    ParameterKind.ValueHead or ParameterKind.ValueBias => t.Offset + s,
                    _ => t.Offset + rng.Next(t.Length),
                };
                var saved = p[index];
                p[index] = saved + h;
                var plus = Reference.Loss(model.Layout, p, batch);
                p[index] = saved - h;
                var minus = Reference.Loss(model.Layout, p, batch);
                p[index] = saved;
                var numeric = (plus - minus) / (2 * h);
                double analytic = model.Gradients[index];
                Assert.True(Math.Abs(analytic - numeric) <= 2e-3 * Math.Abs(numeric) + 2e-5,
                    $"{t.Name}[{index - t.Offset}]: analytic {analytic:G6}, numeric {numeric:G6}");
                if (Math.Abs(numeric) > 1e-4)
                    nonTrivial++;
            }
        }
        output.WriteLine($"{nonTrivial} non-trivial gradients checked");
        Assert.True(nonTrivial >= model.Layout.Tensors.Count * 2, $"only {nonTrivial} sampled gradients were non-trivial");
    }

    [Fact]
    public void Backward_ValueHead_OneVersusTwoThreadsBitIdentical()
    {
        var one = RandomValueModel(tied: true, seed: 7);
        var two = RandomValueModel(tied: true, seed: 7);
        two.Threads = 2;
        var batch = ValueBatch(one, 3, 16, 8);

        Assert.Equal(one.ForwardBackward(batch), two.ForwardBackward(batch));
        Assert.Equal(one.Gradients, two.Gradients);
    }

    [Fact]
    public void Values_LanguageModel_Throws()
    {
        var model = Tiny.Random(Tiny.Config(tied: true), 1);

        Assert.Throws<InvalidOperationException>(() => model.Values(new TrainingBatch(1, 4)));
    }

    [Fact]
    public void Forward_LabelOutsideUnitInterval_ThrowsNamingThePosition()
    {
        var model = RandomValueModel(tied: true, seed: 1);
        var batch = ValueBatch(model, 1, 8, 1);
        batch.LossMask[5] = 1;
        batch.ValueTargets[5] = 1.5f;

        var ex = Assert.Throws<ArgumentException>(() => model.Forward(batch));
        Assert.Contains("ValueTargets[0,5]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Checkpoint_ValueHead_RoundTripsAndResumesBitIdentically()
    {
        var config = Tiny.Config(tied: true);
        var options = new TrainingOptions { Steps = 6, BatchSize = 2, SequenceLength = 12, WarmupSteps = 1, Seed = 3 };
        var data = new FixedData();
        var straight = Trainer.FromModel(RandomValueModel(tied: true, seed: 2), options, data);
        for (var i = 0; i < 6; i++)
            straight.RunStep();

        var first = Trainer.FromModel(RandomValueModel(tied: true, seed: 2), options, data);
        for (var i = 0; i < 3; i++)
            first.RunStep();
        var path = Path.Combine(Path.GetTempPath(), $"inferscale-vh-{Guid.NewGuid():N}.ckpt");
        try
        {
            first.CreateCheckpoint().Save(path);
            var loaded = TrainingCheckpoint.Load(path);
            Assert.True(loaded.ValueHead);
            var resumed = Trainer.FromCheckpoint(loaded, data);
            Assert.True(resumed.Model.HasValueHead);
            for (var i = 0; i < 3; i++)
                resumed.RunStep();
            Assert.Equal(straight.Model.Parameters, resumed.Model.Parameters);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Equal(config.ParameterCount + config.Dim + 1, straight.Model.Layout.Count);
    }

    /// <summary>A tiny model with random trunk weights (as the trainer tests use) and a random value head.</summary>
    internal static TrainingModel RandomValueModel(bool tied, int seed)
    {
        var config = Tiny.Config(tied);
        var lm = Tiny.Random(config, seed);
        var rng = new Random(seed + 100);
        var head = new ValueHeadWeights([.. Enumerable.Range(0, config.Dim).Select(_ => (float)(0.5 * (rng.NextDouble() * 2 - 1)))], 0.3f);
        return TrainingModel.FromWeights(config, lm.ToWeights(), head);
    }

    /// <summary>A packed random batch with soft labels in [0, 1] at the masked positions.</summary>
    internal static TrainingBatch ValueBatch(TrainingModel model, int batchSize, int seqLen, int seed)
    {
        var batch = Tiny.Batch(model.Config, batchSize, seqLen, seed);
        var rng = new Random(seed + 7);
        for (var i = 0; i < batch.ValueTargets.Length; i++)
            batch.ValueTargets[i] = (float)rng.NextDouble();
        return batch;
    }

    private sealed class FixedData : ITrainingData
    {
        public TrainingBatch Batch(long step, int batchSize, int sequenceLength)
        {
            var batch = Tiny.Batch(Tiny.Config(tied: true), batchSize, sequenceLength, (int)step + 1);
            var rng = new Random((int)step + 50);
            for (var i = 0; i < batch.ValueTargets.Length; i++)
                batch.ValueTargets[i] = rng.NextDouble() < 0.5 ? 0f : 1f;
            return batch;
        }
    }
}
