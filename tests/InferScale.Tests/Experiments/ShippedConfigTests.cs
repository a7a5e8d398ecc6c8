using InferScale.Experiments;
using InferScale.Strategies;
using InferScale.Tests.Support;

namespace InferScale.Tests.Experiments;

public sealed class ShippedConfigTests
{
    public static TheoryData<string> Configs() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "configs"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).OfType<string>()];

    [Theory]
    [MemberData(nameof(Configs))]
    public void Expand_ShippedConfig_ParsesAndNamesOnlyKnownStrategiesAndShippedModelFiles(string file)
    {
        var config = ExperimentPlan.Load(Path.Combine(RepoPaths.Root, "configs", file));

        var plan = ExperimentPlan.Expand(config, StrategyCatalog.Default.Contains);

        Assert.NotEmpty(plan.Cases);
        foreach (var path in config.Models.Append(config.RewardModel).Select(m => m?.Path).OfType<string>())
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, path)), $"{file} names {path}, which is not in the repository");
    }
}
