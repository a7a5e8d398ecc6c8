using InferScale.Strategies;

namespace InferScale.Tests.Strategies;

public sealed class StrategySpecTests
{
    [Fact]
    public void Parse_NameAndBudget()
    {
        var spec = StrategySpec.Parse("majority@16");
        Assert.Equal("majority", spec.Name);
        Assert.Empty(spec.Options);
        Assert.Equal(ComputeBudget.Samples(16), spec.Budget);
        Assert.Null(spec.Model);
    }

    [Fact]
    public void Parse_OptionsTokensBudgetAndModelWithSlash()
    {
        var spec = StrategySpec.Parse("esc(window-size=4, temperature=0.7)@4096tokens/Qwen/Qwen2.5-Math-1.5B");
        Assert.Equal("esc", spec.Name);
        Assert.Equal("4", spec.Options["window-size"]);
        Assert.Equal("0.7", spec.Options["temperature"]);
        Assert.Equal(ComputeBudget.Tokens(4096), spec.Budget);
        Assert.Equal("Qwen/Qwen2.5-Math-1.5B", spec.Model);
        Assert.Equal(spec, StrategySpec.Parse(spec.ToString()) with { Options = spec.Options });
        Assert.Equal("esc", spec.Create().Name);
    }

    [Theory]
    [InlineData("majority", "needs a budget")]
    [InlineData("@16", "needs a budget")]
    [InlineData("esc(window-size)@16", "is not name=value")]
    [InlineData("esc(a=1,a=2)@16", "given twice")]
    [InlineData("majority@0", "Budget '0'")]
    [InlineData("majority@16/", "model after '/' is empty")]
    public void Parse_Malformed_FormatErrorSayingWhat(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => StrategySpec.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OptionLargerThanBudget_FailsNamingOption()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StrategySpec.Parse("esc(window-size=8)@4").Create());
        Assert.Equal("WindowSize", ex.ParamName);
    }
}
