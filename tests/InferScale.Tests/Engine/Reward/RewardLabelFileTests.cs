using InferScale.Engine.Reward;
using InferScale.Tasks;

namespace InferScale.Tests.Engine.Reward;

public sealed class RewardLabelFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"inferscale-labels-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Read_WrittenLines_RoundTrip()
    {
        var labelled = TinyRewardModels.Labelled(2);
        var header = RewardLabelFile.Header("p", new RewardLabelOptions());
        File.WriteAllLines(_path, [header, .. labelled.Select(RewardLabelFile.Line)]);

        var read = RewardLabelFile.Read(_path, header);

        Assert.Equal(labelled.Select(RewardLabelFile.Line), read.Select(RewardLabelFile.Line));
    }

    [Fact]
    public void Read_CorruptedStep_RoundTripsAndPlainSolutionsHaveNone()
    {
        var labelled = TinyRewardModels.Labelled(2);
        labelled[1] = labelled[1] with { CorruptedStep = 1 };
        var header = RewardLabelFile.Header("p", new RewardLabelOptions { CorruptedPerProblem = 1 });
        File.WriteAllLines(_path, [header, .. labelled.Select(RewardLabelFile.Line)]);

        var read = RewardLabelFile.Read(_path, header);

        Assert.Null(read[0].CorruptedStep);
        Assert.Equal(1, read[1].CorruptedStep);
        Assert.DoesNotContain("corrupted_step", RewardLabelFile.Line(labelled[0]), StringComparison.Ordinal);
        Assert.Contains("\"corrupted\":1", header, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupted", RewardLabelFile.Header("p", new RewardLabelOptions()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(4, 0)]
    [InlineData(4, 2)]
    public void Read_OtherCorruptedCount_FailsEitherWay(int made, int asked)
    {
        File.WriteAllLines(_path, [RewardLabelFile.Header("p", new RewardLabelOptions { CorruptedPerProblem = made })]);

        var ex = Assert.Throws<DataFormatException>(() => RewardLabelFile.Read(_path, RewardLabelFile.Header("p", new RewardLabelOptions { CorruptedPerProblem = asked })));

        Assert.Contains("corrupted = " + (made == 0 ? "nothing" : made.ToString(System.Globalization.CultureInfo.InvariantCulture)), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherSettings_FailsNamingTheSetting()
    {
        File.WriteAllLines(_path, [RewardLabelFile.Header("p", new RewardLabelOptions { Rollouts = 4 })]);

        var ex = Assert.Throws<DataFormatException>(() => RewardLabelFile.Read(_path, RewardLabelFile.Header("p", new RewardLabelOptions { Rollouts = 8 })));

        Assert.Contains("rollouts = 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedLastLine_IsIgnoredOnlyWhenTolerated()
    {
        var line = RewardLabelFile.Line(TinyRewardModels.Labelled(1)[0]);
        File.WriteAllLines(_path, [RewardLabelFile.Header("p", new RewardLabelOptions()), line, line[..20]]);

        Assert.Single(RewardLabelFile.Read(_path, tolerateTruncatedTail: true));
        var ex = Assert.Throws<DataFormatException>(() => RewardLabelFile.Read(_path));
        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void Read_ValueOutsideUnitInterval_FailsNamingTheLine()
    {
        var line = RewardLabelFile.Line(TinyRewardModels.Labelled(1)[0] with { StepValues = [1.5] });
        File.WriteAllLines(_path, [RewardLabelFile.Header("p", new RewardLabelOptions()), line]);

        var ex = Assert.Throws<DataFormatException>(() => RewardLabelFile.Read(_path));

        Assert.Equal(2, ex.LineNumber);
        Assert.Contains("values", ex.Message, StringComparison.Ordinal);
    }
}
