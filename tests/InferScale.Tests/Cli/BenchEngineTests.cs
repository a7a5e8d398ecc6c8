using System.Text.Json;
using InferScale.Cli.Commands;

namespace InferScale.Tests.Cli;

public sealed class BenchEngineTests
{
    [Fact]
    public void Run_TinySettings_ReportsEveryCellAndTheSharedPrefixSpeedup()
    {
        var settings = BenchEngineSettings.Quick with
        {
            Models = ["1m"],
            Batches = [1, 4],
            Window = TimeSpan.FromMilliseconds(30),
            PeakWindow = TimeSpan.FromMilliseconds(30),
            PrefillTokens = 32,
            DecodeSteps = 8,
            SharedSamples = 8,
            SharedPromptTokens = 48,
            SharedCompletionTokens = 4,
            Threads = 2,
        };
        var lines = new List<string>();
        var report = new BenchEngineRunner(settings, TimeProvider.System).Run(lines.Add, CancellationToken.None);
        Assert.True(report.PeakGflops > 0);
        Assert.Equal([1, 4], report.Decode.Select(d => d.Batch));
        Assert.All(report.Decode, d => Assert.True(d.TokensPerSecond > 0 && d.Gflops > 0));
        Assert.Single(report.Prefill);
        Assert.True(report.SharedPrefixSpeedup > 1, $"shared prefix {report.SharedSeconds}s vs {report.IndependentSeconds}s");
        Assert.Contains(lines, l => l.Contains("decode at batch 4"));

        using var json = JsonDocument.Parse(BenchEngineReportWriter.ToJson(report));
        var root = json.RootElement;
        Assert.True(root.GetProperty("peak_gflops").GetDouble() > 0);
        var decode = root.GetProperty("decode").EnumerateArray().ToList();
        Assert.Equal(2, decode.Count);
        Assert.Equal("1m", decode[0].GetProperty("model").GetString());
        Assert.Equal(4, decode[1].GetProperty("batch").GetInt32());
        Assert.True(decode[1].GetProperty("tokens_per_s").GetDouble() > 0);
        Assert.True(root.GetProperty("prefill")[0].GetProperty("gflops").GetDouble() > 0);
        Assert.True(root.GetProperty("shared_prefix_speedup").GetDouble() > 1);
    }

    [Fact]
    public async Task BenchEngine_BadThreads_FailsWithExitCode2()
    {
        var result = await CliRunner.RunAsync("bench", "engine", "--threads", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--threads", result.Error);
    }
}
