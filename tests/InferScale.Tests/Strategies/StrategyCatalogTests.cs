using InferScale.Strategies;
using InferScale.Tests.Strategies.Support;

namespace InferScale.Tests.Strategies;

public sealed class StrategyCatalogTests
{
    [Fact]
    public void Default_ListsTwentyUniqueNamesAllImplemented()
    {
        Assert.Equal(20, StrategyCatalog.Default.Names.Count);
        Assert.All(StrategyCatalog.Default.Strategies, s => Assert.True(s.IsImplemented, s.Name));
        Assert.All(StrategyCatalog.Default.Strategies, s => Assert.Contains(s.Options, o => o.Name == "temperature"));
    }

    [Fact]
    public void Contains_MatchesNamesAsGetDoes()
    {
        Assert.True(StrategyCatalog.Default.Contains(" Majority "));
        Assert.Equal("majority", StrategyCatalog.Default.Get(" Majority ").Name);
        Assert.False(StrategyCatalog.Default.Contains("majority-vote"));
        Assert.Throws<ArgumentException>(() => StrategyCatalog.Default.Get("majority-vote"));
    }

    [Fact]
    public void Create_PlannedStrategy_ValidDefaultsThenNotSupported()
    {
        var catalog = new StrategyCatalog([StrategyDescriptor.Planned<MajorityOptions>("someday", "Not built yet.")]);
        catalog.Get("someday").CreateDefaultOptions().Validate();
        var ex = Assert.Throws<NotSupportedException>(() => catalog.Create("someday", null, ComputeBudget.Samples(64)));
        Assert.Contains("not implemented yet", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("majority", "temperature", "-0.5", "Temperature")]
    [InlineData("esc", "window-size", "0", "WindowSize")]
    [InlineData("deepconf-offline", "top-logprobs", "21", "TopLogprobs")]
    [InlineData("deepconf-offline", "keep-percent", "0", "KeepPercent")]
    [InlineData("rebase", "balance-temperature", "0", "BalanceTemperature")]
    [InlineData("budget-forcing", "waits", "-1", "Waits")]
    [InlineData("first-finish", "chunk-tokens", "0", "ChunkTokens")]
    public void Create_InvalidOption_FailsAtBuildNamingOption(string strategy, string option, string value, string property)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => StrategyCatalog.Default.Create(strategy, StrategyTestKit.Options((option, value))));
        Assert.Equal(property, ex.ParamName);
    }

    [Theory]
    [InlineData("beam-search", "beam-width", "32", "BeamWidth")]
    [InlineData("dvts", "subtree-width", "32", "SubtreeWidth")]
    [InlineData("revisions", "chain-length", "32", "ChainLength")]
    public void Create_OptionLargerThanBudget_FailsAtBuildBeforeNotSupported(string strategy, string option, string value, string property)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StrategyCatalog.Default.Create(strategy, StrategyTestKit.Options((option, value)), ComputeBudget.Samples(16)));
        Assert.Equal(property, ex.ParamName);
        Assert.Contains("larger than the budget", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownOption_NamesItAndListsKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategyCatalog.Default.Create("esc", StrategyTestKit.Options(("windw", "3"))));
        Assert.Contains("'windw'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("window-size", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnparsableValue_NamesOptionAndType()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategyCatalog.Default.Create("esc", StrategyTestKit.Options(("window-size", "five"))));
        Assert.Contains("'window-size'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("integer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownStrategy_ListsKnownNames()
    {
        var ex = Assert.Throws<ArgumentException>(() => StrategyCatalog.Default.Get("majorty"));
        Assert.Contains("majority", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindOptions_PropertyOrKebabNames_SetValuesOverDefaults()
    {
        var options = (EscOptions)StrategyCatalog.Default.Get("esc").BindOptions(StrategyTestKit.Options(("WindowSize", "7"), ("temperature", "0.6")));
        Assert.Equal(new EscOptions { WindowSize = 7, Temperature = 0.6 }, options);
        var reward = (BestOfNOptions)StrategyCatalog.Default.Get("best-of-n").BindOptions(StrategyTestKit.Options(("aggregation", "product")));
        Assert.Equal(StepAggregation.Product, reward.Aggregation);
    }

    [Fact]
    public void Build_TwoStrategiesOnOneBuilder_Fails()
    {
        Assert.Throws<InvalidOperationException>(() => new ScalingStrategyBuilder().AddMajority().AddEsc());
        Assert.Throws<InvalidOperationException>(() => new ScalingStrategyBuilder().Build());
    }
}
