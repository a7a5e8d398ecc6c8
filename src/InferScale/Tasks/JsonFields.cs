using System.Globalization;
using System.Text.Json;

namespace InferScale.Tasks;

/// <summary>Reads named fields of a JSON object, throwing <see cref="FormatException"/> with the field's name when one is missing or has the wrong type.</summary>
internal static class JsonFields
{
    /// <summary>A required field of any kind.</summary>
    public static JsonElement Required(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            throw new FormatException($"missing field '{name}'");
        return value;
    }

    /// <summary>A required string field.</summary>
    public static string RequiredString(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new FormatException($"field '{name}' must be a string, found {value.ValueKind}");
    }

    /// <summary>An optional string field (<see langword="null"/> when absent or null).</summary>
    public static string? OptionalString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new FormatException($"field '{name}' must be a string, found {value.ValueKind}");
    }

    /// <summary>A required field that is a string or a number, returned as text (integral numbers without a decimal point).</summary>
    public static string RequiredScalarText(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        return ScalarText(value) ?? throw new FormatException($"field '{name}' must be a string or a number, found {value.ValueKind}");
    }

    /// <summary>A string or number as text (integral numbers without a decimal point); <see langword="null"/> for other kinds.</summary>
    public static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when value.TryGetInt64(out var i) => i.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number when value.GetDouble() is var d && d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>A required array field.</summary>
    public static JsonElement RequiredArray(JsonElement obj, string name)
    {
        var value = Required(obj, name);
        return value.ValueKind == JsonValueKind.Array
            ? value
            : throw new FormatException($"field '{name}' must be an array, found {value.ValueKind}");
    }
}
