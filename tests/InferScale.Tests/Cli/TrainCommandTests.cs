using InferScale.Engine.Gguf;
using InferScale.Engine.Training;

namespace InferScale.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-traincli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(int steps, params string[] extra) =>
    [
        "train", "--preset", "tiny", "--steps", steps.ToString(), "--batch", "2", "--seq-len", "96", "--warmup", "2", "--lr", "0.01",
        "--threads", "2", "--out", Path.Combine(_dir, "tiny.gguf"), "--loss-csv", Path.Combine(_dir, "loss.csv"), .. extra,
    ];

    [Fact]
    public async Task Train_TinyPreset_WritesCsvModelAndCheckpoint()
    {
        var result = await CliRunner.RunAsync(Args(4));

        Assert.True(result.ExitCode == 0, result.Error);
        var csv = File.ReadAllLines(Path.Combine(_dir, "loss.csv"));
        Assert.Equal("step,loss,lr,grad_norm,tokens_per_s", csv[0]);
        Assert.Equal(["1", "2", "3", "4"], csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(csv.Skip(1), l => Assert.Equal(5, l.Split(',').Length));
        var model = LlamaGguf.Load(Path.Combine(_dir, "tiny.gguf"));
        Assert.Equal(ModelPresets.Get("tiny", 259), model.Config);
        Assert.Equal(4, TrainingCheckpoint.Load(Path.Combine(_dir, "tiny.ckpt")).Step);
        Assert.Contains("tokens/s", result.Error);
    }

    [Fact]
    public async Task Train_ExistingCheckpoint_ResumesAndMatchesUninterruptedRun()
    {
        var straight = await CliRunner.RunAsync(Args(4, "--checkpoint", Path.Combine(_dir, "straight.ckpt")));
        Assert.Equal(0, straight.ExitCode);
        var straightModel = LlamaGguf.Load(Path.Combine(_dir, "tiny.gguf")).Weights;

        // A run stopped after 2 steps leaves a checkpoint at step 2 (as Ctrl+C would); continuing it must end where the straight run did.
        var first = TrainingCheckpoint.Load(Path.Combine(_dir, "straight.ckpt"));
        var options = first.Options;
        var trainer = new Trainer(first.Config, options, new ArithTrainingData(InferScale.Engine.ByteTokenizer.Instance, options));
        trainer.RunStep();
        trainer.RunStep();
        trainer.CreateCheckpoint().Save(Path.Combine(_dir, "half.ckpt"));
        var resumed = await CliRunner.RunAsync(Args(4, "--checkpoint", Path.Combine(_dir, "half.ckpt")));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resuming", resumed.Error);
        Assert.Equal(straightModel.Layers[1].WDown.ToFloat32(), LlamaGguf.Load(Path.Combine(_dir, "tiny.gguf")).Weights.Layers[1].WDown.ToFloat32());
    }

    [Fact]
    public async Task Train_Cancelled_SavesCheckpointAndExits130()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var error = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(error), Interactive = Spectre.Console.InteractionSupport.No });

        var code = await InferScale.Cli.CliApp.RunAsync(Args(3), console, new StringWriter(), error, cancel.Token);

        Assert.Equal(130, code);
        Assert.Equal(0, TrainingCheckpoint.Load(Path.Combine(_dir, "tiny.ckpt")).Step);
        Assert.False(File.Exists(Path.Combine(_dir, "tiny.gguf")));
        var resumed = await CliRunner.RunAsync(Args(3));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(3, TrainingCheckpoint.Load(Path.Combine(_dir, "tiny.ckpt")).Step);
    }

    [Fact]
    public async Task Train_CheckpointWithOtherSettings_ExitCode2NamingTheSetting()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(Args(2))).ExitCode);

        var result = await CliRunner.RunAsync(Args(2, "--seed", "9"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Seed 1 in the checkpoint, 9 now", result.Error);
    }

    [Fact]
    public async Task Train_LevelWeights_StoredInCheckpoint_OtherWeightsRefused()
    {
        var first = await CliRunner.RunAsync(Args(2, "--level-weights", "0,0,1,1,2"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("level weights 0,0,1,1,2", first.Error);
        Assert.Equal("0,0,1,1,2", TrainingCheckpoint.Load(Path.Combine(_dir, "tiny.ckpt")).Options.LevelMix.ToString());

        var other = await CliRunner.RunAsync(Args(2));
        var same = await CliRunner.RunAsync(Args(2, "--level-weights", "0, 0, 1, 1, 2"));

        Assert.Equal(2, other.ExitCode);
        Assert.Contains("LevelMix 0,0,1,1,2 in the checkpoint, 1,1,1,1,1 now", other.Error);
        Assert.True(same.ExitCode == 0, same.Error);
        Assert.Contains("resuming", same.Error);
        Assert.Contains("nothing to do", same.Error);
    }

    [Fact]
    public async Task Train_BadLevelWeights_ExitCode2NamingTheOption()
    {
        var result = await CliRunner.RunAsync(Args(2, "--level-weights", "1,2,3"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--level-weights: '1,2,3' is not a level mix", result.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "tiny.ckpt")));
    }

    [Fact]
    public async Task Train_SequenceLongerThanContext_ExitCode2NamingTheOption()
    {
        var result = await CliRunner.RunAsync("train", "--preset", "tiny", "--steps", "2", "--seq-len", "300", "--out", Path.Combine(_dir, "x.gguf"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--seq-len", result.Error);
    }
}
