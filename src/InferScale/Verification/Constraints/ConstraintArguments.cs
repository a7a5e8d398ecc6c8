using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferScale.Verification.Constraints;

/// <summary>
/// The keyword arguments of one instruction (IFEval's <c>kwargs</c> entry), with typed getters whose errors name the
/// instruction and the argument.
/// </summary>
public sealed class ConstraintArguments
{
    private readonly JsonObject _values;
    private readonly string _instructionId;

    /// <summary>Wraps <paramref name="values"/> (may be <see langword="null"/> for an instruction without arguments).</summary>
    public ConstraintArguments(string instructionId, JsonObject? values)
    {
        _instructionId = instructionId;
        _values = values ?? [];
    }

    /// <summary>An integer argument; throws naming it when missing or not an integer.</summary>
    public int GetInt(string name)
    {
        var node = Require(name);
        if (node is JsonValue v && v.TryGetValue<int>(out var i))
            return i;
        if (node is JsonValue d && d.TryGetValue<double>(out var x) && x == Math.Floor(x) && Math.Abs(x) < int.MaxValue)
            return (int)x;
        throw Bad(name, "an integer");
    }

    /// <summary>A string argument; throws naming it when missing or not a string.</summary>
    public string GetString(string name)
    {
        var node = Require(name);
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
            return s;
        throw Bad(name, "a string");
    }

    /// <summary>A list-of-strings argument; throws naming it when missing or not a list of strings.</summary>
    public IReadOnlyList<string> GetStrings(string name)
    {
        if (Require(name) is not JsonArray array)
            throw Bad(name, "a list of strings");
        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonValue v && v.TryGetValue<string>(out var s))
                list.Add(s);
            else
                throw Bad(name, "a list of strings");
        }
        return list;
    }

    /// <summary>A relation argument (<c>less than</c> or <c>at least</c>).</summary>
    public Relation GetRelation(string name) => GetString(name) switch
    {
        "less than" => Relation.LessThan,
        "at least" => Relation.AtLeast,
        var other => throw new ArgumentException($"Instruction {_instructionId}: argument '{name}' must be \"less than\" or \"at least\", not \"{other}\"."),
    };

    private JsonNode Require(string name)
    {
        if (_values.TryGetPropertyValue(name, out var node) && node is not null && node.GetValueKind() != JsonValueKind.Null)
            return node;
        throw new ArgumentException($"Instruction {_instructionId} needs the argument '{name}'.");
    }

    private ArgumentException Bad(string name, string what) =>
        new($"Instruction {_instructionId}: argument '{name}' must be {what}.");
}
