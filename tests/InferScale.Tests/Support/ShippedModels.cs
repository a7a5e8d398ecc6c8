using InferScale.Engine.Gguf;
using InferScale.Engine.Reward;

namespace InferScale.Tests.Support;

/// <summary>
/// The GGUF files in the repository's <c>models/</c> folder as xunit theory data (file names, in ordinal order):
/// policies, and reward models (files with <see cref="RewardGguf.KindKey"/>), so a model added there is covered by
/// every test that iterates them.
/// </summary>
internal static class ShippedModels
{
    public static string Folder => Path.Combine(RepoPaths.Root, "models");

    /// <summary>Every GGUF without reward-model metadata.</summary>
    public static TheoryData<string> Policies() => Select(isReward: false);

    /// <summary>Every GGUF carrying <see cref="RewardGguf.KindKey"/>.</summary>
    public static TheoryData<string> RewardModels() => Select(isReward: true);

    private static TheoryData<string> Select(bool isReward)
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.gguf").Order(StringComparer.Ordinal))
        {
            if (GgufFile.Read(path).ContainsKey(RewardGguf.KindKey) == isReward)
                data.Add(Path.GetFileName(path));
        }
        return data;
    }
}
