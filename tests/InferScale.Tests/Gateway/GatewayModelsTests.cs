using InferScale.Gateway;
using InferScale.Tests.Support;

namespace InferScale.Tests.Gateway;

public sealed class GatewayModelsTests
{
    [Fact]
    public void OpenEmbedded_RepositoryModelsFolder_ServesThePoliciesAndSkipsTheRewardModels()
    {
        var folder = Path.Combine(RepoPaths.Root, "models");
        Assert.Contains(Directory.GetFiles(folder, "*.gguf"), f => Path.GetFileName(f) == "arith-prm.gguf");
        var models = GatewayModels.OpenEmbedded(folder, threads: 1);
        try
        {
            Assert.Contains(models, m => m.Name == "arith-0.3m");
            Assert.DoesNotContain(models, m => m.Name is "arith-prm" or "arith-orm");
        }
        finally
        {
            foreach (var m in models)
                m.Generator.Dispose();
        }
    }
}
