using System.Text.Json.Nodes;
using InferScale.Experiments;
using InferScale.Tests.Cli;
using InferScale.Tests.Support;

namespace InferScale.Tests.Peer;

/// <summary>The main job (<c>inferscale run</c>) with a config whose model is a llama-server endpoint.</summary>
[Collection(LlamaServerCollection.Name)]
public sealed class LlamaServerRunTests(LlamaServerFixture server) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"inferscale-llama-run-{Guid.NewGuid():N}");

    [Fact]
    public void Parse_ShippedLlamaServerConfig_NamesTheEndpointAsLlamaCpp()
    {
        var config = ExperimentPlan.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "configs", "llama-server.json")), "configs/llama-server.json");
        var plan = ExperimentPlan.Expand(config);

        var remote = Assert.Single(config.Models, m => m.Endpoints is not null);
        Assert.Equal("llama-cpp", remote.Server);
        Assert.Equal(["http://127.0.0.1:8080/v1"], remote.Endpoints);
        Assert.Contains(plan.Cases, c => c.Model.Name == remote.Name && c.Strategy == "majority" && c.Budget == 16);
    }

    [Fact]
    public async Task Run_ConfigNamingLlamaServer_RunsMajorityAndGreedyWithTokensCounted()
    {
        Directory.CreateDirectory(_dir);
        var config = Path.Combine(_dir, "config.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "name": "llama-server-test",
              "datasets": [{ "name": "arith", "levels": ["1"], "limit": 2 }],
              "models": [{ "name": "served", "endpoints": ["{{server.BaseAddress}}"], "model": "{{LlamaServerProcess.ModelAlias}}", "supports_n": true, "parameters": 312320 }],
              "sampling": { "temperature": 0.8, "max_tokens": 200 },
              "seeds": [1],
              "strategies": [{ "name": "greedy", "budgets": [1] }, { "name": "majority", "budgets": [4] }]
            }
            """);

        var result = await CliRunner.RunAsync("run", "--config", config, "--out", Path.Combine(_dir, "run"), "--quiet");

        Assert.True(result.ExitCode == 0, result.Error);
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_dir, "run", "summary.json")))!;
        var rows = summary["strategies"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal("served", (string?)row!["model"]);
            Assert.True((double)row["accuracy"]! >= 0.5, row.ToJsonString()); // level-1 problems: the policy solves them
            Assert.True((double)row["tokens"]! > 0, row.ToJsonString());
            Assert.Equal(0, (int)row["errors"]!);
        });
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
