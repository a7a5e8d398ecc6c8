using System.Globalization;
using InferScale.Gateway.Http;
using InferScale.Strategies;

namespace InferScale.Gateway.Runs;

/// <summary>
/// Turns a parsed request into a <see cref="RunPlan"/>: resolves the model (404 naming the known ones), the strategy
/// (from the <c>strategy@budget/model</c> prefix or the <c>inferscale</c> object; 400 naming the known ones), its options
/// and budget (400 when over the gateway's limit), and the prompt.
/// </summary>
internal sealed class RunPlanner(IReadOnlyList<GatewayModel> models, GatewayOptions options, StrategyCatalog catalog)
{
    private readonly Dictionary<string, GatewayModel> _byName = models.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public RunPlan Plan(ParsedRequest request)
    {
        StrategySpec? spec = null;
        var modelName = request.Model.Trim();
        if (modelName.Contains('@', StringComparison.Ordinal))
        {
            try
            {
                spec = StrategySpec.Parse(NormalizeBudgetUnit(modelName));
            }
            catch (FormatException e)
            {
                throw ApiError.BadRequest($"'model': {e.Message} Write <strategy>@<budget>/<model>, e.g. majority@16/{FirstModel()}.", "model", "invalid_model_name");
            }
            modelName = spec.Model ?? throw ApiError.BadRequest(
                $"'model' '{request.Model}' names no model after the budget: write <strategy>@<budget>/<model>, e.g. majority@16/{FirstModel()}.", "model", "invalid_model_name");
        }
        if (!_byName.TryGetValue(modelName, out var model))
        {
            throw ApiError.NotFound(
                $"The model '{modelName}' does not exist. Known models: {string.Join(", ", models.Select(m => m.Name))}; " +
                $"choose a strategy with <strategy>@<budget>/<model>, e.g. majority@16/{FirstModel()}.", "model", "model_not_found");
        }
        var generator = request.Kind == EndpointKind.Chat ? model.ChatGeneratorOrDefault : model.Generator;
        var prompt = request.Kind == EndpointKind.Chat ? model.FormatChatPrompt(request.Input) : request.Input;
        var body = request.Strategy;
        if (spec is not null && body?.Strategy is not null)
            throw ApiError.BadRequest("Give the strategy either in 'model' (strategy@budget/model) or in 'inferscale.strategy', not both.", "inferscale.strategy");
        if (spec is null && body?.Strategy is null)
        {
            if (body is { Params.Count: > 0 } || body?.Budget is not null)
                throw ApiError.BadRequest("'inferscale' needs 'strategy' (or a strategy-prefixed model name) when it gives a budget or params.", "inferscale.strategy");
            return new RunPlan(model, generator, prompt, request.Sampling, ComputeBudget.Samples(request.Choices))
            {
                Choices = request.Choices,
                Logprobs = request.Logprobs,
                ResponseModel = request.Model,
            };
        }
        if (request.Choices != 1)
            throw ApiError.BadRequest("'n' must be 1 with a strategy (a strategy returns one answer); send separate requests with different seeds for several.", "n");

        var name = spec?.Name ?? body!.Strategy!;
        var budget = spec?.Budget ?? BodyBudget(body!);
        if (spec is not null && body?.Budget is not null)
            throw ApiError.BadRequest("Give the budget either in 'model' (strategy@budget/model) or in 'inferscale.budget', not both.", "inferscale.budget");
        var optionValues = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in spec?.Options ?? new Dictionary<string, string>())
            optionValues[k] = v;
        foreach (var (k, v) in body?.Params ?? new Dictionary<string, string>())
            optionValues[k] = v;

        StrategyDescriptor descriptor;
        try
        {
            descriptor = catalog.Get(name);
        }
        catch (ArgumentException)
        {
            throw ApiError.BadRequest($"Unknown strategy '{name}'; known strategies: {string.Join(", ", catalog.Strategies.Where(s => s.IsImplemented).Select(s => s.Name))}.", "model", "unknown_strategy");
        }
        if (!descriptor.IsImplemented)
            throw ApiError.BadRequest($"Strategy '{descriptor.Name}' is planned but not implemented yet.", "model", "unknown_strategy");
        var max = options.MaxBudget(budget.Kind);
        if (budget.Amount > max.Amount)
        {
            throw ApiError.BadRequest(
                $"Budget {budget} exceeds this gateway's limit of {max} (--max-budget {max}).", spec is null ? "inferscale.budget" : "model", "budget_limit_exceeded");
        }
        if (budget.Kind == BudgetKind.Flops && generator.Metadata.Parameters is null)
            throw ApiError.BadRequest($"Model '{model.Name}' has no known shape, so a FLOPs budget cannot be enforced; use a samples or tokens budget.", "model");
        IScalingStrategy strategy;
        try
        {
            strategy = descriptor.Create(descriptor.BindOptions(optionValues), budget);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw ApiError.BadRequest($"Strategy '{descriptor.Name}': {e.Message.Split(" (Parameter", 2)[0]}", spec is null ? "inferscale.params" : "model", "invalid_strategy_options");
        }
        return new RunPlan(model, generator, prompt, request.Sampling, budget)
        {
            Strategy = strategy,
            StrategyName = descriptor.Name,
            Options = optionValues,
            Logprobs = request.Logprobs,
            ResponseModel = request.Model,
        };
    }

    /// <summary>Accepts <c>@2048tok</c> as <c>@2048tokens</c> in a prefixed model name.</summary>
    internal static string NormalizeBudgetUnit(string modelName)
    {
        var at = modelName.LastIndexOf('@');
        if (at < 0)
            return modelName;
        var slash = modelName.IndexOf('/', at);
        var end = slash < 0 ? modelName.Length : slash;
        var budget = modelName[(at + 1)..end];
        return budget.EndsWith("tok", StringComparison.OrdinalIgnoreCase)
            ? modelName[..end] + "ens" + modelName[end..]
            : modelName;
    }

    private static ComputeBudget BodyBudget(StrategyRequest body)
    {
        if (body.Budget is null)
            throw ApiError.BadRequest("'inferscale.budget' is required with 'inferscale.strategy' (e.g. 16, \"2048tok\", \"1e9flops\").", "inferscale.budget");
        var text = body.Budget.Trim();
        if (text.EndsWith("tok", StringComparison.OrdinalIgnoreCase))
            text += "ens";
        if (body.BudgetKind is { } kind)
        {
            var unit = kind.Trim().ToLowerInvariant() switch
            {
                "samples" or "sample" => "samples",
                "tokens" or "token" or "tok" => "tokens",
                "flops" => "flops",
                _ => throw ApiError.BadRequest($"'inferscale.budget_kind' must be samples, tokens or flops; got '{kind}'.", "inferscale.budget_kind"),
            };
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                throw ApiError.BadRequest($"'inferscale.budget' must be a plain number when 'budget_kind' is given; got '{body.Budget}'.", "inferscale.budget");
            text += unit;
        }
        try
        {
            return ComputeBudget.Parse(text);
        }
        catch (FormatException e)
        {
            throw ApiError.BadRequest($"'inferscale.budget': {e.Message}", "inferscale.budget");
        }
    }

    private string FirstModel() => models.Count > 0 ? models[0].Name : "MODEL";
}
