using System.Text.Json;

namespace InferScale.Experiments;

/// <summary>Checks an <see cref="ExperimentConfig"/> once, throwing <see cref="ExperimentConfigException"/> naming the first bad field.</summary>
public static class ExperimentConfigValidator
{
    /// <summary>The reward model that needs no file or endpoint: the rule-based arith PRM.</summary>
    public const string BuiltInRewardModel = "arith-steps";

    private static readonly string[] BudgetKinds = ["samples", "tokens", "flops"];

    /// <summary>Validates <paramref name="config"/>; <paramref name="isKnownStrategy"/> (optional) checks strategy names.</summary>
    public static void Validate(ExperimentConfig config, Func<string, bool>? isKnownStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Datasets.Count == 0)
            throw new ExperimentConfigException("datasets", "name at least one dataset (e.g. {\"name\": \"arith\"}).");
        for (var i = 0; i < config.Datasets.Count; i++)
        {
            var d = config.Datasets[i];
            if (string.IsNullOrWhiteSpace(d.Name))
                throw new ExperimentConfigException($"datasets[{i}].name", "is empty; give a built-in name (arith, gsm8k, math500, aime24, amc23, humaneval) or a JSONL path.");
            if (d.Limit is <= 0)
                throw new ExperimentConfigException($"datasets[{i}].limit", $"must be > 0 (got {d.Limit}).");
            if (d.Levels is { Count: 0 })
                throw new ExperimentConfigException($"datasets[{i}].levels", "is an empty list; omit it to use every level.");
        }
        if (config.Models.Count == 0)
            throw new ExperimentConfigException("models", "name at least one model (a GGUF \"path\" or OpenAI-compatible \"endpoints\").");
        for (var i = 0; i < config.Models.Count; i++)
            ValidateModel(config.Models[i], $"models[{i}]");
        var repeated = config.Models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new ExperimentConfigException("models", $"the name '{repeated.Key}' is used twice; model names must be unique.");
        if (config.RewardModel is { } rm && !(rm.Name == BuiltInRewardModel && rm.Path is null && rm.Endpoints is null))
            ValidateModel(rm, "reward_model");
        if (config.Strategies.Count == 0)
            throw new ExperimentConfigException("strategies", "name at least one strategy (see 'inferscale strategies').");
        for (var i = 0; i < config.Strategies.Count; i++)
        {
            ValidateStrategy(config.Strategies[i], $"strategies[{i}]", isKnownStrategy);
            for (var j = 0; config.Strategies[i].Models is { } only && j < only.Count; j++)
            {
                if (!config.Models.Any(m => m.Name == only[j]))
                    throw new ExperimentConfigException($"strategies[{i}].models[{j}]", $"no model is named '{only[j]}'; known: {string.Join(", ", config.Models.Select(m => m.Name))}.");
            }
        }
        if (config.Seeds.Count == 0)
            throw new ExperimentConfigException("seeds", "give at least one seed.");
        if (config.Seeds.Distinct().Count() != config.Seeds.Count)
            throw new ExperimentConfigException("seeds", "a seed is repeated.");
        ValidateSampling(config.Sampling);
    }

    private static void ValidateModel(ModelSpec m, string field)
    {
        if (string.IsNullOrWhiteSpace(m.Name))
            throw new ExperimentConfigException($"{field}.name", "is empty; models need a short name for case ids and reports.");
        var hasPath = !string.IsNullOrWhiteSpace(m.Path);
        var hasEndpoints = m.Endpoints is { Count: > 0 };
        if (hasPath == hasEndpoints)
            throw new ExperimentConfigException(field, "give exactly one of \"path\" (an embedded GGUF file) or \"endpoints\" (OpenAI-compatible base URLs).");
        for (var j = 0; hasEndpoints && j < m.Endpoints!.Count; j++)
        {
            if (!Uri.TryCreate(m.Endpoints[j], UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ExperimentConfigException($"{field}.endpoints[{j}]", $"'{m.Endpoints[j]}' is not an http(s) URL such as http://127.0.0.1:8080/v1.");
        }
        if (m.Parameters is <= 0)
            throw new ExperimentConfigException($"{field}.parameters", "must be > 0.");
        if (m.Server is { } server && !Backends.OpenAI.OpenAiServerKindNames.TryParse(server, out _))
            throw new ExperimentConfigException($"{field}.server", $"must be one of {string.Join(", ", Backends.OpenAI.OpenAiServerKindNames.All)} (got '{server}').");
        if (m.Server is not null && hasPath)
            throw new ExperimentConfigException($"{field}.server", "applies to \"endpoints\" only; an embedded model (\"path\") has no server.");
    }

    private static void ValidateStrategy(StrategySpec s, string field, Func<string, bool>? isKnownStrategy)
    {
        if (string.IsNullOrWhiteSpace(s.Name))
            throw new ExperimentConfigException($"{field}.name", "is empty; see 'inferscale strategies' for the names.");
        if (isKnownStrategy is not null && !isKnownStrategy(s.Name))
            throw new ExperimentConfigException($"{field}.name", $"unknown strategy '{s.Name}'; see 'inferscale strategies' for the names.");
        if (!BudgetKinds.Contains(s.BudgetKind, StringComparer.Ordinal))
            throw new ExperimentConfigException($"{field}.budget_kind", $"must be one of {string.Join(", ", BudgetKinds)} (got '{s.BudgetKind}').");
        if (s.Budgets.Count == 0)
            throw new ExperimentConfigException($"{field}.budgets", "give at least one budget.");
        for (var j = 0; j < s.Budgets.Count; j++)
        {
            if (!(s.Budgets[j] > 0) || double.IsInfinity(s.Budgets[j]))
                throw new ExperimentConfigException($"{field}.budgets[{j}]", $"must be a finite number > 0 (got {s.Budgets[j]}).");
        }
        foreach (var (key, value) in s.Params)
        {
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)
                throw new ExperimentConfigException($"{field}.params.{key}", "is an empty list; give at least one value.");
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                throw new ExperimentConfigException($"{field}.params.{key}", "is null; give a value or a list of values.");
        }
    }

    private static void ValidateSampling(SamplingSpec s)
    {
        if (!(s.Temperature >= 0) || double.IsInfinity(s.Temperature))
            throw new ExperimentConfigException("sampling.temperature", $"must be a finite number >= 0 (got {s.Temperature}).");
        if (!(s.TopP > 0 && s.TopP <= 1))
            throw new ExperimentConfigException("sampling.top_p", $"must be in (0, 1] (got {s.TopP}).");
        if (s.TopK < 0)
            throw new ExperimentConfigException("sampling.top_k", $"must be >= 0 (got {s.TopK}).");
        if (!(s.MinP >= 0 && s.MinP < 1))
            throw new ExperimentConfigException("sampling.min_p", $"must be in [0, 1) (got {s.MinP}).");
        if (s.MaxTokens < 1)
            throw new ExperimentConfigException("sampling.max_tokens", $"must be >= 1 (got {s.MaxTokens}).");
        if (s.TopLogprobs is < 0 or > 20)
            throw new ExperimentConfigException("sampling.top_logprobs", $"must be in [0, 20] (got {s.TopLogprobs}).");
    }
}
