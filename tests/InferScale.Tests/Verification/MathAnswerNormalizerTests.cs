using InferScale.Verification;

namespace InferScale.Tests.Verification;

public sealed class MathAnswerNormalizerTests
{
    [Theory]
    [InlineData("\\dfrac{2}{4}", "1/2")]
    [InlineData("\\frac12", "1/2")]
    [InlineData("1000.0", "1000")]
    [InlineData("7,425,000", "7425000")]
    [InlineData("\\left( 1, 2 \\right)", "(1,2)")]
    [InlineData("90^\\circ", "90")]
    [InlineData("$5$", "5")]
    public void Normalize_Noise_GivesCanonicalKey(string answer, string expected) =>
        Assert.Equal(expected, MathAnswerNormalizer.Normalize(answer));

    [Theory]
    [InlineData("\\frac{1}{2}", "\\tfrac{1}{2}")]
    [InlineData("2\\sqrt{2}", "2 \\sqrt{2}")]
    [InlineData("x^{2}", "x^2")]
    public void Normalize_SameAnswerWrittenDifferently_SameKey(string a, string b) =>
        Assert.Equal(MathAnswerNormalizer.Normalize(a), MathAnswerNormalizer.Normalize(b));

    [Fact]
    public void Normalize_DifferentAnswers_DifferentKeys() =>
        Assert.NotEqual(MathAnswerNormalizer.Normalize("\\frac{1}{2}"), MathAnswerNormalizer.Normalize("\\frac{1}{3}"));
}
