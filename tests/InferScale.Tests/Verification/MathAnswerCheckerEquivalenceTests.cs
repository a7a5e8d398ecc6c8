using InferScale.Verification;

namespace InferScale.Tests.Verification;

public sealed class MathAnswerCheckerEquivalenceTests
{
    private static readonly MathAnswerChecker Checker = MathAnswerChecker.Default;

    [Theory]
    [InlineData("42", "42.0")]
    [InlineData("7425000", "7,425,000")]
    [InlineData("0.4", ".4")]
    [InlineData("-5", "-5")]
    [InlineData("11111111100", "11,\\!111,\\!111,\\!100")]
    public void AreEquivalent_EqualNumbers_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("42", "43")]
    [InlineData("11111111100", "11111111101")]
    [InlineData("0.5", "0.52")]
    [InlineData("32349", "\\boxed{32, 349}")]
    public void AreEquivalent_DifferentNumbers_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("\\frac{1}{2}", "0.5")]
    [InlineData("\\frac{10}{9}", "10/9")]
    [InlineData("\\dfrac{2}{4}", "\\frac12")]
    [InlineData("1\\frac{1}{2}", "\\frac{3}{2}")]
    [InlineData("\\frac{1}{3}", "0.33")]
    [InlineData("\\frac{1}{12}", "0.0833333333333333")]
    public void AreEquivalent_FractionsAndDecimals_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("\\frac{1}{3}", "0.3")]
    [InlineData("\\frac{1}{2}", "\\frac{2}{3}")]
    public void AreEquivalent_DifferentFractions_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("50\\%", "0.5")]
    [InlineData("28\\%", "28 percent")]
    [InlineData("$20\\%$", "$20$")]
    public void AreEquivalent_Percentages_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("2\\sqrt{2}", "\\sqrt{8}")]
    [InlineData("3\\sqrt{13}", "\\sqrt{117}")]
    [InlineData("\\frac{9}{4}\\pi", "\\frac94\\pi")]
    [InlineData("\\frac{\\pi}{2}", "1.5707963")]
    [InlineData("\\sqrt[3]{8}", "2")]
    public void AreEquivalent_RadicalsAndPi_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("4", "4\\sqrt{2}")]
    [InlineData("\\pi", "3.1")]
    [InlineData("2", "\\frac{1+\\sqrt{5}}{2}")]
    public void AreEquivalent_DifferentRadicals_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("x^2+2x+1", "(x+1)^2")]
    [InlineData("\\frac{x+2}{7}", "\\frac{x}{7}+\\frac{2}{7}")]
    [InlineData("\\tan^2(y)+1", "\\sec^2(y)")]
    [InlineData("2 \\sin b \\cos a", "2\\cos a \\sin b")]
    public void AreEquivalent_AlgebraicallyEqual_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("x^2+2x+1", "(x+1)^3")]
    [InlineData("x+2n+1", "x+1")]
    [InlineData("(a+5)(b+2)", "(+5)(b+2)")]
    [InlineData("f(x)", "f(y)")]
    public void AreEquivalent_AlgebraicallyDifferent_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$\\{1,2,3\\}$", "$3, 2, 1$")]
    [InlineData("$1,2$", "$2,1$")]
    [InlineData("$\\pm 2021$", "${-2021, 2021}$")]
    [InlineData("$(37,3,3,13),(17,3,3,7)$", "$\\boxed{(17,3,3,7), (37,3,3,13), (17,3,3,7)}$")]
    [InlineData("$(1,3)$", "${1,3}$")]
    public void AreEquivalent_SetsUnorderedTuplesOrdered_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$(1,2)$", "$(2,1)$")]
    [InlineData("$(3,1)$", "${1,3}$")]
    [InlineData("$\\pm 2021$", "$2021$")]
    [InlineData("$\\{1,2\\}$", "$\\{1,2,3\\}$")]
    public void AreEquivalent_SetsAndTuplesDiffer_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$[0,1)$", "$[0,1)$")]
    [InlineData("$(\\frac{3}{5},\\frac{8}{3}]$", "$(0.6,2.6667]$")]
    [InlineData("$[-1, -\\frac{1}{2}) \\cup (1, \\infty)$", "$[-1, -\\tfrac12) \\cup (1, \\infty)$")]
    [InlineData("$-2 \\le x \\le 7$", "$x \\in [-2,7]$")]
    [InlineData("$1\\leq|z|\\leq \\frac{3}{2}$", "$z \\in \\left[-\\frac{3}{2}, -1\\right] \\cup \\left[1, \\frac{3}{2}\\right]$")]
    [InlineData("$-793 < a < 10$", "$(-793, 10)$")]
    public void AreEquivalent_Intervals_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$[0,9)$", "$[0,1)$")]
    [InlineData("$(0,9)$", "$[0,9)$")]
    [InlineData("$[0,1)$", "$(0,1)$")]
    [InlineData("$1\\leq|z|\\leq 2$", "$z \\in [1, 2]$")]
    public void AreEquivalent_DifferentIntervals_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix}$", "$\\begin{bmatrix}1 & 0 \\\\ 0 & 1\\end{bmatrix}$")]
    [InlineData("$\\begin{pmatrix}6 & 8 \\\\ 10 & 12\\end{pmatrix}$", "$\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix} + \\begin{pmatrix}5 & 6 \\\\ 7 & 8\\end{pmatrix}$")]
    [InlineData("$\\begin{pmatrix}\\frac{1}{3}\\\\ \\frac{1}{5} \\end{pmatrix}$", "$\\begin{pmatrix}0.33\\\\0.2 \\end{pmatrix}$")]
    public void AreEquivalent_Matrices_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}$", "$\\begin{pmatrix}1 & 2 \\\\ 3 & 5\\end{pmatrix}$")]
    [InlineData("$\\begin{pmatrix}1 & 2\\end{pmatrix}$", "$\\begin{pmatrix}1 \\\\ 2\\end{pmatrix}$")]
    public void AreEquivalent_DifferentMatrices_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$x = 3$", "$3$")]
    [InlineData("$3$", "$x = 3$")]
    [InlineData("$x = 11$", "$x = 5+5+1 = 7 = 11$")]
    [InlineData("$2x+4y-3=0$", "$y=-\\frac{1}{2}x+\\frac{3}{4}$")]
    [InlineData("$x < 1$", "$-x > -1$")]
    [InlineData("$x \\leq 5$", "$5 \\geq x$")]
    [InlineData("$(p,q)=(3,2)$", "$(3,2)$")]
    [InlineData("$AB=4,CD=5$", "$\\boxed{4, 5}$")]
    public void AreEquivalent_EquationsAndRelations_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$7 = 11a+c$", "$11a+c$")]
    [InlineData("$a+3z=0$", "$0$")]
    [InlineData("$x > 5$", "$x < 5$")]
    [InlineData("$x < 1$", "$x > -1$")]
    public void AreEquivalent_DifferentRelations_False(string gold, string predicted) =>
        Assert.False(Checker.AreEquivalent(gold, predicted));

    [Theory]
    [InlineData("$1$ and $2$ and $3$", "$\\boxed{1,2,3}$")]
    [InlineData("\\boxed{p = -1 \\text{ and } p = \\dfrac{15}{8}}", "$p=-1,p=\\frac{15}{8}$")]
    [InlineData("$19, 46, and 82$", "$19, 46, \\text{ and } 82$")]
    [InlineData("$\\text{Evelyn}$", "Therefore, $\\boxed{\\text{Evelyn}}$ is our answer.")]
    [InlineData("$\\text{odd}$", "$odd$")]
    public void AreEquivalent_MultipleAnswersAndWords_True(string gold, string predicted) =>
        Assert.True(Checker.AreEquivalent(gold, predicted));

    [Fact]
    public void Verify_FullSolutions_ReturnsBothAnswersAndVerdict()
    {
        var verdict = Checker.Verify(
            "Thus $x-p=\\boxed{2-2p}$.",
            "Since $x<2$, it follows that $|x-2|=2-x$. Thus the answer is $\\boxed{2 - 2p}$.");
        Assert.Equal("2-2p", verdict.GoldAnswer);
        Assert.Equal("2 - 2p", verdict.PredictedAnswer);
        Assert.True(verdict.IsEquivalent);
    }

    [Fact]
    public void Verify_NoPredictedAnswer_NotEquivalent()
    {
        var verdict = Checker.Verify("$5$", "I do not know.");
        Assert.Equal("5", verdict.GoldAnswer);
        Assert.False(verdict.IsEquivalent);
    }
}
