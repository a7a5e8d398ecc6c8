using InferScale.Engine;
using InferScale.Engine.Training;
using Xunit.Abstractions;

namespace InferScale.Tests.Engine.Training;

public sealed class TrainingModelTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Forward_TinyModel_MatchesScalarDoubleReference(bool tied)
    {
        var config = TinyModels.Config(tied);
        var model = TinyModels.Random(config, 1);
        var batch = TinyModels.Batch(config, 2, 12, 2);

        var loss = model.Forward(batch);
        var reference = ReferenceTransformer.Loss(model.Layout, model.Parameters.Select(v => (double)v).ToArray(), batch);

        Assert.True(reference > 1, $"reference loss {reference}");
        Assert.Equal(reference, loss, 1e-5 * reference);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_SampledParametersOfEveryTensor_MatchCentralDifferencesOfReference(bool tied)
    {
        var config = TinyModels.Config(tied);
        var model = TinyModels.Random(config, 3);
        var batch = TinyModels.Batch(config, 2, 12, 4);
        model.ForwardBackward(batch);
        var p = model.Parameters.Select(v => (double)v).ToArray();
        var rng = new Random(5);
        const double h = 1e-4;
        var checkedCount = 0;
        var worst = 0.0;
        foreach (var t in model.Layout.Tensors)
        {
            for (var s = 0; s < 6; s++)
            {
                var index = t.Kind == ParameterKind.Embedding
                    ? t.Offset + batch.Inputs[rng.Next(batch.Inputs.Length)] * t.Cols + rng.Next(t.Cols)
                    : t.Offset + rng.Next(t.Length);
                var saved = p[index];
                p[index] = saved + h;
                var plus = ReferenceTransformer.Loss(model.Layout, p, batch);
                p[index] = saved - h;
                var minus = ReferenceTransformer.Loss(model.Layout, p, batch);
                p[index] = saved;
                var numeric = (plus - minus) / (2 * h);
                double analytic = model.Gradients[index];
                var error = Math.Abs(analytic - numeric);
                worst = Math.Max(worst, error / (Math.Abs(numeric) + 1e-3));
                Assert.True(error <= 2e-3 * Math.Abs(numeric) + 2e-5,
                    $"{t.Name}[{index - t.Offset}]: analytic {analytic:G6}, numeric {numeric:G6}");
                if (Math.Abs(numeric) > 1e-4)
                    checkedCount++;
            }
        }
        output.WriteLine($"worst relative error {worst:G3}; {checkedCount} non-trivial gradients");
        Assert.True(checkedCount >= model.Layout.Tensors.Count * 4, $"only {checkedCount} sampled gradients were non-trivial");
    }

    [Fact]
    public void Backward_OneVersusTwoThreads_GradientsBitIdentical()
    {
        var config = TinyModels.Config(tied: false) with { Dim = 32, HiddenDim = 40, ContextLength = 32 };
        var one = TinyModels.Random(config, 7);
        var two = TinyModels.Random(config, 7);
        two.Threads = 2;
        var batch = TinyModels.Batch(config, 3, 27, 8);

        var lossOne = one.ForwardBackward(batch);
        var lossTwo = two.ForwardBackward(batch);

        Assert.Equal(BitConverter.SingleToInt32Bits(lossOne), BitConverter.SingleToInt32Bits(lossTwo));
        Assert.Equal(one.Gradients, two.Gradients);
    }

    [Fact]
    public void Logits_OneSequence_ScoreLikeTheReferenceForward()
    {
        var config = TinyModels.Config(tied: true);
        var model = TinyModels.Random(config, 13);
        var tokens = new[] { 3, 17, 5, 5, 22, 0, 9, 14 };
        var batch = new TrainingBatch(1, tokens.Length - 1);
        for (var t = 0; t + 1 < tokens.Length; t++)
        {
            batch.Inputs[t] = tokens[t];
            batch.Targets[t] = tokens[t + 1];
            batch.Positions[t] = t;
            batch.LossMask[t] = 1;
        }

        var logits = model.Logits(tokens);
        double loss = 0;
        for (var t = 0; t + 1 < tokens.Length; t++)
        {
            var row = logits.AsSpan(t * config.VocabSize, config.VocabSize).ToArray();
            var max = row.Max();
            loss += max + Math.Log(row.Sum(z => Math.Exp(z - max))) - row[tokens[t + 1]];
        }
        loss /= tokens.Length - 1;

        Assert.Equal(tokens.Length * config.VocabSize, logits.Length);
        Assert.Equal(ReferenceTransformer.Loss(model.Layout, model.Parameters.Select(v => (double)v).ToArray(), batch), loss, 1e-4);
    }

    [Fact]
    public void FromWeights_ToWeights_RoundTripsEveryTensor()
    {
        var config = TinyModels.Config(tied: false);
        var model = TinyModels.Random(config, 9);

        var copy = TrainingModel.FromWeights(config, model.ToWeights());

        Assert.Equal(model.Parameters, copy.Parameters);
        Assert.Equal(model.Parameters.AsSpan(model.Layout.Layer(1, 8).Offset, 5).ToArray(), model.ToWeights().Layers[1].WDown.ToFloat32().Take(5).ToArray());
    }

    [Fact]
    public void Layout_Count_EqualsConfigParameterCount()
    {
        foreach (var tied in new[] { true, false })
        {
            var config = TinyModels.Config(tied);
            Assert.Equal(config.ParameterCount, new ParameterLayout(config).Count);
        }
    }

    [Fact]
    public void CreateInitialized_SameSeed_SameParametersAndSensibleScales()
    {
        var config = TinyModels.Config(tied: true) with { Dim = 64, HiddenDim = 128 };
        var a = TrainingModel.CreateInitialized(config, 11);
        var b = TrainingModel.CreateInitialized(config, 11);
        var c = TrainingModel.CreateInitialized(config, 12);

        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Parameters, c.Parameters);
        double Std(ParameterTensor t) => Math.Sqrt(a.Parameters.AsSpan(t.Offset, t.Length).ToArray().Average(v => (double)v * v));
        Assert.InRange(Std(a.Layout.Layer(0, 6)), 0.018, 0.022);
        Assert.InRange(Std(a.Layout.Layer(0, 8)), 0.018 / 2, 0.022 / 2);
        Assert.All(a.Parameters.AsSpan(a.Layout.FinalNorm.Offset, 64).ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void Forward_TokenOutsideVocabulary_ThrowsNamingTheEntry()
    {
        var config = TinyModels.Config(tied: true);
        var model = new TrainingModel(config);
        var batch = TinyModels.Batch(config, 1, 4, 1);
        batch.Inputs[2] = config.VocabSize;

        var ex = Assert.Throws<ArgumentException>(() => model.Forward(batch));

        Assert.Contains("Inputs[0,2]", ex.Message);
    }
}
