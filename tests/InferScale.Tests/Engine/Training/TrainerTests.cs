using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Engine.Training;
using Xunit.Abstractions;

namespace InferScale.Tests.Engine.Training;

public sealed class TrainerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TransformerConfig Tiny => ModelPresets.Get("tiny", ByteTokenizer.Instance.VocabSize);

    private static TrainingOptions Options(int steps) => new()
    {
        Steps = steps,
        BatchSize = 2,
        SequenceLength = 192,
        LearningRate = 1e-2f,
        WarmupSteps = 5,
        Seed = 42,
    };

    private static Trainer NewTrainer(TrainingOptions options, int threads = 1) =>
        new(Tiny, options, new ArithTrainingData(ByteTokenizer.Instance, options), threads);

    [Fact]
    public void RunStep_FiftyStepsOnArith_LossFallsWellBelowInitial()
    {
        var trainer = NewTrainer(Options(50));
        var losses = new List<float>();
        while (!trainer.IsComplete)
            losses.Add(trainer.RunStep().Loss);

        var first = losses[0];
        var last = losses.TakeLast(5).Average();
        output.WriteLine($"loss {first:F3} -> {last:F3}");
        Assert.InRange(first, 5.0, 6.0); // ≈ ln(259) = 5.56 at initialisation
        Assert.True(last < 0.8 * first, $"loss fell only from {first} to {last}");
    }

    [Fact]
    public void RunStep_OneVersusTwoThreads_BitIdenticalWeights()
    {
        var one = NewTrainer(Options(4), threads: 1);
        var two = NewTrainer(Options(4), threads: 2);
        for (var i = 0; i < 4; i++)
        {
            var a = one.RunStep();
            var b = two.RunStep();
            Assert.Equal(BitConverter.SingleToInt32Bits(a.Loss), BitConverter.SingleToInt32Bits(b.Loss));
        }

        Assert.Equal(one.Model.Parameters, two.Model.Parameters);
        Assert.Equal(one.Optimizer.V, two.Optimizer.V);
    }

    [Fact]
    public void Constructor_SameSeedSameResult_DifferentSeedDifferentResult()
    {
        var a = NewTrainer(Options(2));
        var b = NewTrainer(Options(2));
        var c = NewTrainer(Options(2) with { Seed = 43 });
        foreach (var t in new[] { a, b, c })
        {
            t.RunStep();
            t.RunStep();
        }

        Assert.Equal(a.Model.Parameters, b.Model.Parameters);
        Assert.NotEqual(a.Model.Parameters, c.Model.Parameters);
    }

    [Fact]
    public void FromCheckpoint_SavedMidRun_ContinuesBitIdentically()
    {
        var straight = NewTrainer(Options(6));
        var straightLosses = Enumerable.Range(0, 6).Select(_ => straight.RunStep().Loss).ToList();

        var first = NewTrainer(Options(6));
        var losses = Enumerable.Range(0, 3).Select(_ => first.RunStep().Loss).ToList();
        var path = Path.Combine(_dir, "run.ckpt");
        first.CreateCheckpoint().Save(path);
        var loaded = TrainingCheckpoint.Load(path);
        var resumed = Trainer.FromCheckpoint(loaded, new ArithTrainingData(ByteTokenizer.Instance, loaded.Options), threads: 2);
        Assert.Equal(3, resumed.Step);
        while (!resumed.IsComplete)
            losses.Add(resumed.RunStep().Loss);

        Assert.Equal(straightLosses, losses);
        Assert.Equal(straight.Model.Parameters, resumed.Model.Parameters);
        Assert.Equal(straight.Optimizer.M, resumed.Optimizer.M);
        Assert.Equal(straight.Optimizer.V, resumed.Optimizer.V);
    }

    [Fact]
    public void FromCheckpoint_LevelMix_RoundTripsAndContinuesBitIdentically()
    {
        var options = Options(4) with { LevelMix = InferScale.Tasks.Arith.ArithLevelMix.Parse("0,0,1,2,3") };
        var straight = NewTrainer(options);
        var straightLosses = Enumerable.Range(0, 4).Select(_ => straight.RunStep().Loss).ToList();
        var first = NewTrainer(options);
        var losses = Enumerable.Range(0, 2).Select(_ => first.RunStep().Loss).ToList();
        var path = Path.Combine(_dir, "mix.ckpt");
        first.CreateCheckpoint().Save(path);

        var loaded = TrainingCheckpoint.Load(path);
        var resumed = Trainer.FromCheckpoint(loaded, new ArithTrainingData(ByteTokenizer.Instance, loaded.Options), threads: 2);
        while (!resumed.IsComplete)
            losses.Add(resumed.RunStep().Loss);

        Assert.Equal(options, loaded.Options);
        Assert.Equal(3u, BitConverter.ToUInt32(File.ReadAllBytes(path), 8));
        Assert.Equal(straightLosses, losses);
        Assert.Equal(straight.Model.Parameters, resumed.Model.Parameters);
        var uniform = NewTrainer(Options(4));
        Assert.NotEqual(straightLosses, Enumerable.Range(0, 4).Select(_ => uniform.RunStep().Loss).ToList());
    }

    [Fact]
    public void Save_UniformMix_WritesTheVersionOneFormat()
    {
        var path = Path.Combine(_dir, "uniform.ckpt");
        NewTrainer(Options(1)).CreateCheckpoint().Save(path);

        var bytes = File.ReadAllBytes(path);

        Assert.Equal(1u, BitConverter.ToUInt32(bytes, 8));
        Assert.True(TrainingCheckpoint.Load(path).Options.LevelMix.IsUniform);
    }

    [Fact]
    public void Load_OneByteFlipped_ThrowsChecksumErrorNamingFile()
    {
        var path = Path.Combine(_dir, "bad.ckpt");
        NewTrainer(Options(1)).CreateCheckpoint().Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));

        Assert.Contains(path, ex.Message);
        Assert.Contains("checksum", ex.Message);
    }

    [Fact]
    public void Load_NotACheckpoint_ThrowsBadMagic()
    {
        var path = Path.Combine(_dir, "text.ckpt");
        File.WriteAllText(path, "hello, this is not a checkpoint file at all");

        var ex = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));

        Assert.Contains("magic", ex.Message);
    }

    [Fact]
    public void SaveGguf_TrainedModel_LoadsBackToSameWeights()
    {
        var trainer = NewTrainer(Options(2));
        trainer.RunStep();
        var path = Path.Combine(_dir, "m.gguf");

        TrainingExport.SaveGguf(trainer.Model, path, ByteTokenizer.Instance.Vocabulary, "arith-tiny");
        var file = LlamaGguf.Load(path);

        Assert.Equal(trainer.Model.Config, file.Config);
        Assert.Equal(trainer.Model.Parameters, TrainingModel.FromWeights(file.Config, file.Weights).Parameters);
        Assert.Equal(ByteTokenizer.Instance.Encode("b = 3 + 4", addBos: true), file.Tokenizer.Encode("b = 3 + 4", addBos: true));
    }
}
