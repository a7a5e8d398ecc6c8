using System.Text.Json.Nodes;
using InferScale.Tests.Support;
using InferScale.Verification.Code;

namespace InferScale.Tests.Verification.Code;

[Collection(SandboxCollection.Name)]
public sealed class HumanEvalAcceptanceTests
{
    private sealed record Task(string Id, string Prompt, string Canonical, string Test, string EntryPoint);

    private static List<Task> LoadHumanEval() =>
        File.ReadLines(RepoPaths.Shared("benchmarks", "humaneval.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Select(o => new Task(o["task_id"]!.GetValue<string>(), o["prompt"]!.GetValue<string>(), o["canonical_solution"]!.GetValue<string>(), o["test"]!.GetValue<string>(), o["entry_point"]!.GetValue<string>()))
            .ToList();

    [Fact]
    public async System.Threading.Tasks.Task CanonicalSolutions_AllPass_AndAlteredSolutions_Fail()
    {
        var tasks = LoadHumanEval();
        Assert.Equal(164, tasks.Count);
        using var sandbox = new PythonSandbox(new SandboxOptions { WallTime = TimeSpan.FromSeconds(20), CpuSeconds = 15 });
        var canonical = await System.Threading.Tasks.Task.WhenAll(tasks.Select(t =>
            sandbox.RunAsync(HumanEvalProgram.Build(t.Prompt, t.Canonical, t.Test, t.EntryPoint))));
        var notPassed = tasks.Zip(canonical).Where(p => p.Second.Verdict != CodeVerdict.Passed).Select(p => $"{p.First.Id}: {p.Second.Verdict} {p.Second.Detail}").ToList();
        Assert.True(notPassed.Count == 0, "canonical solutions that did not pass:\n" + string.Join("\n", notPassed));

        var altered = await System.Threading.Tasks.Task.WhenAll(tasks.Select(t =>
            sandbox.RunAsync(HumanEvalProgram.Build(t.Prompt, CodeMutations.AlterReturnValue(t.Canonical, t.EntryPoint), t.Test, t.EntryPoint))));
        var stillPassing = tasks.Zip(altered).Where(p => p.Second.Verdict == CodeVerdict.Passed).Select(p => p.First.Id).ToList();
        Assert.True(stillPassing.Count == 0, "altered solutions that still passed: " + string.Join(", ", stillPassing));
        Assert.True(altered.Count(r => r.Verdict == CodeVerdict.Failed) >= 150, "most altered solutions should fail an assertion");
    }
}
