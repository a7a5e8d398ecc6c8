using InferScale.Backends;

namespace InferScale.Verification.Reward;

/// <summary>Configuration of an <see cref="HttpRewardModel"/>. Validated once by its constructor.</summary>
public sealed record HttpRewardModelOptions
{
    /// <summary>The full address to POST to (for example <c>http://127.0.0.1:8000/pooling</c>).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The API format. Default <see cref="RewardApiFormat.VllmPooling"/>.</summary>
    public RewardApiFormat Format { get; init; } = RewardApiFormat.VllmPooling;

    /// <summary>The reward model's name (sent as <c>model</c>).</summary>
    public string Model { get; init; } = "";

    /// <summary>Bearer token sent as <c>Authorization</c>; <see langword="null"/> sends none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Pooling: the input text, with <c>{prompt}</c> and <c>{steps}</c> replaced; <c>{steps}</c> is each step followed by
    /// <see cref="StepTag"/>. Default <c>"{prompt}\n\n{steps}"</c>.
    /// </summary>
    public string InputTemplate { get; init; } = "{prompt}\n\n{steps}";

    /// <summary>Pooling: the tag after each step at which the model emits a step score. Default Qwen2.5-Math-PRM's <c>&lt;extra_0&gt;</c>.</summary>
    public string StepTag { get; init; } = "<extra_0>";

    /// <summary>Pooling: which element of a per-step probability vector is the step score; −1 means the last (the positive class). Default −1.</summary>
    public int ClassIndex { get; init; } = -1;

    /// <summary>Pooling: whether the values are step scores or an outcome score. Default <see cref="RewardOutput.Steps"/>.</summary>
    public RewardOutput Output { get; init; } = RewardOutput.Steps;

    /// <summary>How step scores become the outcome score when the response has none. Default <see cref="StepAggregation.Last"/>.</summary>
    public StepAggregation Aggregation { get; init; } = StepAggregation.Last;

    /// <summary>
    /// Generic JSON: the request body, with <c>{{model}}</c>, <c>{{prompt}}</c>, <c>{{solution}}</c> replaced by JSON strings
    /// and <c>{{steps}}</c> by a JSON array of strings. Default <c>{"model": {{model}}, "prompt": {{prompt}}, "steps": {{steps}}}</c>.
    /// </summary>
    public string RequestTemplate { get; init; } = """{"model": {{model}}, "prompt": {{prompt}}, "steps": {{steps}}}""";

    /// <summary>Generic JSON: dotted path to the array of step scores (array indices allowed, e.g. <c>data.0.scores</c>). Default <c>step_scores</c>.</summary>
    public string StepScoresPath { get; init; } = "step_scores";

    /// <summary>Generic JSON: dotted path to the outcome score; <see langword="null"/> aggregates the step scores. Default null.</summary>
    public string? FinalScorePath { get; init; }

    /// <summary>Retries, backoff and the per-attempt timeout.</summary>
    public HttpResilienceOptions Resilience { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"Endpoint must be an absolute http(s) address, got '{Endpoint}'.", nameof(Endpoint));
        if (!Enum.IsDefined(Format))
            throw new ArgumentOutOfRangeException(nameof(Format), Format, "Format must be VllmPooling or StepScoresJson.");
        if (Format == RewardApiFormat.VllmPooling)
        {
            if (string.IsNullOrWhiteSpace(Model))
                throw new ArgumentException("Model must name the reward model.", nameof(Model));
            if (InputTemplate is null || !InputTemplate.Contains("{steps}", StringComparison.Ordinal))
                throw new ArgumentException("InputTemplate must contain {steps}.", nameof(InputTemplate));
            if (string.IsNullOrEmpty(StepTag))
                throw new ArgumentException("StepTag must be non-empty.", nameof(StepTag));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(RequestTemplate))
                throw new ArgumentException("RequestTemplate must be a JSON template.", nameof(RequestTemplate));
            if (string.IsNullOrWhiteSpace(StepScoresPath))
                throw new ArgumentException("StepScoresPath must be a dotted JSON path.", nameof(StepScoresPath));
        }
        if (ClassIndex < -1)
            throw new ArgumentOutOfRangeException(nameof(ClassIndex), ClassIndex, "ClassIndex must be >= 0, or -1 for the last element.");
        if (!Enum.IsDefined(Aggregation))
            throw new ArgumentOutOfRangeException(nameof(Aggregation), Aggregation, "Aggregation must be Last, Min, Product or Mean.");
        ArgumentNullException.ThrowIfNull(Resilience, nameof(Resilience));
        Resilience.Validate();
    }
}
