using InferScale.Analysis;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Tests.Tasks;
using InferScale.Verification;

namespace InferScale.Tests.Analysis;

public sealed class SamplePoolIoTests
{
    [Fact]
    public void WriteThenRead_RoundTripsEveryField()
    {
        var sample = new Sample("The answer is \\boxed{7}.")
        {
            Index = 3, Answer = "7", IsCorrect = true, Score = 0.25, StepScores = [0.5, 0.25],
            PromptTokens = 11, CompletionTokens = 22, FinishReason = FinishReason.Length,
        };
        var pool = new SamplePool([new PoolProblem("p/1", [sample, new Sample("x") { Index = 0 }]) { Gold = "7", Level = "2" }]);
        var path = SharedData.TempFile(".jsonl", SamplePoolWriter.WriteString(pool).TrimEnd('\n'));

        var read = SamplePoolReader.Read(path);

        var problem = Assert.Single(read.Problems);
        Assert.Equal(("p/1", "7", "2"), (problem.Id, problem.Gold, problem.Level));
        Assert.Equal([0, 3], problem.Samples.Select(s => s.Index));
        var back = problem.Samples[1];
        Assert.Equal((sample.Text, sample.Answer, sample.IsCorrect, sample.Score), (back.Text, back.Answer, back.IsCorrect, back.Score));
        Assert.Equal(sample.StepScores, back.StepScores);
        Assert.Equal((11, 22, FinishReason.Length), (back.PromptTokens, back.CompletionTokens, back.FinishReason));
        Assert.Equal(PoolFormat.InferScale, PoolLoader.DetectFormat(path));
    }

    [Fact]
    public void Write_EveryLineHasEveryField()
    {
        var line = SamplePoolWriter.WriteString(new SamplePool([new PoolProblem("p", [new Sample("t")])])).TrimEnd('\n');

        Assert.Equal("""{"problem_id":"p","sample":0,"text":"t","answer":null,"correct":null,"score":null,"step_scores":null,"prompt_tokens":0,"completion_tokens":0,"finish_reason":"stop","gold":null,"level":null}""", line);
    }

    [Fact]
    public void Read_NoAnswer_ExtractsWithTheGivenExtractor()
    {
        var path = SharedData.TempFile(".jsonl", """{"problem_id":"p","sample":0,"text":"so \\boxed{12}"}""");

        var read = SamplePoolReader.Read(path, MathAnswerChecker.Default);

        Assert.Equal("12", read.Problems[0].Samples[0].Answer);
    }

    [Theory]
    [InlineData("{\"problem_id\":\"p\",\"sample\":1,\"text\":\"x\"", "malformed")]
    [InlineData("""{"sample":1,"text":"x"}""", "problem_id")]
    [InlineData("""{"problem_id":"p","sample":1,"finish_reason":"done"}""", "finish_reason")]
    [InlineData("""{"problem_id":"p","sample":0}""", "appears twice")]
    public void Read_BadSecondLine_NamesFileAndLine(string line, string expected)
    {
        var path = SharedData.TempFile(".jsonl", """{"problem_id":"p","sample":0,"text":"x","correct":true}""", line);

        var ex = Assert.Throws<DataFormatException>(() => SamplePoolReader.Read(path));

        Assert.Contains($"{path}:2:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QwenImporter_RealPool_Reads100ProblemsOf8ScoredSamples()
    {
        var path = SharedData.Pool("qwen25-math-cot-100x8.jsonl");

        var pool = QwenEvalPoolImporter.Read(path);

        Assert.Equal(PoolFormat.Qwen, PoolLoader.DetectFormat(path));
        Assert.Equal(100, pool.Problems.Count);
        Assert.All(pool.Problems, p => Assert.Equal(8, p.Samples.Count));
        Assert.True(pool.HasScores);
        Assert.Equal(["1", "2", "3", "4", "5"], pool.Problems.Select(p => p.Level!).Distinct().Order(StringComparer.Ordinal));
        var first = pool.Problems[0];
        Assert.Equal(("0", "420"), (first.Id, first.Gold));
        Assert.Equal("420", first.Samples[0].Answer);
        Assert.Equal(3.546875, first.Samples[0].Score);
        Assert.Equal(96, pool.Problems.Count(p => p.Samples.Any(s => s.IsCorrect == true)));
    }

    [Fact]
    public void Gsm8kExamplesImporter_RealPool_ReadsFourSystemsPerProblem()
    {
        var path = SharedData.Pool("gsm8k-example-model-solutions.jsonl");

        var pool = Gsm8kExamplesPoolImporter.Read(path);
        var single = Gsm8kExamplesPoolImporter.Read(path, "175b_verification");

        Assert.Equal(PoolFormat.Gsm8kExamples, PoolLoader.DetectFormat(path));
        Assert.Equal(1319, pool.Problems.Count);
        Assert.All(pool.Problems, p => Assert.Equal(4, p.Samples.Count));
        Assert.Equal([286, 515, 458, 742], Enumerable.Range(0, 4).Select(i => pool.Problems.Count(p => p.Samples[i].IsCorrect == true)));
        Assert.Equal(742, single.Problems.Count(p => p.Samples.Single().IsCorrect == true));
        Assert.Equal(("gsm8k/0", "18", "18"), (pool.Problems[0].Id, pool.Problems[0].Gold, pool.Problems[0].Samples[3].Answer));
    }

    [Fact]
    public void Game24Importer_RealLog_Reads100PuzzlesOf100Samples()
    {
        var path = SharedData.Pool("game24-gpt4-cot-100x100.json");

        var pool = Game24PoolImporter.Read(path);

        Assert.Equal(PoolFormat.Game24, PoolLoader.DetectFormat(path));
        Assert.Equal(100, pool.Problems.Count);
        Assert.All(pool.Problems, p => Assert.Equal(100, p.Samples.Count));
        Assert.Equal(49, pool.Problems.Count(p => p.Samples.Any(s => s.IsCorrect == true)));
        Assert.Equal(403, pool.Problems.Sum(p => p.Samples.Count(s => s.IsCorrect == true)));
        Assert.Equal("900", pool.Problems[0].Id);
        Assert.Equal(6960, pool.Problems[0].Samples.Sum(s => s.CompletionTokens));
    }

    [Fact]
    public void Game24Importer_MissingField_NamesFileAndEntry()
    {
        var path = SharedData.TempFile(".json", """[{"idx": 1, "ys": ["Answer: 4*6 = 24"], "infos": [{"r": 1}]}, {"idx": 2, "ys": []}]""");

        var ex = Assert.Throws<DataFormatException>(() => Game24PoolImporter.Read(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("entry 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'infos'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QwenImporter_MismatchedLists_NamesFileAndLine()
    {
        var path = SharedData.TempFile(".jsonl", """{"idx": 0, "gt": "1", "pred": ["1", "2"], "response": ["a"], "score": [true, false]}""");

        var ex = Assert.Throws<DataFormatException>(() => PoolLoader.Load(path));

        Assert.Contains($"{path}:1:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'response'", ex.Message, StringComparison.Ordinal);
    }
}
