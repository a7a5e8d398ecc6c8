using InferScale.Engine;
using InferScale.Engine.Gguf;

namespace InferScale.Tests.Cli;

public sealed class GgufCommandTests
{
    [Fact]
    public async Task Inspect_ValidFile_PrintsMetadataAndTensorTable()
    {
        var path = Path.Combine(Path.GetTempPath(), $"inferscale-cli-{Guid.NewGuid():N}.gguf");
        try
        {
            var writer = new GgufWriter().AddString("general.name", "demo").AddUInt32("llama.block_count", 2);
            TokenizerVocabulary.CreateByteLevel().AddTo(writer);
            writer.AddTensor("token_embd.weight", new float[64], [32, 2], GgufTensorType.Q8_0).WriteTo(path);

            var result = await CliRunner.RunAsync("gguf", "inspect", path, "--max-elements", "2");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("general.name = String \"demo\"", result.Out);
            Assert.Contains("llama.block_count = UInt32 2", result.Out);
            Assert.Contains("tokenizer.ggml.tokens = [String; 259] [\"Ā\", \"ā\", …]", result.Out);
            Assert.Contains("token_embd.weight", result.Out);
            Assert.Contains("Q8_0", result.Out);
            Assert.Contains("[32, 2]", result.Out);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Inspect_CorruptFile_ExitsWith2AndNamesProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"inferscale-cli-{Guid.NewGuid():N}.gguf");
        try
        {
            await File.WriteAllBytesAsync(path, "GGUF\u0002\0\0\0"u8.ToArray());
            var result = await CliRunner.RunAsync("gguf", "inspect", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("version 2", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Inspect_MissingFile_ExitsWith2()
    {
        var result = await CliRunner.RunAsync("gguf", "inspect", "/nonexistent/file.gguf");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Error);
    }
}
