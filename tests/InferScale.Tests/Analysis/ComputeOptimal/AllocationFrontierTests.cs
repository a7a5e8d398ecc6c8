using InferScale.Analysis.ComputeOptimal;

namespace InferScale.Tests.Analysis.ComputeOptimal;

public sealed class AllocationFrontierTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Cheapest_RandomSmallInstances_EqualsBruteForce(int seed)
    {
        var random = new Random(seed);
        var bins = 2 + random.Next(3);
        var options = Enumerable.Range(0, bins)
            .Select(_ => (IReadOnlyList<AllocationOption>)[.. Enumerable.Range(0, 1 + random.Next(5)).Select(_ => new AllocationOption(random.Next(1, 40), random.Next(0, 8)))])
            .ToList();

        var front = AllocationFrontier.Build(options);

        var all = Combinations(options).ToList();
        var maxCorrect = all.Max(c => c.Correct);
        for (var target = 0.0; target <= maxCorrect + 1; target++)
        {
            var feasible = all.Where(c => c.Correct >= target).ToList();
            var cheapest = AllocationFrontier.Cheapest(front, target);
            if (feasible.Count == 0)
            {
                Assert.Null(cheapest);
                continue;
            }
            Assert.NotNull(cheapest);
            Assert.Equal(feasible.Min(c => c.Cost), cheapest.Cost);
            Assert.True(cheapest.Correct >= target);
            // The choices add up to the point.
            Assert.Equal(cheapest.Cost, cheapest.Choices.Select((o, b) => options[b][o].Cost).Sum());
            Assert.Equal(cheapest.Correct, cheapest.Choices.Select((o, b) => options[b][o].Correct).Sum());
        }
    }

    [Fact]
    public void Build_Front_CostAscendingCorrectStrictlyAscending()
    {
        IReadOnlyList<IReadOnlyList<AllocationOption>> options =
        [
            [new(1, 1), new(5, 3), new(5, 2), new(9, 3)],
            [new(2, 0), new(3, 4), new(1, 0)],
        ];

        var front = AllocationFrontier.Build(options);

        Assert.Equal([(2.0, 1.0), (4, 5), (8, 7)], front.Select(p => (p.Cost, p.Correct)));
        Assert.Equal([0, 2], front[0].Choices);
    }

    private static IEnumerable<(double Cost, double Correct)> Combinations(IReadOnlyList<IReadOnlyList<AllocationOption>> options, int bin = 0)
    {
        if (bin == options.Count)
        {
            yield return (0, 0);
            yield break;
        }
        foreach (var o in options[bin])
        {
            foreach (var rest in Combinations(options, bin + 1))
                yield return (o.Cost + rest.Cost, o.Correct + rest.Correct);
        }
    }
}
