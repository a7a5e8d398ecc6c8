namespace InferScale.Verification.Expressions;

/// <summary>What a <see cref="MathNode"/> stands for.</summary>
internal enum MathNodeKind
{
    /// <summary>A numeric literal.</summary>
    Number,
    /// <summary>A variable (possibly subscripted) or a text word.</summary>
    Symbol,
    /// <summary>π, e, i or ∞.</summary>
    Constant,
    /// <summary>A sum of the children.</summary>
    Add,
    /// <summary>The negation of the only child.</summary>
    Negate,
    /// <summary>A product of the children.</summary>
    Multiply,
    /// <summary>Child 0 divided by child 1.</summary>
    Divide,
    /// <summary>Child 0 raised to child 1.</summary>
    Power,
    /// <summary>A named function applied to the children.</summary>
    Function,
    /// <summary>Child 0 ± child 1.</summary>
    PlusMinus,
    /// <summary>A chain of relations between the children (operators in <see cref="MathNode.Operators"/>).</summary>
    Relation,
    /// <summary>An ordered tuple <c>(a, b)</c>.</summary>
    Tuple,
    /// <summary>An explicit set <c>\{a, b\}</c>.</summary>
    Set,
    /// <summary>A bare list of answers <c>a, b</c> (compared as a set when it is the gold answer).</summary>
    List,
    /// <summary>An interval with open or closed ends.</summary>
    Interval,
    /// <summary>A union of sets or intervals.</summary>
    Union,
    /// <summary>A matrix, children row-major.</summary>
    Matrix,
}
