namespace InferScale.Verification.Constraints;

/// <summary>How strictly a response is checked against its instructions (IFEval's two accuracies).</summary>
public enum ConstraintMode
{
    /// <summary>The response as given must satisfy the constraint.</summary>
    Strict,

    /// <summary>
    /// Any of eight variants passes: the response, without its first line, without its last line, without both, and
    /// each of those with every <c>*</c> removed (IFEval's loose accuracy, forgiving markdown and preambles).
    /// </summary>
    Loose,
}
