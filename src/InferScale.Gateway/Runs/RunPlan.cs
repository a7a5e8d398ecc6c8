using InferScale.Generation;
using InferScale.Strategies;

namespace InferScale.Gateway.Runs;

/// <summary>What one request will run: a strategy (or plain sampling) on a served model.</summary>
/// <param name="Model">The served model.</param>
/// <param name="Generator">The generator for this endpoint (chat or completions).</param>
/// <param name="Prompt">The model's prompt (the chat message in the model's template, or the raw completions prompt).</param>
/// <param name="Sampling">Sampling parameters.</param>
/// <param name="Budget">The strategy's budget; for plain sampling, the number of choices in samples.</param>
internal sealed record RunPlan(GatewayModel Model, IGenerator Generator, string Prompt, SamplingOptions Sampling, ComputeBudget Budget)
{
    /// <summary>The strategy; <see langword="null"/> for plain sampling (a bare model name).</summary>
    public IScalingStrategy? Strategy { get; init; }

    /// <summary>The strategy's catalog name, or <c>sample</c>.</summary>
    public string StrategyName { get; init; } = "sample";

    /// <summary>The options given (kebab-case name → value).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Choices to return (plain sampling only; a strategy returns one).</summary>
    public int Choices { get; init; } = 1;

    /// <summary>Whether choices carry logprobs.</summary>
    public bool Logprobs { get; init; }

    /// <summary>The name echoed in the response's <c>model</c> field (what the client sent).</summary>
    public string ResponseModel { get; init; } = "";
}
