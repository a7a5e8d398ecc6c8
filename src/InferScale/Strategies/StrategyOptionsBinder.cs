using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace InferScale.Strategies;

/// <summary>Reads and lists options records by reflection: kebab-case names, invariant-culture values.</summary>
internal static class StrategyOptionsBinder
{
    public static IReadOnlyList<StrategyOptionInfo> Describe(Type optionsType, ScalingStrategyOptions defaults) =>
        [.. Properties(optionsType).Select(p => new StrategyOptionInfo(
            Kebab(p.Name), p.Name, p.PropertyType, p.GetValue(defaults),
            p.GetCustomAttribute<DescriptionAttribute>()?.Description ?? ""))];

    /// <summary>Sets the named options on a copy of <paramref name="defaults"/>; unknown names and unparsable values throw naming them.</summary>
    public static ScalingStrategyOptions Bind(string strategy, ScalingStrategyOptions defaults, IReadOnlyDictionary<string, string> values)
    {
        var properties = Properties(defaults.GetType()).ToDictionary(p => Normalize(p.Name), StringComparer.Ordinal);
        // Records copy through their clone method; `with` is not available on a base-typed value.
        var copy = (ScalingStrategyOptions)defaults.GetType().GetMethod("<Clone>$")!.Invoke(defaults, null)!;
        foreach (var (key, text) in values)
        {
            if (!properties.TryGetValue(Normalize(key), out var property))
            {
                throw new ArgumentException(
                    $"Unknown option '{key}' for strategy '{strategy}'; its options are: {string.Join(", ", properties.Values.Select(p => Kebab(p.Name)))}.", key);
            }
            property.SetValue(copy, Parse(strategy, Kebab(property.Name), property.PropertyType, text));
        }
        return copy;
    }

    /// <summary>Formats a value the way <see cref="Bind"/> reads it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        Enum e => Kebab(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.DeclaringType == typeof(ScalingStrategyOptions) ? 1 : 0)
            .ThenBy(p => p.MetadataToken);

    private static string Normalize(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static object? Parse(string strategy, string option, Type type, string text)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var trimmed = text.Trim();
        if (underlying is not null && (trimmed.Length == 0 || trimmed.Equals("null", StringComparison.OrdinalIgnoreCase)))
            return null;
        var target = underlying ?? type;
        object? value = null;
        if (target == typeof(string))
            value = text;
        else if (target == typeof(int) && int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
            value = i;
        else if (target == typeof(long) && long.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            value = l;
        else if (target == typeof(double) && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            value = d;
        else if (target == typeof(bool) && bool.TryParse(trimmed, out var b))
            value = b;
        else if (target.IsEnum)
        {
            var match = Enum.GetNames(target).FirstOrDefault(n => Normalize(n) == Normalize(trimmed));
            if (match is not null)
                value = Enum.Parse(target, match);
            else
                throw new ArgumentException($"Option '{option}' of strategy '{strategy}' must be one of {string.Join(", ", Enum.GetNames(target).Select(Kebab))}; got '{text}'.", option);
        }
        return value ?? throw new ArgumentException($"Option '{option}' of strategy '{strategy}' expects {Describe(target)}; got '{text}'.", option);
    }

    private static string Describe(Type t) =>
        t == typeof(int) || t == typeof(long) ? "an integer" : t == typeof(double) ? "a number" : t == typeof(bool) ? "true or false" : t.Name;
}
