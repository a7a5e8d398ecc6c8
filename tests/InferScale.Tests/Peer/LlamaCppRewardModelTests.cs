using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Engine.Reward;
using InferScale.Tests.Support;

namespace InferScale.Tests.Peer;

/// <summary>
/// What llama.cpp makes of the shipped reward models: it refuses them because of the two value-head tensors (its loader
/// requires every tensor in the file to belong to the architecture; unknown metadata keys are ignored), and it loads the
/// same trunk, reward metadata included, written without them. The README and models/README.md state this; the test keeps them true.
/// </summary>
public sealed class LlamaCppRewardModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inferscale-peer-rm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> RewardModels() => ShippedModels.RewardModels();

    [Theory]
    [MemberData(nameof(RewardModels))]
    public void Load_ShippedRewardModel_RefusedForTheValueHeadOnly(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "models", name);
        var (loaded, log) = LlamaCppProbe.TryLoad(path);
        Assert.False(loaded, $"llama.cpp now loads {name}: update README.md and models/README.md");
        var file = GgufFile.Read(path);
        Assert.Contains($"wrong number of tensors; expected {file.Tensors.Count}, got {file.Tensors.Count - 2}", log, StringComparison.Ordinal);

        var model = RewardGguf.Load(file);
        var trunk = Path.Combine(_dir, "trunk.gguf");
        var writer = LlamaGguf.CreateWriter(model.Config, model.Weights, TokenizerVocabulary.FromMetadata(file.Metadata, path), GgufTensorType.F32, model.Name);
        writer.AddString(RewardGguf.KindKey, file.GetString(RewardGguf.KindKey));
        writer.AddString(RewardGguf.StepDelimiterKey, RewardDocument.StepDelimiter);
        writer.WriteTo(trunk);
        var (trunkLoaded, trunkLog) = LlamaCppProbe.TryLoad(trunk);
        Assert.True(trunkLoaded, trunkLog);
    }
}
