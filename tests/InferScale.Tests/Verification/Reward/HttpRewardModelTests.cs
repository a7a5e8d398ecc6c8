using InferScale.Backends;
using InferScale.Tests.Backends.OpenAI;
using InferScale.Tests.Support;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Verification.Reward;

public sealed class HttpRewardModelTests
{
    private const string Solution = "step one\n\nstep wrong two\n\nstep three";

    private static HttpRewardModelOptions Pooling(OpenAiTestServer server, string path = "pooling") => new()
    {
        Endpoint = new Uri(server.RootAddress, path),
        Model = "prm",
        Resilience = TestGenerators.FastRetries with { MaxRetries = 2 },
    };

    [Theory]
    [InlineData("pairs", "pooling")]
    [InlineData("floats", "v1/pooling")]
    public async Task ScoreAsync_VllmPoolingPerStep_MapsStepScores(string shape, string path)
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { PoolingOutput = shape });
        using var model = new HttpRewardModel(Pooling(server, path));

        var score = await model.ScoreAsync("Q", Solution);

        Assert.Null(score.Error);
        Assert.Equal([0.9, 0.1, 0.9], score.StepScores.Select(s => Math.Round(s, 12)));
        Assert.Equal(0.9, score.Final, 12);
        var body = Assert.Single(server.Requests);
        Assert.Equal("prm", (string?)body["model"]);
        Assert.Equal("Q\n\nstep one<extra_0>step wrong two<extra_0>step three<extra_0>", (string?)body["input"]);
        Assert.Equal(OpenAiTestServerText.CountWords((string)body["input"]!), score.Usage.VerifierTokens);
        Assert.Equal(1, score.Usage.Calls);
    }

    [Fact]
    public async Task ScoreAsync_MinAggregation_TakesTheWeakestStep()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var model = new HttpRewardModel(Pooling(server) with { Aggregation = StepAggregation.Min });

        var score = await model.ScoreAsync("Q", Solution);

        Assert.Equal(0.1, score.Final, 12);
    }

    [Fact]
    public async Task ScoreAsync_OutcomeNumber_MapsFinalOnly()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { PoolingOutput = "number" });
        using var model = new HttpRewardModel(Pooling(server) with { Output = RewardOutput.Outcome });

        var score = await model.ScoreAsync("Q", "all good");

        Assert.Empty(score.StepScores);
        Assert.Equal(0.9, score.Final, 12);
    }

    [Fact]
    public async Task ScoreAsync_GarbageData_RecordsNaNNotThrow()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { PoolingOutput = "garbage" });
        using var model = new HttpRewardModel(Pooling(server));

        var score = await model.ScoreAsync("Q", Solution);

        Assert.True(double.IsNaN(score.Final));
        Assert.Contains("data[0].data", score.Error);
        Assert.Equal(1, server.Received);
    }

    [Fact]
    public async Task ScoreAsync_WrongStepTag_ReportsTheStepCountMismatch()
    {
        await using var server = await OpenAiTestServer.StartAsync(new OpenAiTestServerOptions { PoolingStepTag = "ки" });
        using var model = new HttpRewardModel(Pooling(server));

        var score = await model.ScoreAsync("Q", Solution);

        Assert.True(double.IsNaN(score.Final));
        Assert.Contains("0 step score(s) for 3 step(s)", score.Error);
    }

    [Fact]
    public async Task ScoreAsync_ServerErrors_RetriesThenRecordsFailure()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var model = new HttpRewardModel(Pooling(server));
        server.EnqueueFaults(OpenAiTestServerFault.ServerError);

        var recovered = await model.ScoreAsync("Q", Solution);
        server.EnqueueFaults(OpenAiTestServerFault.ServerError, OpenAiTestServerFault.ServerError, OpenAiTestServerFault.ServerError);
        var failed = await model.ScoreAsync("Q", Solution);

        Assert.Equal(0.9, recovered.Final, 12);
        Assert.Equal(2, recovered.Usage.Calls);
        Assert.True(double.IsNaN(failed.Final));
        Assert.Contains("HTTP 500", failed.Error);
        Assert.Equal(3, failed.Usage.Calls);
    }

    [Fact]
    public async Task ScoreAsync_GenericStepScoresJson_UsesTemplateAndPaths()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var model = new HttpRewardModel(new HttpRewardModelOptions
        {
            Endpoint = new Uri(server.RootAddress, "score_steps"),
            Format = RewardApiFormat.StepScoresJson,
            RequestTemplate = """{"question": {{prompt}}, "steps": {{steps}}}""",
            StepScoresPath = "result.step_scores",
            FinalScorePath = "result.final",
        });

        var score = await model.ScoreAsync("Why \"quoted\"?", "fine step\n\nwrong step");

        var body = Assert.Single(server.Requests);
        Assert.Equal("Why \"quoted\"?", (string?)body["question"]);
        Assert.Equal(["fine step", "wrong step"], body["steps"]!.AsArray().Select(s => (string)s!));
        Assert.Equal([0.9, 0.1], score.StepScores);
        Assert.Equal(0.1, score.Final, 12);
    }

    [Fact]
    public async Task ScoreAsync_GenericJsonMissingPath_RecordsNaN()
    {
        await using var server = await OpenAiTestServer.StartAsync();
        using var model = new HttpRewardModel(new HttpRewardModelOptions
        {
            Endpoint = new Uri(server.RootAddress, "score_steps"),
            Format = RewardApiFormat.StepScoresJson,
            StepScoresPath = "result.nope",
        });

        var score = await model.ScoreAsync("Q", "a\n\nb");

        Assert.True(double.IsNaN(score.Final));
        Assert.Contains("result.nope", score.Error);
    }

    [Fact]
    public void Constructor_MissingEndpoint_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new HttpRewardModel(new HttpRewardModelOptions { Model = "m" }));

        Assert.Equal("Endpoint", e.ParamName);
    }

    [Fact]
    public void Split_SolutionWithBlankLines_GivesTrimmedSteps()
    {
        Assert.Equal(["a", "b c", "d"], SolutionSteps.Split("a\r\n\r\n b c \n\n\n\nd\n"));
        Assert.Empty(SolutionSteps.Split("  "));
    }
}
