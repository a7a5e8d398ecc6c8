using InferScale.Analysis;
using InferScale.Verification;

namespace InferScale.Tests.Analysis;

public sealed class AnswerGroupingTests
{
    [Fact]
    public void Group_EquivalentButDifferentStrings_ShareAGroup()
    {
        var groups = AnswerGrouping.Group(["0.5", " 7 ", ".5", null, "7", "", "x"], MathAnswerChecker.Default);

        Assert.Equal([0, 1, 0, -1, 1, -1, 2], groups.GroupOf);
        Assert.Equal(["0.5", "7", "x"], groups.Representatives);
    }

    [Fact]
    public void Group_CallsEquivalenceOncePerNewStringAndGroup()
    {
        var counting = new CountingEquivalence();

        AnswerGrouping.Group(["a", "b", "a", "c", "b", "a"], counting);

        Assert.Equal(3, counting.Calls); // b vs a; c vs a, c vs b
    }

    private sealed class CountingEquivalence : IAnswerEquivalence
    {
        public int Calls { get; private set; }

        public bool AreEquivalent(string gold, string predicted)
        {
            Calls++;
            return gold == predicted;
        }
    }
}
