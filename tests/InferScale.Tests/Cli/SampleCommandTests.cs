using InferScale.Analysis;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Tests.Support;

namespace InferScale.Tests.Cli;

/// <summary>`inferscale sample` on the real engine with a small random-weight GGUF model.</summary>
public sealed class SampleCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("inferscale-samplecmd-");

    private string WriteModel()
    {
        var config = new TransformerConfig { VocabSize = 259, Dim = 32, Layers = 2, Heads = 4, KvHeads = 2, HiddenDim = 64, ContextLength = 256, TiedEmbeddings = true };
        var path = Path.Combine(_dir.FullName, "tiny.gguf");
        LlamaGguf.Save(path, config, RandomWeights.Create(config, 3), TokenizerVocabulary.CreateByteLevel(), GgufTensorType.F32, "tiny");
        return path;
    }

    [Fact]
    public async Task Sample_EmbeddedModelOnArith_WritesPool_AndResumesToMoreSamples()
    {
        var model = WriteModel();
        var pool = Path.Combine(_dir.FullName, "pool.jsonl");
        string[] common = ["sample", "--model", model, "--dataset", Path.Combine(RepoPaths.Root, "data", "benchmarks", "arith-test.jsonl"), "--limit", "2", "--max-tokens", "8", "--seed", "5", "--out", pool, "--quiet"];
        var first = await CliRunner.RunAsync([.. common, "--n", "3"]);
        Assert.True(first.ExitCode == 0, first.Error);
        var lines = await File.ReadAllLinesAsync(pool);
        Assert.Equal(5 * 2 * 3, lines.Length);
        Assert.Contains("30 generated, 0 already there", first.Error);

        var second = await CliRunner.RunAsync([.. common, "--n", "4"]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("10 generated, 30 already there", second.Error);
        var read = SamplePoolReader.Read(pool);
        Assert.Equal(10, read.Problems.Count);
        Assert.All(read.Problems, p => Assert.Equal([0, 1, 2, 3], p.Samples.Select(s => s.Index)));
        Assert.All(read.Problems, p => Assert.NotNull(p.Level));
        Assert.All(read.Problems.SelectMany(p => p.Samples), s => Assert.True(s.CompletionTokens is > 0 and <= 8));

        // The same seed in a fresh file gives the same first samples.
        var again = Path.Combine(_dir.FullName, "again.jsonl");
        var third = await CliRunner.RunAsync([.. common[..^3], "--out", again, "--quiet", "--n", "3"]);
        Assert.True(third.ExitCode == 0, third.Error);
        Assert.Equal(lines, await File.ReadAllLinesAsync(again));
    }

    [Fact]
    public async Task Sample_MissingModel_FailsBeforeWork()
    {
        var result = await CliRunner.RunAsync("sample", "--model", "/no/model.gguf", "--dataset", "arith", "--out", Path.Combine(_dir.FullName, "p.jsonl"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/no/model.gguf", result.Error);
        Assert.False(File.Exists(Path.Combine(_dir.FullName, "p.jsonl")));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
