using InferScale.Generation;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Verification.Reward;

public sealed class LlmJudgeRewardModelTests
{
    private const string Solution = "First, 2 + 2 = 4.\n\nThen 4 * 3 = 12.\r\n\r\nSo the answer is 12.";

    [Theory]
    [InlineData("The reasoning is sound.\nScore: 7", 0.7)]
    [InlineData("**Score:** 8/10", 0.8)]
    [InlineData("Rating: [[9]]", 0.9)]
    [InlineData("I would give it 6/10 overall.", 0.6)]
    [InlineData("Score: 3 at first sight... on reflection, Score: 5", 0.5)]
    [InlineData("score = 10", 1.0)]
    [InlineData("Score: 0", 0.0)]
    public async Task ScoreAsync_OutcomeGrade_ParsesTheGrade(string judgeText, double expected)
    {
        var judge = new ScriptedJudge(_ => judgeText);
        var model = new LlmJudgeRewardModel(judge);

        var score = await model.ScoreAsync("What is (2+2)*3?", Solution);

        Assert.Equal(expected, score.Final, 12);
        Assert.Empty(score.StepScores);
        Assert.Null(score.Error);
        Assert.Equal(25, score.Usage.VerifierTokens);
        Assert.Equal(1, score.Usage.Calls);
        Assert.Contains("What is (2+2)*3?", judge.Prompts[0]);
        Assert.Contains("So the answer is 12.", judge.Prompts[0]);
    }

    [Theory]
    [InlineData("I cannot decide.", "no grade found")]
    [InlineData("Score: 42", "outside 0–10")]
    [InlineData("", "no grade found")]
    public async Task ScoreAsync_GarbageGrade_RecordsNaNWithReason(string judgeText, string reason)
    {
        var model = new LlmJudgeRewardModel(new ScriptedJudge(_ => judgeText));

        var score = await model.ScoreAsync("Q", Solution);

        Assert.True(double.IsNaN(score.Final));
        Assert.Contains(reason, score.Error);
    }

    [Fact]
    public async Task ScoreAsync_StepVerdicts_ScoresEachStepAndAggregates()
    {
        var judge = new ScriptedJudge(_ => "Step 1: yes\n- Step 2: Incorrect, 4*3 is 12 though\nStep 2: yes\nStep 3: no");
        var model = new LlmJudgeRewardModel(judge, new LlmJudgeOptions { Mode = JudgeMode.StepVerdicts });

        var score = await model.ScoreAsync("Q", Solution);

        Assert.Equal([1.0, 1.0, 0.0], score.StepScores);
        Assert.Equal(0.0, score.Final);
        Assert.Null(score.Error);
        Assert.Contains("Step 1: First, 2 + 2 = 4.\nStep 2: Then 4 * 3 = 12.\nStep 3: So the answer is 12.", judge.Prompts[0]);
        Assert.Contains("K = 1 to 3", judge.Prompts[0]);
    }

    [Fact]
    public async Task ScoreAsync_StepVerdictMissing_RecordsNaNForThatStep()
    {
        var model = new LlmJudgeRewardModel(new ScriptedJudge(_ => "Step 1: yes\nStep 3: yes\nStep 9: no"),
            new LlmJudgeOptions { Mode = JudgeMode.StepVerdicts });

        var score = await model.ScoreAsync("Q", Solution);

        Assert.Equal(1.0, score.StepScores[0]);
        Assert.True(double.IsNaN(score.StepScores[1]));
        Assert.Equal(1.0, score.StepScores[2]);
        Assert.True(double.IsNaN(score.Final));
        Assert.Contains("step(s) 2", score.Error);
    }

    [Fact]
    public async Task ScoreAsync_JudgeCallFailed_RecordsTheFailure()
    {
        var model = new LlmJudgeRewardModel(new ScriptedJudge(_ => "Score: 9", FinishReason.Error));

        var score = await model.ScoreAsync("Q", Solution);

        Assert.True(double.IsNaN(score.Final));
        Assert.Contains("HTTP 500", score.Error);
        Assert.Equal(1, score.Usage.Calls);
    }

    [Fact]
    public async Task ScoreBatchAsync_SeveralSolutions_ReturnsScoresInInputOrder()
    {
        var model = new LlmJudgeRewardModel(new ScriptedJudge(p => p.Contains("sol-3", StringComparison.Ordinal) ? "Score: 3" : p.Contains("sol-8", StringComparison.Ordinal) ? "Score: 8" : "nothing"));

        var scores = await model.ScoreBatchAsync("Q", ["sol-8", "sol-3", "sol-x"], maxParallelism: 2);

        Assert.Equal(0.8, scores[0].Final, 12);
        Assert.Equal(0.3, scores[1].Final, 12);
        Assert.True(double.IsNaN(scores[2].Final));
    }

    [Fact]
    public void Constructor_RubricWithoutSolution_ThrowsNamingRubric()
    {
        var e = Assert.Throws<ArgumentException>(() => new LlmJudgeRewardModel(new ScriptedJudge(_ => ""), new LlmJudgeOptions { Rubric = "Grade it." }));

        Assert.Equal("Rubric", e.ParamName);
    }

    [Theory]
    [InlineData(StepAggregation.Last, 0.5)]
    [InlineData(StepAggregation.Min, 0.2)]
    [InlineData(StepAggregation.Product, 0.08)]
    [InlineData(StepAggregation.Mean, 0.5)]
    public void Aggregate_StepScores_FollowsTheRule(StepAggregation aggregation, double expected)
    {
        Assert.Equal(expected, aggregation.Aggregate([0.8, 0.2, 0.5]), 12);
        Assert.True(double.IsNaN(aggregation.Aggregate([])));
    }
}
