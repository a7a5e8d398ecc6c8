using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>One configuration a policy can choose: a model's strategy with its parameters at a budget.</summary>
public sealed record PolicyConfiguration
{
    /// <summary>The policy model.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>The strategy's catalog name.</summary>
    [JsonPropertyName("strategy")]
    public string Strategy { get; init; } = "";

    /// <summary>The strategy's parameters (kebab-case name → value as text), ordinal key order.</summary>
    [JsonPropertyName("params")]
    public IReadOnlyDictionary<string, string> Params { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>samples</c>, <c>tokens</c> or <c>flops</c>.</summary>
    [JsonPropertyName("budget_kind")]
    public string BudgetKind { get; init; } = "samples";

    /// <summary>The budget, in <see cref="BudgetKind"/>.</summary>
    [JsonPropertyName("budget")]
    public double Budget { get; init; }

    /// <summary>A canonical text such as <c>weighted-majority(aggregation=last)@16samples</c>: equal for equal configurations, ordered ordinally.</summary>
    [JsonIgnore]
    public string Key => Strategy
        + (Params.Count == 0 ? "" : "(" + string.Join(",", Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + ")")
        + "@" + Budget.ToString("R", CultureInfo.InvariantCulture) + BudgetKind;

    /// <summary>Parameters of a stored case as text: strings as they are, anything else as its JSON text.</summary>
    public static SortedDictionary<string, string> ParamsText(IReadOnlyDictionary<string, JsonElement> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
            text[name] = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        return text;
    }
}
