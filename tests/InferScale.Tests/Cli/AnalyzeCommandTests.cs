using System.Text.Json;
using InferScale.Tests.Tasks;

namespace InferScale.Tests.Cli;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public async Task Analyze_QwenPool_HitsTheAcceptanceNumbers()
    {
        var dir = SharedData.TempDirectory();

        var result = await CliRunner.RunAsync("analyze", SharedData.Pool("qwen25-math-cot-100x8.jsonl"), "--out", dir);

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(100, root.GetProperty("problems").GetInt32());
        Assert.Equal(8, root.GetProperty("samples_per_problem").GetInt32());
        var metrics = root.GetProperty("metrics");
        Assert.Equal(0.96, metrics.GetProperty("pass@k").GetProperty("8").GetDouble());
        Assert.Equal(0.94, metrics.GetProperty("bon@k").GetProperty("8").GetDouble());
        Assert.InRange(metrics.GetProperty("maj@k").GetProperty("8").GetDouble(), 0.92, 0.94);
        foreach (var key in new[] { "1", "2", "4", "8" })
        {
            foreach (var metric in new[] { "pass@k", "maj@k", "bon@k", "weighted_maj@k" })
                Assert.InRange(metrics.GetProperty(metric).GetProperty(key).GetDouble(), 0.0, 1.0);
        }

        var ci = root.GetProperty("ci").GetProperty("pass@k").GetProperty("8");
        Assert.True(ci[0].GetDouble() <= 0.96 && 0.96 <= ci[1].GetDouble());
        var coverage = root.GetProperty("fits").GetProperty("coverage");
        Assert.True(coverage.GetProperty("a").GetDouble() < 0);
        Assert.Equal(5, root.GetProperty("by_level").EnumerateObject().Count());
        Assert.True(File.Exists(Path.Combine(dir, "summary.md")));
        Assert.StartsWith("scope,metric,k,value,ci_low,ci_high", File.ReadAllText(Path.Combine(dir, "curves.csv")), StringComparison.Ordinal);
        Assert.Contains("pass@k", result.Error, StringComparison.Ordinal); // the Spectre table goes to the console
    }

    [Fact]
    public async Task Analyze_Game24Log_Pass100IsExactlyPoint49AndScoresAreNull()
    {
        var dir = SharedData.TempDirectory();

        var result = await CliRunner.RunAsync("analyze", SharedData.Pool("game24-gpt4-cot-100x100.json"), "--out", dir, "--bootstrap", "200");

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var metrics = summary.RootElement.GetProperty("metrics");
        Assert.Equal(0.49, metrics.GetProperty("pass@k").GetProperty("100").GetDouble());
        Assert.Equal(0.0403, metrics.GetProperty("pass@k").GetProperty("1").GetDouble(), 10);
        foreach (var key in new[] { "1", "2", "4", "8", "16", "32", "64", "100" })
            Assert.True(metrics.GetProperty("maj@k").TryGetProperty(key, out _), key);
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("bon@k").ValueKind);
        Assert.False(summary.RootElement.TryGetProperty("by_level", out _));
    }

    [Fact]
    public async Task Analyze_SameSeedTwice_WritesByteIdenticalFiles()
    {
        var first = SharedData.TempDirectory();
        var second = SharedData.TempDirectory();
        var pool = SharedData.Pool("qwen25-math-cot-100x8.jsonl");

        await CliRunner.RunAsync("analyze", pool, "--out", first, "--seed", "7", "--threads", "1");
        await CliRunner.RunAsync("analyze", pool, "--out", second, "--seed", "7");

        foreach (var file in new[] { "summary.json", "summary.md", "curves.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
    }

    [Fact]
    public async Task Analyze_MissingFile_ExitsTwoWithMessage()
    {
        var result = await CliRunner.RunAsync("analyze", "/no/such/pool.jsonl");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not found", result.Error, StringComparison.Ordinal);
        Assert.Contains("/no/such/pool.jsonl", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_MalformedLine_ExitsTwoNamingFileAndLine()
    {
        var path = SharedData.TempFile(".jsonl",
            """{"problem_id":"p","sample":0,"text":"x","answer":"1","correct":true}""",
            """{"problem_id":"p","sample":1,"text":"x",""");

        var result = await CliRunner.RunAsync("analyze", path, "--out", SharedData.TempDirectory());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}:2:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_BadFormatName_ExitsTwoListingFormats()
    {
        var result = await CliRunner.RunAsync("analyze", SharedData.Pool("qwen25-math-cot-100x8.jsonl"), "--format", "csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gsm8k-examples", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_NegativeBootstrap_ExitsTwoNamingTheOption()
    {
        var result = await CliRunner.RunAsync("analyze", SharedData.Pool("qwen25-math-cot-100x8.jsonl"), "--bootstrap", "-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--bootstrap", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_InferScalePool_ReadsOwnFormat()
    {
        var pool = InferScale.Tests.Analysis.TestPools.Synthetic(20, 6, seed: 5);
        var path = SharedData.TempFile(".jsonl", InferScale.Analysis.SamplePoolWriter.WriteString(pool).TrimEnd('\n'));
        var dir = SharedData.TempDirectory();

        var result = await CliRunner.RunAsync("analyze", path, "--out", dir, "--format", "inferscale", "--bootstrap", "100");

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal(20, summary.RootElement.GetProperty("problems").GetInt32());
        Assert.True(summary.RootElement.GetProperty("metrics").GetProperty("weighted_maj@k").TryGetProperty("6", out _));
    }

    [Fact]
    public async Task Analyze_PoolWithCutSamples_SaysHowManyHitTheTokenLimitByLevel()
    {
        var lines = new[]
        {
            """{"problem_id":"a","sample":0,"text":"x","answer":"1","finish_reason":"stop","gold":"1","level":"1"}""",
            """{"problem_id":"a","sample":1,"text":"x","answer":"1","finish_reason":"stop","gold":"1","level":"1"}""",
            """{"problem_id":"b","sample":0,"text":"x","answer":"2","finish_reason":"length","gold":"2","level":"5"}""",
            """{"problem_id":"b","sample":1,"text":"x","answer":null,"finish_reason":"stop","gold":"2","level":"5"}""",
        };
        var path = SharedData.TempFile(".jsonl", string.Join("\n", lines));

        var result = await CliRunner.RunAsync("analyze", path, "--out", SharedData.TempDirectory(), "--bootstrap", "0");

        Assert.True(result.ExitCode == 0, result.Error);
        var said = System.Text.RegularExpressions.Regex.Replace(result.Error, @"\s+", " "); // the console wraps long lines
        Assert.Contains("25% of the samples stopped at the token limit", said, StringComparison.Ordinal);
        Assert.Contains("by level: 1 0%, 5 50%", said, StringComparison.Ordinal);
    }
}
