using InferScale.Tasks.Arith;

namespace InferScale.Tests.Tasks.Arith;

public sealed class ArithStepRewardModelTests
{
    private static readonly ArithGenerator Generator = new();
    private static readonly ArithStepRewardModel Model = new();

    [Fact]
    public async Task ScoreAsync_GeneratedSolutions_EveryStepScoresOne()
    {
        foreach (var p in Generator.TestSet(20))
        {
            var score = await Model.ScoreAsync(p.Prompt, p.Solution);
            Assert.Equal(p.Steps.Count + 2, score.StepScores.Count);
            Assert.All(score.StepScores, s => Assert.Equal(1.0, s));
            Assert.Equal(1.0, score.Final);
        }
    }

    [Fact]
    public async Task ScoreAsync_OneResultCorrupted_ThatStepZeroAndFinalZero()
    {
        foreach (var p in Generator.TestSet(20).Where(p => p.Steps.Count >= 3))
        {
            var steps = p.Steps.ToList();
            var eq = steps[1].LastIndexOf(" = ", StringComparison.Ordinal);
            steps[1] = steps[1][..eq] + " = " + (long.Parse(steps[1][(eq + 3)..]) + 2);
            var score = await Model.ScoreAsync(p.Prompt, ArithFormat.Completion(steps, p.Answer));
            Assert.Equal(1.0, score.StepScores[0]);
            Assert.Equal(0.0, score.StepScores[1]);
            Assert.Equal(0.0, score.Final);
        }
    }

    [Fact]
    public async Task ScoreAsync_BoxedAnswerDisagreesWithSteps_AnswerStepZero()
    {
        var p = Generator.TestSet(1)[2];
        var score = await Model.ScoreAsync(p.Prompt, ArithFormat.Completion(p.Steps, p.Answer + 1));
        Assert.Equal(0.0, score.StepScores[^1]);
        Assert.All(score.StepScores.SkipLast(1), s => Assert.Equal(1.0, s));
    }

    [Fact]
    public async Task ScoreAsync_SelfCheckTraces_WaitLinesScoredByTheirArithmeticOrPrior()
    {
        var p = Generator.TestSet(1)[4];
        var score = await Model.ScoreAsync(p.Prompt, "b = 7 + 5 = 13\nWait, b = 7 + 5 = 12\nWait, b = 12\nWait, check: c = 36\n");
        Assert.Equal([0.0, 1.0, 0.5, 0.5], score.StepScores);
        Assert.Equal(0.0, score.Final);
    }

    [Fact]
    public async Task ScoreAsync_NegativeOperandsAndDivision_Checked()
    {
        var score = await Model.ScoreAsync("", "a = (-4) * 3 = -12\nb = -12 / 5 = -2\nc = 12 / 4 = 3\n");
        Assert.Equal([1.0, 0.0, 1.0], score.StepScores);
    }

    [Fact]
    public void Constructor_PriorOutOfRange_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ArithStepRewardModel(1.5));
        Assert.Equal("unparsedPrior", ex.ParamName);
    }
}
