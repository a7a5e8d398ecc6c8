namespace InferScale.Verification.Constraints;

/// <summary>One instruction with its arguments bound, e.g. <c>length_constraints:number_words</c> with "at least 300".</summary>
public sealed class InstructionConstraint
{
    private readonly Func<string, bool> _check;

    /// <summary>Creates a constraint from its id, a human description and its check.</summary>
    public InstructionConstraint(string id, string description, Func<string, bool> check)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(check);
        Id = id;
        Description = description ?? "";
        _check = check;
    }

    /// <summary>The IFEval instruction id (<c>family:name</c>).</summary>
    public string Id { get; }

    /// <summary>What the instruction asks, in words.</summary>
    public string Description { get; }

    /// <summary>Whether <paramref name="response"/> follows the instruction exactly as written.</summary>
    public bool IsFollowed(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return _check(response);
    }

    /// <summary>Whether <paramref name="response"/> follows the instruction in <paramref name="mode"/>.</summary>
    public bool IsFollowed(string response, ConstraintMode mode)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (mode == ConstraintMode.Strict)
            return response.Trim().Length > 0 && _check(response);
        foreach (var variant in LooseVariants(response))
        {
            if (variant.Trim().Length > 0 && _check(variant))
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id}: {Description}";

    /// <summary>The eight variants IFEval's loose mode tries, in its order.</summary>
    internal static IEnumerable<string> LooseVariants(string response)
    {
        var lines = response.Split('\n');
        var removeFirst = string.Join('\n', lines.Skip(1)).Trim();
        var removeLast = string.Join('\n', lines.Take(Math.Max(0, lines.Length - 1))).Trim();
        var removeBoth = string.Join('\n', lines.Skip(1).Take(Math.Max(0, lines.Length - 2))).Trim();
        yield return response;
        yield return response.Replace("*", "", StringComparison.Ordinal);
        yield return removeFirst;
        yield return removeLast;
        yield return removeBoth;
        yield return removeFirst.Replace("*", "", StringComparison.Ordinal);
        yield return removeLast.Replace("*", "", StringComparison.Ordinal);
        yield return removeBoth.Replace("*", "", StringComparison.Ordinal);
    }
}
