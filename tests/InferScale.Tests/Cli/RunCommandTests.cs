using System.Diagnostics;
using InferScale.Tests.Experiments.Running;

namespace InferScale.Tests.Cli;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inferscale-runcmd-" + Guid.NewGuid().ToString("N"));

    public RunCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Run_KilledWithSigkillMidRun_ResumesToTheSameOutcomesAsAnUninterruptedRun()
    {
        var config = WriteConfig(RunFixtures.ConfigJson());
        var uninterrupted = Path.Combine(_dir, "b");
        var reference = await CliRunner.RunAsync("run", "--config", config, "--out", uninterrupted, "--quiet");
        Assert.True(reference.ExitCode == 0, reference.Error);

        var killed = Path.Combine(_dir, "a");
        var cli = typeof(InferScale.Cli.CliApp).Assembly.Location;
        using (var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "run", "--config", config, "--out", killed, "--json", "--threads", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!)
        {
            _ = process.StandardError.ReadToEndAsync();
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("\"case_finished\"", StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line); // it finished a case before the kill
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.False(File.Exists(Path.Combine(killed, "outcomes.jsonl")), "the killed run never reached its end");

        var resumed = await CliRunner.RunAsync("run", "--config", config, "--out", killed, "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(uninterrupted, "outcomes.jsonl")),
            await File.ReadAllTextAsync(Path.Combine(killed, "outcomes.jsonl")));
    }

    [Fact]
    public async Task Run_SmokePresetTwiceWithOneSeed_IdenticalSummariesApartFromWallTime()
    {
        var a = Path.Combine(_dir, "smoke-a");
        var b = Path.Combine(_dir, "smoke-b");
        foreach (var dir in new[] { a, b })
        {
            var result = await CliRunner.RunAsync("run", "--preset", "smoke", "--seed", "5", "--out", dir, "--quiet");
            Assert.True(result.ExitCode == 0, result.Error);
        }
        static string WithoutWallTime(string path)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            Assert.True(node.Remove("wall_time_seconds"), "the wall-clock field lives apart at the top level");
            return node.ToJsonString();
        }
        var summaryA = WithoutWallTime(Path.Combine(a, "summary.json"));
        Assert.Equal(summaryA, WithoutWallTime(Path.Combine(b, "summary.json")));
        Assert.Contains("\"compute_optimal\"", summaryA, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(a, "outcomes.jsonl")), await File.ReadAllTextAsync(Path.Combine(b, "outcomes.jsonl")));
        Assert.True(File.Exists(Path.Combine(a, "report.html")));
    }

    [Fact]
    public async Task Run_InvalidBudget_NamesTheFieldAndDoesNoWork()
    {
        var config = WriteConfig(RunFixtures.ConfigJson().Replace("\"budgets\": [2, 4]", "\"budgets\": [2, -4]", StringComparison.Ordinal));
        var result = await CliRunner.RunAsync("run", "--config", config, "--out", Path.Combine(_dir, "bad"), "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("strategies[0].budgets[1]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "bad", "results.db")));
    }

    [Fact]
    public async Task Run_MalformedConfig_NamesTheFileAndLine()
    {
        var config = WriteConfig("{\n  \"name\": \"x\",\n  \"datasets\": [ { \"name\": \"arith\" } ,\n  oops\n}");
        var result = await CliRunner.RunAsync("run", "--config", config, "--out", Path.Combine(_dir, "bad"), "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{config}:4", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingModelFile_FailsBeforeAnyWork()
    {
        var config = WriteConfig(RunFixtures.ConfigJson().Replace("arith-0.3m.gguf", "no-such-model.gguf", StringComparison.Ordinal));
        var result = await CliRunner.RunAsync("run", "--config", config, "--out", Path.Combine(_dir, "nomodel"), "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("model 'arith-0.3m'", result.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-model.gguf", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "nomodel", "results.db")));
    }

    [Fact]
    public async Task Run_UnreachableEndpoint_FailsBeforeAnyWork()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port nothing listens on
        var json = RunFixtures.ConfigJson().Replace(
            $"\"path\": \"{RunFixtures.ModelPath}\"", $"\"endpoints\": [\"http://127.0.0.1:{port}/v1\"]", StringComparison.Ordinal);
        var result = await CliRunner.RunAsync("run", "--config", WriteConfig(json), "--out", Path.Combine(_dir, "down"), "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port}/v1 is unreachable", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownPreset_ListsTheKnownOnes()
    {
        var result = await CliRunner.RunAsync("run", "--preset", "huge", "--out", Path.Combine(_dir, "p"), "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("default, smoke", result.Error, StringComparison.Ordinal);
    }

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
