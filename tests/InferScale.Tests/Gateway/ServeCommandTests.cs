using InferScale.Tests.Cli;

namespace InferScale.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class ServeCommandTests
{
    [Theory]
    [InlineData(new[] { "--models", "/nonexistent-models-folder" }, "models folder not found")]
    [InlineData(new[] { "--fault-rate", "0.2", "--fault-kinds", "bogus" }, "--fault-kinds")]
    [InlineData(new[] { "--max-budget", "lots" }, "--max-budget")]
    [InlineData(new[] { "--upstream", "qwen" }, "NAME=VALUE")]
    [InlineData(new[] { "--upstream", "q=http://127.0.0.1:9/v1", "--upstream-server", "q=llamacpp2" }, "unknown server kind (use auto, generic, openai, vllm, llama-cpp)")]
    [InlineData(new[] { "--max-concurrent", "0" }, "MaxConcurrentRuns")]
    [InlineData(new[] { "--urls", "ftp://x" }, "http(s)")]
    public async Task Serve_BadOptions_Exit2NamingTheProblem(string[] options, string named)
    {
        var result = await CliRunner.RunAsync(["serve", .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.Error);
    }
}
