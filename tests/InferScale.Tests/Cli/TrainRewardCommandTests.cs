using InferScale.Engine.Reward;
using InferScale.Engine.Training;
using InferScale.Tests.Support;

namespace InferScale.Tests.Cli;

public sealed class TrainRewardCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-trainreward-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Policy => Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf");

    private string[] Args(string kind, params string[] extra) => Args(kind, 2, 2, extra);

    private string[] Args(string kind, int problems, int rollouts, params string[] extra) =>
    [
        "train-reward", "--kind", kind, "--policy", Policy, "--labels", Path.Combine(_dir, "labels.jsonl"), "--problems", problems.ToString(), "--samples", "2",
        "--rollouts", rollouts.ToString(), "--steps", "3", "--batch", "1", "--warmup", "1", "--threads", "2", "--out", Path.Combine(_dir, kind + ".gguf"),
        "--checkpoint", Path.Combine(_dir, kind + ".ckpt"), "--loss-csv", Path.Combine(_dir, kind + ".csv"), .. extra,
    ];

    [Fact]
    public async Task TrainReward_LabelsTrainsAndEvaluates()
    {
        var prm = await CliRunner.RunAsync(Args("prm"));
        Assert.True(prm.ExitCode == 0, prm.Error);
        Assert.Contains("labelling cost: 4 solutions", prm.Error, StringComparison.Ordinal);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(_dir, "labels.jsonl")).Length);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(_dir, "prm.csv")).Length);
        Assert.Equal(3, TrainingCheckpoint.Load(Path.Combine(_dir, "prm.ckpt")).Step);
        Assert.Equal(RewardModelKind.Process, RewardGguf.Load(Path.Combine(_dir, "prm.gguf")).Kind);

        var orm = await CliRunner.RunAsync(Args("orm"));
        Assert.True(orm.ExitCode == 0, orm.Error);
        Assert.Contains("all 2 problems are in", orm.Error, StringComparison.Ordinal);
        Assert.Equal(RewardModelKind.Outcome, RewardGguf.Load(Path.Combine(_dir, "orm.gguf")).Kind);

        var eval = await CliRunner.RunAsync(
            "train-reward", "eval", "--policy", Policy, "--prm", Path.Combine(_dir, "prm.gguf"), "--orm", Path.Combine(_dir, "orm.gguf"),
            "--limit", "1", "--n", "2", "--threads", "1");
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains("AUC of final-answer correctness (5 problems × 2 samples)", eval.Out, StringComparison.Ordinal);
        foreach (var row in new[] { "| ORM |", "| PRM (last) |", "| PRM (min) |", "| rule-based arith-steps (min) |", "| majority@2 |", "| pass@2 (oracle) |" })
            Assert.Contains(row, eval.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainReward_Corrupted_LabelsSamplesPlusCorruptedAndResumesAProblemCutShort()
    {
        var labels = Path.Combine(_dir, "labels.jsonl");
        var first = await CliRunner.RunAsync(Args("prm", 2, 1, "--corrupted", "1", "--label-only"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("2 samples + 1 corrupted", first.Error, StringComparison.Ordinal);
        var read = RewardLabelFile.Read(labels);
        Assert.Equal([0, 1, 2, 0, 1, 2], read.Select(s => s.Sample));
        Assert.Equal(2, read.Count(s => s.CorruptedStep is not null));
        var lines = File.ReadAllLines(labels);
        File.WriteAllLines(labels, lines[..^1]); // the second problem lost its corrupted solution

        var resumed = await CliRunner.RunAsync(Args("prm", 2, 1, "--corrupted", "1", "--label-only"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("labelling 1 problems", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(lines, File.ReadAllLines(labels));
        var other = await CliRunner.RunAsync(Args("prm", 2, 1, "--label-only"));
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("corrupted = 1, not nothing", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainReward_LabelsMadeWithOtherSettings_FailsNamingTheSetting()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(Args("prm", 1, 2, "--label-only"))).ExitCode);

        var result = await CliRunner.RunAsync(Args("prm", 1, 3, "--label-only"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("rollouts = 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_PolicyGivenAsRewardModel_FailsSayingItHasNoValueHead()
    {
        var result = await CliRunner.RunAsync("train-reward", "eval", "--prm", Policy, "--limit", "1", "--n", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--prm", result.Error, StringComparison.Ordinal);
        Assert.Contains("no value head", result.Error, StringComparison.Ordinal);
    }
}
