namespace InferScale.Verification.Constraints;

/// <summary>IFEval's comparison relations.</summary>
public enum Relation
{
    /// <summary>The count must be strictly less than the threshold.</summary>
    LessThan,

    /// <summary>The count must be at least the threshold.</summary>
    AtLeast,
}
