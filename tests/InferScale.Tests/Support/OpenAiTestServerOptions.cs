namespace InferScale.Tests.Support;

/// <summary>Behaviour of an <see cref="OpenAiTestServer"/>; may be changed while it runs.</summary>
public sealed class OpenAiTestServerOptions
{
    /// <summary>Model id reported by <c>/v1/models</c>.</summary>
    public string ModelId { get; set; } = "test-model";

    /// <summary><c>owned_by</c> of the model in <c>/v1/models</c> (servers name themselves there: <c>llamacpp</c>, <c>vllm</c>); null omits it.</summary>
    public string? OwnedBy { get; set; }

    /// <summary>When set, <c>GET /props</c> answers <c>{"total_slots": N}</c> as llama-server does; otherwise it is 404.</summary>
    public int? TotalSlots { get; set; }

    /// <summary>Whether <c>n</c> &gt; 1 is served (false answers 400 like llama.cpp).</summary>
    public bool AcceptN { get; set; } = true;

    /// <summary>Tokens a sample has before it ends naturally with <c>finish_reason: stop</c>.</summary>
    public int NaturalLength { get; set; } = 10;

    /// <summary>Whether <c>usage.prompt_tokens_details.cached_tokens</c> is reported.</summary>
    public bool ReportCachedTokens { get; set; }

    /// <summary>Cached tokens reported (capped at the prompt's tokens).</summary>
    public int CachedTokens { get; set; }

    /// <summary>Report <c>completion_tokens</c> of the first choice only (llama-server's behaviour with <c>n</c> &gt; 1).</summary>
    public bool CountUsageForFirstChoiceOnly { get; set; }

    /// <summary>Omit the <c>usage</c> object.</summary>
    public bool OmitUsage { get; set; }

    /// <summary>Probability that a request gets a random fault from <see cref="FaultKinds"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>Seed of the fault draws.</summary>
    public int FaultSeed { get; set; }

    /// <summary>Faults drawn when <see cref="FaultRate"/> &gt; 0.</summary>
    public IReadOnlyList<OpenAiTestServerFault> FaultKinds { get; set; } =
    [
        OpenAiTestServerFault.RateLimit, OpenAiTestServerFault.ServerError, OpenAiTestServerFault.Hang,
        OpenAiTestServerFault.TruncatedJson, OpenAiTestServerFault.ConnectionReset,
    ];

    /// <summary>Seconds sent in <c>Retry-After</c> with a 429.</summary>
    public int RetryAfterSeconds { get; set; }

    /// <summary>Delay before answering each generation request (to make concurrency observable).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary><c>/pooling</c> output shape: <c>pairs</c> (per step [p_neg, p_pos]), <c>floats</c> (per step p), <c>number</c> (one outcome score) or <c>garbage</c>.</summary>
    public string PoolingOutput { get; set; } = "pairs";

    /// <summary>The step tag whose occurrences delimit steps in a <c>/pooling</c> input.</summary>
    public string PoolingStepTag { get; set; } = "<extra_0>";
}
