using System.Text.Json.Nodes;
using InferScale.Tasks;
using InferScale.Tests.Support;
using InferScale.Verification.Code;

namespace InferScale.Tests.Cli;

[Collection(InferScale.Tests.Verification.Code.SandboxCollection.Name)]
public sealed class AnalyzeCodePoolTests
{
    [Fact]
    public async Task Analyze_HumanEvalPool_RunsSamplesInSandbox_AndWritesVerdicts()
    {
        var problems = new DatasetCatalog(RepoPaths.Shared("benchmarks")).Load("humaneval").Take(8).ToList();
        var dir = Directory.CreateTempSubdirectory("inferscale-codepool-");
        try
        {
            var poolPath = Path.Combine(dir.FullName, "pool.jsonl");
            var lines = new List<string>();
            foreach (var p in problems)
            {
                var canonical = p.Metadata["canonical_solution"];
                string[] texts = [canonical, CodeMutations.AlterReturnValue(canonical, p.Metadata["entry_point"]), "    raise RuntimeError('nope')\n"];
                for (var i = 0; i < texts.Length; i++)
                    lines.Add(new JsonObject { ["problem_id"] = p.Id, ["sample"] = i, ["text"] = texts[i] }.ToJsonString());
            }
            await File.WriteAllLinesAsync(poolPath, lines);
            var outDir = Path.Combine(dir.FullName, "out");
            var result = await CliRunner.RunAsync("analyze", poolPath, "--dataset", RepoPaths.Shared("benchmarks", "humaneval.jsonl"), "--out", outDir, "--bootstrap", "50");
            Assert.True(result.ExitCode == 0, result.Error);
            var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "summary.json")))!;
            Assert.Equal(1.0 / 3, summary["metrics"]!["pass@k"]!["1"]!.GetValue<double>(), 6);
            Assert.Equal(1.0, summary["metrics"]!["pass@k"]!["3"]!.GetValue<double>(), 6);
            var verdicts = (await File.ReadAllLinesAsync(Path.Combine(outDir, "verdicts.jsonl"))).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(24, verdicts.Count);
            Assert.All(verdicts.Where(v => v["sample"]!.GetValue<int>() == 0), v => Assert.Equal("passed", v["verdict"]!.GetValue<string>()));
            Assert.All(verdicts.Where(v => v["sample"]!.GetValue<int>() == 1), v => Assert.Equal("failed", v["verdict"]!.GetValue<string>()));
            Assert.All(verdicts.Where(v => v["sample"]!.GetValue<int>() == 2), v =>
            {
                Assert.Equal("error", v["verdict"]!.GetValue<string>());
                Assert.Contains("RuntimeError", v["detail"]!.GetValue<string>());
            });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Analyze_PoolWithUnknownProblem_FailsNamingIt()
    {
        var dir = Directory.CreateTempSubdirectory("inferscale-codepool-");
        try
        {
            var poolPath = Path.Combine(dir.FullName, "pool.jsonl");
            await File.WriteAllTextAsync(poolPath, "{\"problem_id\":\"HumanEval/9999\",\"sample\":0,\"text\":\"pass\"}\n");
            var result = await CliRunner.RunAsync("analyze", poolPath, "--dataset", RepoPaths.Shared("benchmarks", "humaneval.jsonl"), "--out", Path.Combine(dir.FullName, "o"));
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("HumanEval/9999", result.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
