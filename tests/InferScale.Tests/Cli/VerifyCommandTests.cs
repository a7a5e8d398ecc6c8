using System.Text.Json.Nodes;

namespace InferScale.Tests.Cli;

public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-verify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Verify_GoldAndPred_PrintsAnswersAndVerdict()
    {
        var result = await CliRunner.RunAsync("verify", "--gold", "$\\frac{1}{2}$", "--pred", "So the answer is \\boxed{0.5}.");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\\frac {1}{2}", result.Out);
        Assert.Contains("0.5", result.Out);
        Assert.Contains("verdict:    equivalent", result.Out);
    }

    [Fact]
    public async Task Verify_GoldAndPredDiffer_SaysNotEquivalent()
    {
        var result = await CliRunner.RunAsync("verify", "--gold", "3", "--pred", "\\boxed{4}");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("not equivalent", result.Out);
    }

    [Fact]
    public async Task Verify_File_AddsEquivalentKeepingFieldsInOrder()
    {
        var input = Write("pairs.jsonl",
            "{\"id\": 1, \"gold\": \"$9$\", \"pred\": \"Answer $ 9 $\", \"extra\": [1, 2]}",
            "",
            "{\"gold\": \"$1/3$\", \"id\": 2, \"pred\": \"$0.5$\"}");
        var output = Path.Combine(_dir, "out.jsonl");
        var result = await CliRunner.RunAsync("verify", "--file", input, "--out", output);
        Assert.Equal(0, result.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2, lines.Length);
        var first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(["id", "gold", "pred", "extra", "equivalent"], first.Select(p => p.Key).ToArray());
        Assert.True(first["equivalent"]!.GetValue<bool>());
        Assert.Equal("[1,2]", first["extra"]!.ToJsonString());
        var second = JsonNode.Parse(lines[1])!.AsObject();
        Assert.Equal(["gold", "id", "pred", "equivalent"], second.Select(p => p.Key).ToArray());
        Assert.False(second["equivalent"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_FileToStdout_WritesJsonLines()
    {
        var input = Write("pairs.jsonl", "{\"gold\": \"2\", \"pred\": \"\\\\boxed{2}\"}");
        var result = await CliRunner.RunAsync("verify", "--file", input);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"gold\":\"2\",\"pred\":\"\\\\boxed{2}\",\"equivalent\":true}", result.Out.Trim());
    }

    [Theory]
    [InlineData("{\"gold\": \"1\", \"pred\": ")]
    [InlineData("{\"gold\": \"1\"}")]
    [InlineData("[1, 2]")]
    public async Task Verify_MalformedLine3_Exit2NamingFileAndLineAfterWritingEarlierLines(string badLine)
    {
        var input = Write("bad.jsonl", "{\"gold\": \"1\", \"pred\": \"1\"}", "{\"gold\": \"2\", \"pred\": \"3\"}", badLine, "{\"gold\": \"4\", \"pred\": \"4\"}");
        var output = Path.Combine(_dir, "out.jsonl");
        var result = await CliRunner.RunAsync("verify", "--file", input, "--out", output);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.jsonl:3", result.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal(2, lines.Length);
        Assert.True(JsonNode.Parse(lines[0])!["equivalent"]!.GetValue<bool>());
        Assert.False(JsonNode.Parse(lines[1])!["equivalent"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Verify_MissingArguments_Exit2()
    {
        var result = await CliRunner.RunAsync("verify", "--gold", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pred", result.Error);
    }

    [Fact]
    public async Task Verify_MissingFile_Exit2NamingFile()
    {
        var result = await CliRunner.RunAsync("verify", "--file", Path.Combine(_dir, "nope.jsonl"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.jsonl", result.Error);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
