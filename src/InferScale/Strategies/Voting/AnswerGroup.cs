using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>Samples whose answers are equivalent, with their votes and total weight.</summary>
public sealed class AnswerGroup(string answer)
{
    private readonly List<(Sample Sample, double Weight)> _members = [];

    /// <summary>The representative answer (that of the group's first sample by index).</summary>
    public string Answer { get; } = answer;

    /// <summary>The samples in the group, in the order they were added (index ascending when added so).</summary>
    public IReadOnlyList<Sample> Members => [.. _members.Select(m => m.Sample)];

    /// <summary>The number of samples (votes).</summary>
    public int Votes => _members.Count;

    /// <summary>The sum of the members' weights (equal to <see cref="Votes"/> for an unweighted vote).</summary>
    public double Weight { get; private set; }

    /// <summary>The lowest sample index in the group.</summary>
    public int FirstIndex { get; private set; } = int.MaxValue;

    /// <summary>The member with the largest weight (lowest index among equals): the group's representative solution.</summary>
    public Sample Best => _members.OrderByDescending(m => m.Weight).ThenBy(m => m.Sample.Index).First().Sample;

    internal void Add(Sample sample, double weight)
    {
        _members.Add((sample, weight));
        Weight += weight;
        FirstIndex = Math.Min(FirstIndex, sample.Index);
    }
}
