using InferScale.Engine.Training;

namespace InferScale.Tests.Engine.Training;

public sealed class OptimizerTests
{
    [Fact]
    public void At_WarmupThenCosine_HitsPeakAndFloor()
    {
        var o = new TrainingOptions { Steps = 111, WarmupSteps = 10, LearningRate = 1f, MinLearningRateRatio = 0.1f };

        Assert.Equal(0.1f, LearningRateSchedule.At(o, 0), 6);
        Assert.Equal(0.5f, LearningRateSchedule.At(o, 4), 6);
        Assert.Equal(1f, LearningRateSchedule.At(o, 10), 6);
        Assert.Equal(0.55f, LearningRateSchedule.At(o, 60), 6);
        Assert.Equal(0.1f, LearningRateSchedule.At(o, 110), 6);
        Assert.True(LearningRateSchedule.At(o, 30) > LearningRateSchedule.At(o, 31));
    }

    [Fact]
    public void Update_OneStep_MatchesAdamWFormulaAndDecaysOnlyMatrices()
    {
        var config = TinyModels.Config(tied: false);
        var layout = new ParameterLayout(config);
        var p = Enumerable.Repeat(0.5f, layout.Count).ToArray();
        var g = Enumerable.Range(0, layout.Count).Select(i => (i % 7 - 3) * 0.01f).ToArray();
        var o = new TrainingOptions { Beta1 = 0.9f, Beta2 = 0.95f, Epsilon = 1e-8f, WeightDecay = 0.1f };
        foreach (var t in layout.Tensors)
            g[t.Offset + 3] = 0;
        var adam = new AdamW(layout);

        adam.Update(p, g, 0.01f, o, threads: 2);

        foreach (var t in layout.Tensors)
        {
            var i = t.Offset + 3; // g = 0: only decay moves it
            var j = t.Offset + 5; // g ≠ 0
            var decay = t.Kind is ParameterKind.Matrix or ParameterKind.ResidualMatrix or ParameterKind.OutputHead ? 0.1 : 0.0;
            double gj = g[j], mhat = 0.1 * gj / 0.1, vhat = 0.05 * gj * gj / 0.05;
            Assert.Equal(0.5 - 0.01 * (0 + decay * 0.5), p[i], 6);
            Assert.Equal(0.5 - 0.01 * (mhat / (Math.Sqrt(vhat) + 1e-8) + decay * 0.5), p[j], 5);
        }
        Assert.Equal(1, adam.Step);
    }

    [Fact]
    public void GlobalNorm_KnownVector_IsL2Norm()
    {
        var g = Enumerable.Repeat(2f, 10_000).ToArray();

        Assert.Equal(200.0, AdamW.GlobalNorm(g), 6);
    }

    [Fact]
    public void Validate_SequenceLongerThanContext_NamesTheOption()
    {
        var config = TinyModels.Config(tied: true);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingOptions { SequenceLength = 17 }.Validate(config));

        Assert.Contains("SequenceLength", ex.Message);
    }
}
