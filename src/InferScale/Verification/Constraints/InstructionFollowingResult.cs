namespace InferScale.Verification.Constraints;

/// <summary>Whether a response followed each of its instructions.</summary>
/// <param name="InstructionIds">The instructions, in the order given.</param>
/// <param name="Followed">Per instruction, whether it was followed.</param>
public sealed record InstructionFollowingResult(IReadOnlyList<string> InstructionIds, IReadOnlyList<bool> Followed)
{
    /// <summary>Whether every instruction was followed (IFEval's prompt-level accuracy).</summary>
    public bool AllFollowed => Followed.All(f => f);
}
