using InferScale.Decontamination;

namespace InferScale.Tests.Decontamination;

public sealed class NgramDecontaminatorTests
{
    private static string Words(int start, int count) => string.Join(' ', Enumerable.Range(start, count).Select(i => "w" + i));

    [Fact]
    public void Run_CopiedInstance_IsContaminatedAndFlagged()
    {
        var eval = new[] { Words(0, 20), Words(100, 20), Words(200, 20) };
        var train = new[] { "unrelated text entirely here", "Prefix words then " + Words(100, 20).ToUpperInvariant() + " and more" };
        var report = new NgramDecontaminator(eval, ["a", "b", "c"]).Run(train);
        var hit = Assert.Single(report.Contaminated);
        Assert.Equal(1, hit.EvalIndex);
        Assert.Equal("b", hit.EvalId);
        Assert.Equal(1.0, hit.Coverage);
        Assert.Equal(1, hit.TrainIndex);
        Assert.True(report.TrainingSetFlagged);
        Assert.Equal(2, report.TrainInstances);
    }

    [Fact]
    public void Run_OverlapSplitAcrossTwoTrainingInstances_IsNotContaminated()
    {
        // 20 tokens; each training instance shares 9 consecutive tokens (45%): together 90%, but no single one exceeds 50%.
        var eval = new[] { Words(0, 20) };
        var train = new[] { Words(0, 9), Words(11, 9) };
        var report = new NgramDecontaminator(eval).Run(train);
        Assert.Empty(report.Contaminated);
        Assert.False(report.TrainingSetFlagged);
    }

    [Fact]
    public void Run_JustAboveAndAtHalf_ThresholdIsStrict()
    {
        var eval = new[] { Words(0, 20), Words(50, 20) };
        var train = new[] { Words(0, 11), Words(50, 10) }; // 55% and exactly 50%
        var report = new NgramDecontaminator(eval).Run(train);
        var hit = Assert.Single(report.Contaminated);
        Assert.Equal(0, hit.EvalIndex);
        Assert.Equal(0.55, hit.Coverage, 10);
    }

    [Fact]
    public void Run_ShorterThanNgram_NeverMatches()
    {
        var report = new NgramDecontaminator(["a b c d e f g"]).Run(["a b c d e f g"]);
        Assert.Empty(report.Contaminated);
    }

    [Fact]
    public void Run_ThreadCount_DoesNotChangeResult()
    {
        var rng = new Random(7);
        string RandomText(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => "t" + rng.Next(40)));
        var eval = Enumerable.Range(0, 50).Select(_ => RandomText(30)).ToArray();
        var train = Enumerable.Range(0, 20_000).Select(i => i % 997 == 0 ? eval[i % 50] : RandomText(25)).ToArray();
        var one = new NgramDecontaminator(eval, null, new DecontaminationOptions { Threads = 1 }).Run(train);
        var two = new NgramDecontaminator(eval, null, new DecontaminationOptions { Threads = 2 }).Run(train);
        Assert.NotEmpty(one.Contaminated);
        Assert.Equal(one.Contaminated, two.Contaminated);
    }

    [Fact]
    public void Options_Invalid_ThrowNamingOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NgramDecontaminator(["x"], null, new DecontaminationOptions { NgramSize = 0 }));
        Assert.Equal("NgramSize", ex.ParamName);
    }
}
