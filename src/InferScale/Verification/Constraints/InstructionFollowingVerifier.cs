using System.Text.Json.Nodes;

namespace InferScale.Verification.Constraints;

/// <summary>
/// Checks a response against a list of IFEval instructions (<c>instruction_id_list</c> with parallel <c>kwargs</c>),
/// in strict or loose mode, as Tulu 3's verifiable rewards do for instruction following.
/// </summary>
public static class InstructionFollowingVerifier
{
    /// <summary>Checks <paramref name="response"/>; throws for unknown ids or missing arguments, naming them.</summary>
    public static InstructionFollowingResult Verify(string response, IReadOnlyList<string> instructionIds, IReadOnlyList<JsonObject?> kwargs, ConstraintMode mode)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(instructionIds);
        ArgumentNullException.ThrowIfNull(kwargs);
        if (instructionIds.Count != kwargs.Count)
            throw new ArgumentException($"{instructionIds.Count} instruction ids but {kwargs.Count} kwargs entries; they must be parallel lists.", nameof(kwargs));
        var followed = new bool[instructionIds.Count];
        for (var i = 0; i < followed.Length; i++)
            followed[i] = InstructionConstraints.Create(instructionIds[i], kwargs[i]).IsFollowed(response, mode);
        return new InstructionFollowingResult(instructionIds, followed);
    }
}
