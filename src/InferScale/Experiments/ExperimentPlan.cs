using System.Text.Json;

namespace InferScale.Experiments;

/// <summary>
/// An experiment expanded into its immutable cases: the cross join datasets × models × strategies × parameter grid ×
/// budgets × seeds, in that order (BenchmarkDotNet's model: a plan of cases with stable ids).
/// </summary>
public sealed class ExperimentPlan
{
    private ExperimentPlan(ExperimentConfig config, IReadOnlyList<ExperimentCase> cases)
    {
        Config = config;
        Cases = cases;
    }

    /// <summary>The validated config.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>The cases, by ordinal.</summary>
    public IReadOnlyList<ExperimentCase> Cases { get; }

    /// <summary>Reads a config file; malformed JSON or an invalid field throws <see cref="ExperimentConfigException"/> naming the file, line and field.</summary>
    public static ExperimentConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"experiment config not found: {path}", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses config JSON; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentConfig Parse(string json, string source = "config")
    {
        try
        {
            return JsonSerializer.Deserialize(json, ExperimentJsonContext.Default.ExperimentConfig)
                ?? throw new ExperimentConfigException("$", $"{source} is empty (null).");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"{source}:{line + 1}" : source;
            var field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            throw new ExperimentConfigException(field, $"{where}: {ex.Message.Split(" Path:", 2)[0]}");
        }
    }

    /// <summary>The JSON of <paramref name="config"/> (indented; what <see cref="Parse"/> reads back).</summary>
    public static string ToJson(ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return JsonSerializer.Serialize(config, new ExperimentJsonContext(new JsonSerializerOptions(ExperimentJsonContext.Default.Options) { WriteIndented = true }).ExperimentConfig);
    }

    /// <summary>Validates <paramref name="config"/> and expands it into cases.</summary>
    /// <param name="config">The experiment.</param>
    /// <param name="isKnownStrategy">Tells whether a strategy name exists (the strategy catalog); null accepts any name.</param>
    public static ExperimentPlan Expand(ExperimentConfig config, Func<string, bool>? isKnownStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ExperimentConfigValidator.Validate(config, isKnownStrategy);
        var cases = new List<ExperimentCase>();
        foreach (var dataset in config.Datasets)
        {
            foreach (var model in config.Models)
            {
                foreach (var strategy in config.Strategies)
                {
                    if (strategy.Models is { } only && !only.Contains(model.Name, StringComparer.Ordinal))
                        continue;
                    foreach (var parameters in Grid(strategy.Params))
                    {
                        foreach (var budget in strategy.Budgets)
                        {
                            foreach (var seed in config.Seeds)
                            {
                                var draft = new ExperimentCase
                                {
                                    Id = "",
                                    Ordinal = cases.Count,
                                    Dataset = dataset,
                                    Model = model,
                                    Strategy = strategy.Name,
                                    Params = parameters,
                                    BudgetKind = strategy.BudgetKind,
                                    Budget = budget,
                                    Seed = seed,
                                    Sampling = config.Sampling,
                                };
                                var id = ExperimentCase.MakeId(dataset.Name, model.Name, strategy.Name, parameters, strategy.BudgetKind, budget, seed, draft.ToSpecJson());
                                cases.Add(draft with { Id = id });
                            }
                        }
                    }
                }
            }
        }
        var duplicate = cases.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ExperimentConfigException("strategies", $"two cases have the same specification ({duplicate.Key}); remove the repeated entry.");
        return new ExperimentPlan(config, cases);
    }

    /// <summary>The cross product of a parameter grid (each value a list, or a single value), keys in ordinal order.</summary>
    internal static IEnumerable<IReadOnlyDictionary<string, JsonElement>> Grid(IReadOnlyDictionary<string, JsonElement> grid)
    {
        IEnumerable<Dictionary<string, JsonElement>> points = [new Dictionary<string, JsonElement>(StringComparer.Ordinal)];
        foreach (var (key, value) in grid.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.Clone()).ToList() : [value.Clone()];
            points = points.SelectMany(p => values.Select(v => new Dictionary<string, JsonElement>(p, StringComparer.Ordinal) { [key] = v })).ToList();
        }
        return points;
    }
}
