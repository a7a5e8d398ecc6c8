namespace InferScale.Verification;

/// <summary>
/// Decides whether two extracted answers are the same answer (for voting, grouping and grading). Implementations are
/// deterministic, thread-safe and bounded in time: an input they cannot decide in time is "not equivalent".
/// </summary>
public interface IAnswerEquivalence
{
    /// <summary>Whether <paramref name="predicted"/> is equivalent to <paramref name="gold"/> (gold first: the relation need not be symmetric).</summary>
    bool AreEquivalent(string gold, string predicted);
}
