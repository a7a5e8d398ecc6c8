using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace InferScale.Verification.Constraints;

/// <summary>
/// The registry of IFEval instruction families: builds a checkable <see cref="InstructionConstraint"/> from an
/// instruction id and its keyword arguments, as in IFEval's data (<c>instruction_id_list</c>, <c>kwargs</c>).
/// </summary>
public static class InstructionConstraints
{
    private static readonly FrozenDictionary<string, Func<string, ConstraintArguments, InstructionConstraint>> Factories =
        LengthConstraints.Factories()
            .Concat(KeywordConstraints.Factories())
            .Concat(FormatConstraints.Factories())
            .Concat(ContentConstraints.Factories())
            .Concat(CaseConstraints.Factories())
            .Concat(LanguageConstraints.Factories())
            .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every supported instruction id.</summary>
    public static IReadOnlyCollection<string> SupportedIds => Factories.Keys;

    /// <summary>Whether <paramref name="instructionId"/> is supported.</summary>
    public static bool IsSupported(string instructionId) => Factories.ContainsKey(instructionId);

    /// <summary>
    /// Builds the constraint. Throws <see cref="NotSupportedException"/> for an unknown id and
    /// <see cref="ArgumentException"/> naming the argument when one is missing or of the wrong type.
    /// </summary>
    public static InstructionConstraint Create(string instructionId, JsonObject? kwargs)
    {
        ArgumentNullException.ThrowIfNull(instructionId);
        if (!Factories.TryGetValue(instructionId, out var factory))
            throw new NotSupportedException($"Unknown instruction id '{instructionId}'. Supported: {string.Join(", ", SupportedIds.Order(StringComparer.Ordinal))}.");
        return factory(instructionId, new ConstraintArguments(instructionId, kwargs));
    }
}
