using InferScale.Engine.Gguf;
using InferScale.Engine.Reward;
using InferScale.Tests.Support;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Engine.Reward;

public sealed class EngineRewardModelTests : IDisposable
{
    private const string Prompt = "Problem: a = 7. b = a + 5. c = b * 3. What is c?\nSolution:\n<think>\n";
    private const string Solution = "b = 7 + 5 = 12\nc = 12 * 3 = 36\n</think>\nThe answer is \\boxed{36}.\n";
    private readonly string _path = TinyRewardModels.Save(TinyRewardModels.Create(11));

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task ScoreAsync_EveryStepPrefix_EqualsThatStepsScoreInTheFullSolutionsSinglePass()
    {
        var model = EngineRewardModel.Open(_path);

        var full = await model.ScoreAsync(Prompt, Solution);

        Assert.Equal(4, full.StepScores.Count);
        Assert.Equal(full.StepScores[^1], full.Final);
        for (var k = 1; k <= 4; k++)
        {
            var prefix = RewardDocument.Prefix(Solution, k);
            var alone = await model.ScoreAsync(Prompt, prefix);
            var unterminated = await model.ScoreAsync(Prompt, prefix.TrimEnd('\n'));
            Assert.Equal(full.StepScores.Take(k), alone.StepScores);
            Assert.Equal(full.StepScores[k - 1], alone.Final);
            Assert.Equal(alone.StepScores, unterminated.StepScores);
        }
        Assert.All(full.StepScores, s => Assert.InRange(s, 0, 1));
        Assert.True(full.StepScores.Distinct().Count() > 1, "a random model should give different scores to different steps");
    }

    [Fact]
    public async Task ScoreManyAsync_PackedWithOthers_EqualsScoringAlone()
    {
        var model = EngineRewardModel.Open(_path, threads: 2, maxRows: 2);
        string[] solutions = [Solution, "b = 7 + 5 = 13\n", "", "c = 1\n\nWait, c = 36\n", Solution.Replace("36", "35", StringComparison.Ordinal)];

        var packed = await model.ScoreManyAsync([.. solutions.Select(s => (Prompt, s))]);
        var concurrent = await Task.WhenAll(solutions.Select(s => model.ScoreAsync(Prompt, s).AsTask()));

        for (var i = 0; i < solutions.Length; i++)
        {
            var alone = await EngineRewardModel.Open(_path).ScoreAsync(Prompt, solutions[i]);
            Assert.Equal(alone.StepScores, packed[i].StepScores);
            Assert.Equal(alone.Final, packed[i].Final);
            Assert.Equal(alone.Final, concurrent[i].Final);
        }
        Assert.Empty(packed[2].StepScores);
        Assert.InRange(packed[2].Final, 0, 1);
    }

    [Fact]
    public async Task ScoreAsync_Usage_CountsTheTokensRead()
    {
        var model = EngineRewardModel.Open(_path);

        var score = await model.ScoreAsync(Prompt, Solution);

        Assert.Equal(1 + Prompt.Length + Solution.Length, score.Usage.VerifierTokens);
        Assert.Equal(1, score.Usage.Calls);
        Assert.True(score.Usage.Flops > 0);
        Assert.Null(score.Error);
        Assert.Equal(RewardModelKind.Process, model.Kind);
    }

    [Fact]
    public async Task ScoreAsync_LongerThanTheContext_StepsPastItAreNaNWithAnError()
    {
        var model = EngineRewardModel.Open(_path);
        var solution = string.Concat(Enumerable.Range(0, 40).Select(i => $"x{i} = {i} + 1 = {i + 1}\n"));

        var score = await model.ScoreAsync(Prompt, solution);

        Assert.True(double.IsNaN(score.Final));
        Assert.Contains("reads at most 320", score.Error, StringComparison.Ordinal);
        Assert.False(double.IsNaN(score.StepScores[0]));
    }

    [Fact]
    public void Open_PolicyWithoutValueHead_FailsSayingSo()
    {
        var policy = Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf");

        var ex = Assert.Throws<GgufFormatException>(() => EngineRewardModel.Open(policy));

        Assert.Contains("no value head", ex.Message, StringComparison.Ordinal);
        Assert.Contains("arith-0.3m.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RoundTrip_KeepsTrunkHeadKindAndPolicy()
    {
        var model = TinyRewardModels.Create(5);
        var path = TinyRewardModels.Save(model, RewardModelKind.Outcome);
        try
        {
            var file = RewardGguf.Load(path);

            Assert.Equal(RewardModelKind.Outcome, file.Kind);
            Assert.Equal("tiny-policy", file.Policy);
            Assert.Equal(model.Config, file.Config);
            Assert.Equal(model.Parameters, file.ToTrainingModel().Parameters);
            Assert.Equal("llama", GgufFile.Read(path).GetString("general.architecture"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_HeadTensorMissing_FailsNamingIt()
    {
        var model = TinyRewardModels.Create(5);
        var path = Path.Combine(Path.GetTempPath(), $"inferscale-rm-{Guid.NewGuid():N}.gguf");
        try
        {
            var w = LlamaGguf.CreateWriter(model.Config, model.ToWeights(), TinyRewardModels.Tokenizer.Vocabulary, GgufTensorType.F32, "broken");
            w.AddString(RewardGguf.KindKey, "prm");
            w.WriteTo(path);

            var ex = Assert.Throws<GgufFormatException>(() => RewardGguf.Load(path));

            Assert.Contains("value_head.weight", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
