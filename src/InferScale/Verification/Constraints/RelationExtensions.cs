namespace InferScale.Verification.Constraints;

/// <summary>Applies a <see cref="Relation"/>.</summary>
public static class RelationExtensions
{
    /// <summary>Whether <paramref name="count"/> satisfies <paramref name="relation"/> against <paramref name="threshold"/>.</summary>
    public static bool Holds(this Relation relation, int count, int threshold) =>
        relation == Relation.LessThan ? count < threshold : count >= threshold;

    /// <summary>The relation in IFEval's words.</summary>
    public static string Words(this Relation relation) => relation == Relation.LessThan ? "less than" : "at least";
}
