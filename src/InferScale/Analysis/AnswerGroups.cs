namespace InferScale.Analysis;

/// <summary>Samples' answers partitioned into equivalence classes (groups), as produced by <see cref="AnswerGrouping"/>.</summary>
public sealed class AnswerGroups
{
    internal AnswerGroups(int[] groupOf, string[] representatives)
    {
        Ids = groupOf;
        Representatives = representatives;
    }

    /// <summary>Each sample's group (0-based, in order of first appearance), or −1 when the sample has no answer.</summary>
    public IReadOnlyList<int> GroupOf => Ids;

    /// <summary>Each group's representative: its first member's trimmed answer.</summary>
    public IReadOnlyList<string> Representatives { get; }

    /// <summary>The number of groups.</summary>
    public int Count => Representatives.Count;

    internal int[] Ids { get; }
}
