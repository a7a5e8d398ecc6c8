using InferScale.Tests.Support;

namespace InferScale.Tests.Cli;

public sealed class CheckCodeCommandTests
{
    [Fact]
    public async Task CheckCode_NotACodeDataset_FailsWithMessage()
    {
        var result = await CliRunner.RunAsync("check-code", "--dataset", RepoPaths.Shared("benchmarks", "gsm8k-test.jsonl"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a HumanEval-format dataset", result.Error);
    }

    [Fact]
    public async Task CheckCode_MissingFile_FailsWithMessage()
    {
        var result = await CliRunner.RunAsync("check-code", "--dataset", "/no/such/file.jsonl");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/no/such/file.jsonl", result.Error);
    }
}
