using InferScale.Generation;

namespace InferScale.Gateway.Http;

/// <summary>A generation request as the gateway understood it.</summary>
/// <param name="Kind">The endpoint.</param>
/// <param name="Model">The <c>model</c> field as sent (possibly strategy-prefixed).</param>
/// <param name="Input">The last user message (chat) or the prompt (completions).</param>
/// <param name="Sampling">Sampling parameters with the gateway's defaults filled in.</param>
internal sealed record ParsedRequest(EndpointKind Kind, string Model, string Input, SamplingOptions Sampling)
{
    /// <summary>Choices asked for (<c>n</c>).</summary>
    public int Choices { get; init; } = 1;

    /// <summary>Whether to answer with server-sent events.</summary>
    public bool Stream { get; init; }

    /// <summary>Whether a streamed answer ends with a usage chunk (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>Whether logprobs were asked for.</summary>
    public bool Logprobs { get; init; }

    /// <summary>The <c>inferscale</c> object, when sent.</summary>
    public StrategyRequest? Strategy { get; init; }
}
