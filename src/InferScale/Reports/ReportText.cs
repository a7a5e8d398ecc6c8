using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InferScale.Reports;

/// <summary>Labels and number formats shared by the report's files (invariant culture throughout).</summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary><c>key=value, …</c> in ordinal key order; string values unquoted.</summary>
    public static string Params(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(key).Append('=').Append(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        }
        return sb.ToString();
    }

    /// <summary>A key that identifies parameters exactly (ordinal keys, raw JSON values).</summary>
    public static string ParamsKey(IReadOnlyDictionary<string, JsonElement> parameters) =>
        string.Join("\u001f", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\u001e" + p.Value.GetRawText()));

    /// <summary>The plot series of a row: <c>strategy</c>, <c>strategy(params)</c>, with <c>[tokens]</c>/<c>[flops]</c> for those budgets.</summary>
    public static string Series(string strategy, string paramsText, string budgetKind)
    {
        var s = paramsText.Length == 0 ? strategy : $"{strategy}({paramsText})";
        return budgetKind == "samples" ? s : $"{s} [{budgetKind}]";
    }

    /// <summary>A budget as text: <c>16</c>, <c>4096 tokens</c>, <c>1e+15 FLOPs</c>.</summary>
    public static string Budget(double budget, string kind) => kind switch
    {
        "samples" => Number(budget),
        "tokens" => Number(budget) + " tokens",
        "flops" => budget.ToString("0.###e+0", Invariant) + " FLOPs",
        _ => Number(budget) + " " + kind,
    };

    /// <summary>An integer-valued number without decimals, else up to 4 significant digits.</summary>
    public static string Number(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Round(value) ? value.ToString("0", Invariant) : value.ToString("G4", Invariant);

    /// <summary>A mean count (tokens): one decimal below 100, otherwise whole.</summary>
    public static string Mean(double value) => value < 100 ? value.ToString("0.0", Invariant) : value.ToString("N0", Invariant);

    /// <summary>FLOPs in scientific notation (<c>1.23e+09</c>).</summary>
    public static string Flops(double value) => value.ToString("0.00e+00", Invariant);

    /// <summary>A fraction as a percentage with one decimal.</summary>
    public static string Percent(double value) => (100 * value).ToString("0.0", Invariant) + "%";

    /// <summary>Round-trip text of a number (CSV).</summary>
    public static string Exact(double value) => value.ToString("R", Invariant);

    /// <summary>Orders level names numerically when both are numbers, else ordinally.</summary>
    public static int CompareLevels(string a, string b)
    {
        var na = double.TryParse(a, NumberStyles.Float, Invariant, out var x);
        var nb = double.TryParse(b, NumberStyles.Float, Invariant, out var y);
        if (na && nb) return x.CompareTo(y) is var c && c != 0 ? c : string.CompareOrdinal(a, b);
        if (na != nb) return na ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }

    /// <summary>A comparer for level names (<see cref="CompareLevels"/>).</summary>
    public static IComparer<string> LevelComparer { get; } = Comparer<string>.Create(CompareLevels);
}
