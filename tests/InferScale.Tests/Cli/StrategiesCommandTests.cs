using System.Text.Json;

namespace InferScale.Tests.Cli;

public sealed class StrategiesCommandTests
{
    private static readonly string[] AllNames =
    [
        "greedy", "pass-at-k", "majority", "weighted-majority", "best-of-n", "first-finish", "esc", "adaptive-consistency",
        "deepconf-offline", "deepconf-online", "beam-search", "dvts", "lookahead", "rebase", "mcts", "particle-filter",
        "entropic-particle-filter", "budget-forcing", "revisions", "compute-optimal",
    ];

    [Fact]
    public async Task Strategies_Text_ListsAllTwentyWithDefaults()
    {
        var result = await CliRunner.RunAsync("strategies");

        Assert.Equal(0, result.ExitCode);
        foreach (var name in AllNames)
            Assert.Contains(Environment.NewLine + name, Environment.NewLine + result.Out);
        Assert.Contains("--window-size", result.Out);
        Assert.Contains("--threshold", result.Out);
        Assert.Contains("0.95", result.Out);
    }

    [Fact]
    public async Task Strategies_Json_AllTwentyWithTypedDefaults()
    {
        var result = await CliRunner.RunAsync("strategies", "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        var items = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(AllNames, items.Select(i => i.GetProperty("name").GetString()));
        var esc = items.Single(i => i.GetProperty("name").GetString() == "esc").GetProperty("options");
        Assert.Equal(5, esc.GetProperty("window-size").GetInt32());
        Assert.Equal(JsonValueKind.Null, esc.GetProperty("temperature").ValueKind);
        var beam = items.Single(i => i.GetProperty("name").GetString() == "beam-search");
        Assert.True(beam.GetProperty("implemented").GetBoolean());
        Assert.Equal(40, beam.GetProperty("options").GetProperty("max-rounds").GetInt32());
        Assert.Equal("last", beam.GetProperty("options").GetProperty("aggregation").GetString());
        Assert.Equal(0.2, items.Single(i => i.GetProperty("name").GetString() == "rebase").GetProperty("options").GetProperty("balance-temperature").GetDouble());
    }
}
