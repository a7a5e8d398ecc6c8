using InferScale.Generation;

namespace InferScale.Tests.Generation;

public sealed class UsageTests
{
    [Fact]
    public void Add_TwoRecords_SumsEveryField()
    {
        var a = new Usage { Calls = 1, PromptTokens = 10, CachedPromptTokens = 4, CompletionTokens = 20, VerifierTokens = 3, Flops = 1e6, WallTime = TimeSpan.FromMilliseconds(5) };
        var b = new Usage { Calls = 2, PromptTokens = 1, CachedPromptTokens = 2, CompletionTokens = 5, VerifierTokens = 7, Flops = 2e6, WallTime = TimeSpan.FromMilliseconds(10) };
        var sum = a + b;
        Assert.Equal(3, sum.Calls);
        Assert.Equal(11, sum.PromptTokens);
        Assert.Equal(6, sum.CachedPromptTokens);
        Assert.Equal(25, sum.CompletionTokens);
        Assert.Equal(10, sum.VerifierTokens);
        Assert.Equal(3e6, sum.Flops);
        Assert.Equal(TimeSpan.FromMilliseconds(15), sum.WallTime);
        Assert.Equal(46, sum.TotalTokens);
    }

    [Fact]
    public void Zero_IsIdentity()
    {
        var a = new Usage { Calls = 4, PromptTokens = 9, Flops = 12 };
        Assert.Equal(a, a + Usage.Zero);
    }
}
