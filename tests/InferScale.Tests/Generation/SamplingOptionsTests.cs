using InferScale.Generation;

namespace InferScale.Tests.Generation;

public sealed class SamplingOptionsTests
{
    [Theory]
    [InlineData(-0.1, 1.0, 0, 0.0, 10, "Temperature")]
    [InlineData(double.NaN, 1.0, 0, 0.0, 10, "Temperature")]
    [InlineData(1.0, 0.0, 0, 0.0, 10, "TopP")]
    [InlineData(1.0, 1.5, 0, 0.0, 10, "TopP")]
    [InlineData(1.0, 1.0, -1, 0.0, 10, "TopK")]
    [InlineData(1.0, 1.0, 0, 1.0, 10, "MinP")]
    [InlineData(1.0, 1.0, 0, 0.0, 0, "MaxTokens")]
    public void Validate_InvalidOption_ThrowsNamingIt(double temperature, double topP, int topK, double minP, int maxTokens, string name)
    {
        var options = new SamplingOptions { Temperature = temperature, TopP = topP, TopK = topK, MinP = minP, MaxTokens = maxTokens };
        var ex = Assert.ThrowsAny<ArgumentException>(options.Validate);
        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        new SamplingOptions().Validate();
        SamplingOptions.Greedy.Validate();
    }

    [Fact]
    public void Validate_EmptyStopString_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SamplingOptions { Stop = [""] }.Validate());
        Assert.Equal("Stop", ex.ParamName);
    }

    [Fact]
    public void RequestValidate_ZeroCount_ThrowsNamingCount()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationRequest("p") { Count = 0 }.Validate());
        Assert.Equal("Count", ex.ParamName);
    }
}
