using InferScale.Compute;

namespace InferScale.Tests.Compute;

public sealed class CostModelTests
{
    private static readonly ModelShape Model = new(Parameters: 1_000_000, Layers: 4, ModelDim: 128, Heads: 4, KvHeads: 2);

    [Fact]
    public void Span_EqualsSumOfPerToken()
    {
        double sum = 0;
        for (var c = 37; c < 37 + 91; c++)
            sum += KaplanFlops.PerToken(Model, c);
        Assert.Equal(sum, KaplanFlops.Span(Model, 37, 91), 6);
        Assert.Equal(0, KaplanFlops.Span(Model, 10, 0));
    }

    [Fact]
    public void Sampling_SharedPromptCountedOnce()
    {
        var one = KaplanFlops.Sampling(Model, 200, 50, 1);
        var many = KaplanFlops.Sampling(Model, 200, 50, 64);
        var prompt = KaplanFlops.Span(Model, 0, 200);
        Assert.Equal(63 * (one - prompt), many - one, 3);
    }

    [Fact]
    public void Kinetics_MatchesFormula()
    {
        // 2·P·L_out + 2·(2·L_in + L_out)·L_out·n_heads·d_head with P=1e6, L_in=100, L_out=20, 4 heads of 32.
        Assert.Equal(2.0 * 1e6 * 20 + 2.0 * (200 + 20) * 20 * 4 * 32, KineticsCost.ComputePerTrial(Model, 100, 20));
        // 2·(2·L_in + n·L_out)·L_out·n_kv·d_head·bytes with n=8 trials, 2 kv heads, 2 bytes.
        Assert.Equal(2.0 * (200 + 8 * 20) * 20 * 2 * 32 * 2, KineticsCost.MemoryBytes(Model, 100, 20, 8));
        Assert.Equal(8 * KineticsCost.ComputePerTrial(Model, 100, 20), KineticsCost.EquivalentFlops(Model, 100, 20, 8, intensity: 0));
    }

    [Theory]
    [InlineData(14, 0.16, 14 + 3 * 13 / 0.16)]
    [InlineData(14, 22, 14 + 3 * 13 / 22.0)]
    [InlineData(1, 1, 1)]
    public void ExchangeRate_IsSnellsFormula(double m, double r, double expected) =>
        Assert.Equal(expected, ExchangeRate.InferenceMultiplier(m, r), 9);

    [Fact]
    public void ExchangeRate_InvalidRatio_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeRate.InferenceMultiplier(0.5, 1));
        Assert.Equal("sizeRatio", ex.ParamName);
    }
}
