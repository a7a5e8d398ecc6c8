using InferScale.Engine.Reward;
using InferScale.Randomness;

namespace InferScale.Tests.Engine.Reward;

public sealed class StepCorruptionTests
{
    private const string Solution = "f = 27 + 11 = 38\nWait, check: f = 27 + 11 = 38\nr = 38 + 5 = 43\n</think>\nThe answer is \\boxed{43}.\n";
    private static readonly int[] Offsets = [-10, -3, -2, -1, 1, 2, 3, 10];

    [Fact]
    public void Corrupt_ManySeeds_MovesOneIntegerResultByAnAllowedOffsetAndKeepsEverythingBefore()
    {
        var lines = Solution.Split('\n');
        var chosen = new HashSet<int>();
        for (ulong seed = 0; seed < 200; seed++)
        {
            var random = new SplitMix64(seed);
            var (prefix, step) = StepCorruption.Corrupt(Solution, ref random) ?? throw new InvalidOperationException("no corruption");
            chosen.Add(step);
            var got = prefix.Split('\n');
            Assert.Equal(step + 2, got.Length); // the steps through the corrupted one, each with its newline
            Assert.Equal("", got[^1]);
            var line = step; // no blank lines, so step i is line i; "</think>" (step 3) has no integer result
            Assert.Equal(lines[..line], got[..line]);
            var (was, now) = (Number(lines[line]), Number(got[line]));
            Assert.Contains((int)(now - was), Offsets);
            Assert.True(now >= 0);
            Assert.Equal(Strip(lines[line]), Strip(got[line]));
        }
        Assert.Equal([0, 1, 2, 4], chosen.Order());
    }

    [Fact]
    public void Corrupt_SameSeed_SameResult()
    {
        var a = new SplitMix64(9);
        var b = new SplitMix64(9);

        Assert.Equal(StepCorruption.Corrupt(Solution, ref a), StepCorruption.Corrupt(Solution, ref b));
    }

    [Fact]
    public void Corrupt_SmallResult_StaysNonNegative()
    {
        for (ulong seed = 0; seed < 100; seed++)
        {
            var random = new SplitMix64(seed);
            var (prefix, _) = StepCorruption.Corrupt("x = 2 - 2 = 0\n", ref random)!.Value;

            Assert.Matches(@"^x = 2 - 2 = (1|2|3|10)\n$", prefix);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("no numbers here\n</think>\n")]
    [InlineData("x = 3 + y\nThe answer is \\boxed{x}.\n")]
    public void Corrupt_NoIntegerResult_ReturnsNull(string solution)
    {
        var random = new SplitMix64(1);

        Assert.Null(StepCorruption.Corrupt(solution, ref random));
    }

    private static long Number(string line) =>
        long.Parse(System.Text.RegularExpressions.Regex.Match(line, @"(-?\d+)\D*$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Strip(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"-?\d+(\D*)$", "#$1");
}
