using InferScale.Verification;

namespace InferScale.Tests.Verification;

public sealed class MathAnswerCheckerExtractTests
{
    private static readonly MathAnswerChecker Checker = MathAnswerChecker.Default;

    [Theory]
    [InlineData("Natalia sold 48/2 = 24 clips in May.\n#### 72", "72")]
    [InlineData("She pays 1,200 dollars.\n#### 1,200", "1200")]
    [InlineData("#### Step 1: add\n2 + 3 = 5, so the answer is \\boxed{5}.", "5")]
    public void Extract_Gsm8kMarker_ReturnsNumberAfterMarker(string text, string expected) =>
        Assert.Equal(expected, Checker.Extract(text));

    [Theory]
    [InlineData("so the total is $\\boxed{\\frac{3}{56}}$.", "\\frac {3}{56}")]
    [InlineData("We get \\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}.", "( 3, \\frac {\\pi}{2} )")]
    [InlineData("first \\boxed{1} then finally \\fbox{7}", "7")]
    [InlineData("nested \\boxed{\\frac{\\sqrt{\\frac{1}{2}}}{2}}", "\\frac {\\sqrt{\\frac {1}{2}}}{2}")]
    public void Extract_Boxed_ReturnsLastBoxContent(string text, string expected) =>
        Assert.Equal(expected, Checker.Extract(text));

    [Fact]
    public void Extract_BoxesJoinedByAnd_ReturnsAllAnswers() =>
        Assert.Equal("1, 2", Checker.Extract("The roots are \\boxed{1} and \\boxed{2}."));

    [Fact]
    public void Extract_BoxesSeparatedByProse_ReturnsLastOnly() =>
        Assert.Equal("2", Checker.Extract("\\boxed{1} no no no no no \\boxed{2}"));

    [Theory]
    [InlineData("The answer is 42.", "42")]
    [InlineData("Final Answer: The final answer is $14{,}916$. I hope it is correct.", "14916")]
    [InlineData("Final Answer: The largest $n$ is 34.", "34")]
    [InlineData("Therefore, the answer is $x = 5$, not 7.", "x = 5")]
    public void Extract_AnswerPhrases_ReturnAnswer(string text, string expected) =>
        Assert.Equal(expected, Checker.Extract(text));

    [Theory]
    [InlineData("I think it is 10, or rather 12 apples", "12")]
    [InlineData("the number is not 10 which is 1,000.99€", "1000.99")]
    [InlineData("Soucis : 2,74 $ a..", "2.74")]
    public void Extract_NoAnchor_FallsBackToLastNumber(string text, string expected) =>
        Assert.Equal(expected, Checker.Extract(text));

    [Theory]
    [InlineData("AZYUK2A")]
    [InlineData("")]
    [InlineData("   ")]
    public void Extract_NoAnswer_ReturnsNullOrUnparsedText(string text)
    {
        var extracted = Checker.Extract(text);
        Assert.True(extracted is null || !MathAnswerChecker.Default.AreEquivalent("2", text));
    }

    [Theory]
    [InlineData("$\\dfrac{1}{3}$", "\\frac {1}{3}")]
    [InlineData("$\\left( \\tfrac{1}{3} \\right)$", "( \\frac {1}{3} )")]
    [InlineData("$90^\\circ$", "90")]
    [InlineData("$28\\%$", "28")]
    [InlineData("$\\frac{1}{3} \\text{meters}$", "\\frac {1}{3}")]
    [InlineData("$1,000.0$", "1000.0")]
    public void Extract_LatexNoise_IsNormalised(string text, string expected) =>
        Assert.Equal(expected, Checker.Extract(text));
}
