using InferScale.Tasks.Arith;

namespace InferScale.Tests.Tasks.Arith;

public sealed class ArithLevelMixTests
{
    [Fact]
    public void Uniform_CyclesLevelsOneToFive()
    {
        for (long i = 0; i < 1000; i++)
            Assert.Equal((int)(i % 5) + 1, ArithLevelMix.Uniform.LevelOf(i));
        Assert.True(ArithLevelMix.Uniform.IsUniform);
        Assert.True(ArithLevelMix.Parse("1,1,1,1,1").IsUniform);
    }

    [Fact]
    public void LevelOf_Weighted_RepeatsTheCycleInLevelOrder()
    {
        var mix = ArithLevelMix.Parse("1,1,2,3,3");

        Assert.Equal([1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 1, 2, 3], Enumerable.Range(0, 13).Select(i => mix.LevelOf(i)));
        Assert.Equal(4, mix.LevelOf(10_000_000_006L));
        Assert.False(mix.IsUniform);
        Assert.Equal(0.3, mix.Share(5), 12);
        Assert.Equal(0.1, mix.Share(1), 12);
    }

    [Fact]
    public void LevelOf_ZeroWeight_NeverGivesThatLevel()
    {
        var mix = ArithLevelMix.Parse("0, 0, 1, 0, 2");

        var levels = Enumerable.Range(0, 300).Select(i => mix.LevelOf(i)).ToList();

        Assert.Equal([3, 5], levels.Distinct().Order());
        Assert.Equal(100, levels.Count(l => l == 3));
    }

    [Theory]
    [InlineData("1,1,2,3")]
    [InlineData("1,1,2,3,3,3")]
    [InlineData("1,1,x,3,3")]
    [InlineData("1,1,-2,3,3")]
    [InlineData("1,1,2.5,3,3")]
    [InlineData("0,0,0,0,0")]
    [InlineData("1,1,2,3,101")]
    [InlineData("")]
    public void Parse_BadText_FormatExceptionQuotingIt(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ArithLevelMix.Parse(text));

        Assert.Contains($"'{text}'", ex.Message);
        Assert.DoesNotContain("(Parameter", ex.Message);
    }

    [Fact]
    public void Equality_ByWeights_AndToStringRoundTrips()
    {
        var a = ArithLevelMix.Parse("1,1,2,3,3");
        var b = new ArithLevelMix([1, 1, 2, 3, 3]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ArithLevelMix.Parse("1,1,2,3,4"));
        Assert.Equal("1,1,2,3,3", a.ToString());
        Assert.Equal(a, ArithLevelMix.Parse(a.ToString()));
    }
}
