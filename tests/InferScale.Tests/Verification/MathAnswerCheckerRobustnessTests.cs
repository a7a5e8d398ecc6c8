using InferScale.Verification;

namespace InferScale.Tests.Verification;

public sealed class MathAnswerCheckerRobustnessTests
{
    public static TheoryData<string, string> Pathological() => new()
    {
        { "$10^{10^{10^{10}}}$", "$10^{10^{10^{11}}}$" },
        { "$" + new string('{', 5000) + "1" + new string('}', 5000) + "$", "$2$" },
        { "$" + string.Concat(Enumerable.Repeat("\\frac{1}{", 3000)) + "2" + new string('}', 3000) + "$", "$3$" },
        { "$" + string.Concat(Enumerable.Repeat("\\frac12", 20000)) + "$", "$3$" },
        { "$" + string.Concat(Enumerable.Repeat("-", 100000)) + "x$", "$x$" },
        { "$" + string.Concat(Enumerable.Repeat("1/", 100000)) + "1$", "$2$" },
        { "$$" + new string('$', 100000), "$2$" },
        { string.Concat(Enumerable.Repeat("\\boxed{", 5000)), "$2$" },
        { "$x^{" + string.Concat(Enumerable.Repeat("x^{", 2000)) + "2" + new string('}', 2001) + "$", "$2$" },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Verify_PathologicalInput_ReturnsNotEquivalent(string gold, string predicted)
    {
        // The time bound itself is tested deterministically with a fake clock (Verify_DeadlinePassed_…).
        var verdict = MathAnswerChecker.Default.Verify(gold, predicted);
        Assert.False(verdict.IsEquivalent);
    }

    [Fact]
    public void Verify_OneMegabyteOutput_FindsTrailingAnswer()
    {
        var text = string.Concat(Enumerable.Repeat("blah $x$ 12 \\frac{ ", 1_000_000 / 20)) + " so the answer is \\boxed{42}.";
        var verdict = MathAnswerChecker.Default.Verify("42", text);
        Assert.True(verdict.IsEquivalent);
    }

    [Fact]
    public void Verify_OneMegabyteOfDigits_DoesNotThrow()
    {
        var text = new string('9', 1_000_000);
        var verdict = MathAnswerChecker.Default.Verify(text, text + "1");
        Assert.False(verdict.IsEquivalent);
    }

    [Fact]
    public void Verify_DeadlinePassed_NotEquivalentEvenForEqualAnswers()
    {
        // A clock that jumps a second at every read: the first deadline check (after 256 operations) is already late.
        var checker = new MathAnswerChecker(new MathAnswerOptions { TimeProvider = new JumpingClock(), TimeLimit = TimeSpan.FromMilliseconds(500) });
        var big = "$" + string.Join("+", Enumerable.Range(1, 400).Select(i => $"\\frac{{{i}}}{{{i + 1}}}")) + "$";
        var bigAgain = big.Replace("+", " + ", StringComparison.Ordinal);
        Assert.True(MathAnswerChecker.Default.AreEquivalent(big, bigAgain));
        Assert.False(checker.AreEquivalent(big, bigAgain + "+0"));
    }

    [Fact]
    public void Verify_ParallelCalls_SameResultsAsSequential()
    {
        var pairs = new (string Gold, string Pred)[]
        {
            ("x^2+2x+1", "(x+1)^2"), ("\\frac{1}{2}", "0.5"), ("$(1,2)$", "$(2,1)$"), ("$\\{1,2\\}$", "$2,1$"),
            ("$x \\in [-2,7]$", "$[-2,7]$"), ("\\tan^2(y)+1", "\\sec^2(y)"), ("$x = 3$", "$3$"), ("42", "The answer is 41."),
        };
        var expected = pairs.Select(p => MathAnswerChecker.Default.AreEquivalent(p.Gold, p.Pred)).ToArray();
        var results = new bool[64 * pairs.Length];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var pair = pairs[i % pairs.Length];
            results[i] = MathAnswerChecker.Default.AreEquivalent(pair.Gold, pair.Pred);
        });
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(expected[i % pairs.Length], results[i]);
    }

    [Fact]
    public void AreEquivalent_SameSeed_IsDeterministicAcrossInstances()
    {
        var a = new MathAnswerChecker(new MathAnswerOptions { Seed = 7 });
        var b = new MathAnswerChecker(new MathAnswerOptions { Seed = 7 });
        foreach (var (gold, pred) in new[] { ("\\sin^2 x + \\cos^2 x", "1"), ("x^3", "x^2"), ("\\frac{x}{y}", "x y^{-1}") })
            Assert.Equal(a.AreEquivalent(gold, pred), b.AreEquivalent(gold, pred));
    }

    private sealed class JumpingClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Add(ref _now, 1000);
    }
}
