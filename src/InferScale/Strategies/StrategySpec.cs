namespace InferScale.Strategies;

/// <summary>
/// A strategy, its options and its budget in one string, as the CLI and the gateway write them:
/// <c>name[(option=value,…)]@budget[/model]</c>, for example <c>majority@16</c>,
/// <c>esc(window-size=4)@4096tokens</c> or <c>best-of-n(aggregation=min)@32/Qwen/Qwen2.5-Math-1.5B</c>.
/// </summary>
/// <param name="Name">The catalog name.</param>
/// <param name="Options">Option values by name (kebab-case).</param>
/// <param name="Budget">The budget (see <see cref="ComputeBudget.Parse"/>).</param>
public sealed record StrategySpec(string Name, IReadOnlyDictionary<string, string> Options, ComputeBudget Budget)
{
    /// <summary>The model after the budget's <c>/</c>; <see langword="null"/> when none was given.</summary>
    public string? Model { get; init; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> quoting it and saying what is wrong.</summary>
    public static StrategySpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        var at = s.LastIndexOf('@');
        var open = s.IndexOf('(', StringComparison.Ordinal);
        var close = s.LastIndexOf(')');
        if (at <= 0 || (open >= 0 && close > at))
            throw new FormatException($"Strategy '{text}' needs a budget: write name[(option=value,…)]@budget[/model], e.g. majority@16.");
        var head = s[..at];
        var tail = s[(at + 1)..];
        var slash = tail.IndexOf('/', StringComparison.Ordinal);
        var budgetText = slash < 0 ? tail : tail[..slash];
        var model = slash < 0 ? null : tail[(slash + 1)..];
        if (model is { Length: 0 })
            throw new FormatException($"Strategy '{text}': the model after '/' is empty.");
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var name = head;
        if (open >= 0)
        {
            if (close != head.Length - 1 || close < open)
                throw new FormatException($"Strategy '{text}': options go in one pair of parentheses right after the name.");
            name = head[..open];
            foreach (var pair in head[(open + 1)..close].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                    throw new FormatException($"Strategy '{text}': option '{pair}' is not name=value.");
                if (!options.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
                    throw new FormatException($"Strategy '{text}': option '{pair[..eq].Trim()}' is given twice.");
            }
        }
        name = name.Trim();
        if (name.Length == 0)
            throw new FormatException($"Strategy '{text}' has no name.");
        return new StrategySpec(name, options, ComputeBudget.Parse(budgetText)) { Model = model };
    }

    /// <summary>Creates the strategy from <paramref name="catalog"/> (default <see cref="StrategyCatalog.Default"/>), checked against the budget.</summary>
    public IScalingStrategy Create(StrategyCatalog? catalog = null) => (catalog ?? StrategyCatalog.Default).Create(Name, Options, Budget);

    /// <summary>The spec in the syntax <see cref="Parse"/> reads.</summary>
    public override string ToString() =>
        Name + (Options.Count == 0 ? "" : "(" + string.Join(",", Options.Select(o => $"{o.Key}={o.Value}")) + ")") + "@" + Budget + (Model is null ? "" : "/" + Model);
}
