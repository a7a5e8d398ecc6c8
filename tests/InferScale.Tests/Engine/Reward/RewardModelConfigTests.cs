using InferScale.Experiments;
using InferScale.Experiments.Running;
using InferScale.Tests.Support;
using InferScale.Verification.Reward;

namespace InferScale.Tests.Engine.Reward;

public sealed class RewardModelConfigTests : IDisposable
{
    private readonly string _path = TinyRewardModels.Save(TinyRewardModels.Create(3));

    public void Dispose() => File.Delete(_path);

    private static string Json(string rewardPath) => $$"""
        {
          "name": "rm-config",
          "datasets": [{ "name": "arith", "limit": 1 }],
          "models": [{ "name": "arith-0.3m", "path": "{{Escape(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf"))}}" }],
          "reward_model": { "name": "arith-prm", "path": "{{Escape(rewardPath)}}" },
          "seeds": [1],
          "strategies": [{ "name": "best-of-n", "budgets": [2] }]
        }
        """;

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    [Fact]
    public async Task OpenAsync_RewardModelPath_OpensALearnedRewardModel()
    {
        var plan = ExperimentPlan.Expand(ExperimentPlan.Parse(Json(_path)));

        await using var resources = await RunResources.OpenAsync(plan.Config, p => p, new SampleMemo(), engineThreads: 1);

        var model = Assert.IsType<EngineRewardModel>(resources.RewardModel);
        Assert.Equal("tiny-rm", model.Name);
    }

    [Fact]
    public async Task OpenAsync_RewardModelPathIsAPolicy_FailsNamingTheRewardModel()
    {
        var plan = ExperimentPlan.Expand(ExperimentPlan.Parse(Json(Path.Combine(RepoPaths.Root, "models", "arith-0.3m.gguf"))));

        var ex = await Assert.ThrowsAsync<RunSetupException>(async () => await RunResources.OpenAsync(plan.Config, p => p, new SampleMemo(), engineThreads: 1));

        Assert.Contains("reward_model 'arith-prm'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no value head", ex.Message, StringComparison.Ordinal);
    }
}
