using InferScale.Strategies;

namespace InferScale.Gateway;

/// <summary>
/// How a <see cref="GatewayServer"/> behaves: who may call it, what it accepts, and how much it does at once. Immutable;
/// validated once by <see cref="Validate"/> (the server calls it) with messages naming the option.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>
    /// The addresses to listen on (for example <c>http://127.0.0.1:8080</c>; port 0 picks a free port, see
    /// <see cref="GatewayServer.Addresses"/>). Default <c>http://127.0.0.1:8080</c>.
    /// </summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>
    /// Accepted API keys (sent as <c>Authorization: Bearer KEY</c>). Empty: no key is required, but only requests from
    /// loopback addresses are served (others get 403). Default empty.
    /// </summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Largest request body in bytes; larger ones get 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>
    /// The largest budget a request may ask for, per budget kind (a kind without an entry here uses its default:
    /// 64 samples, 65,536 tokens, 1e12 FLOPs). Larger budgets get 400 naming the limit.
    /// </summary>
    public IReadOnlyList<ComputeBudget> MaxBudgets { get; init; } = [];

    /// <summary>Most strategy runs (requests being answered) at once; further requests get 429 with <c>Retry-After</c>. Default 16.</summary>
    public int MaxConcurrentRuns { get; init; } = 16;

    /// <summary>The <c>Retry-After</c> seconds sent with a 429 for the concurrency cap. Default 1.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Largest <c>n</c> (choices) a request may ask for with a bare model name. Default 64.</summary>
    public int MaxChoices { get; init; } = 64;

    /// <summary>Largest <c>max_tokens</c> per sample a request may ask for. Default 8192.</summary>
    public int MaxTokensLimit { get; init; } = 8192;

    /// <summary>Tokens per sample when a request gives no <c>max_tokens</c>. Default 256.</summary>
    public int DefaultMaxTokens { get; init; } = 256;

    /// <summary>The seed of a request that gives none (runs are reproducible by default; send <c>seed</c> to vary them). Default 0.</summary>
    public ulong DefaultSeed { get; init; }

    /// <summary>How often a streaming response reports progress while its strategy runs, when nothing else happened. Default 1 s.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest number of characters in one streamed content chunk of the final answer. Default 16.</summary>
    public int StreamChunkChars { get; init; } = 16;

    /// <summary>How long a graceful shutdown waits for requests in flight before aborting them. Default 30 s.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Fault injection (a test tool for clients); <see langword="null"/> or a zero rate disables it. Default none.</summary>
    public GatewayFaultOptions? Faults { get; init; }

    /// <summary>The clock for timings, progress and fault hangs. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The default budget limits by kind: 64 samples, 65,536 tokens, 1e12 FLOPs.</summary>
    public static IReadOnlyList<ComputeBudget> DefaultMaxBudgets { get; } =
        [ComputeBudget.Samples(64), ComputeBudget.Tokens(65_536), ComputeBudget.Flops(1e12)];

    /// <summary>The budget limit of <paramref name="kind"/>: the entry of <see cref="MaxBudgets"/>, else the default.</summary>
    public ComputeBudget MaxBudget(BudgetKind kind) =>
        MaxBudgets.LastOrDefault(b => b.Kind == kind) ?? DefaultMaxBudgets.First(b => b.Kind == kind);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Urls is null || Urls.Count == 0)
            throw new ArgumentException("Urls must list at least one address, e.g. http://127.0.0.1:8080.", nameof(Urls));
        foreach (var url in Urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ArgumentException($"Urls: '{url}' is not an absolute http(s) address such as http://127.0.0.1:8080.", nameof(Urls));
        }
        ArgumentNullException.ThrowIfNull(ApiKeys, nameof(ApiKeys));
        if (ApiKeys.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("ApiKeys must not contain empty keys.", nameof(ApiKeys));
        if (MaxRequestBodyBytes < 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxRequestBodyBytes), MaxRequestBodyBytes, "MaxRequestBodyBytes must be >= 1024.");
        ArgumentNullException.ThrowIfNull(MaxBudgets, nameof(MaxBudgets));
        if (MaxConcurrentRuns < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentRuns), MaxConcurrentRuns, "MaxConcurrentRuns must be >= 1.");
        if (RetryAfterSeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "RetryAfterSeconds must be >= 0.");
        if (MaxChoices < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxChoices), MaxChoices, "MaxChoices must be >= 1.");
        if (MaxTokensLimit < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxTokensLimit), MaxTokensLimit, "MaxTokensLimit must be >= 1.");
        if (DefaultMaxTokens < 1 || DefaultMaxTokens > MaxTokensLimit)
            throw new ArgumentOutOfRangeException(nameof(DefaultMaxTokens), DefaultMaxTokens, $"DefaultMaxTokens must be in [1, MaxTokensLimit = {MaxTokensLimit}].");
        if (ProgressInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, "ProgressInterval must be > 0.");
        if (StreamChunkChars < 1)
            throw new ArgumentOutOfRangeException(nameof(StreamChunkChars), StreamChunkChars, "StreamChunkChars must be >= 1.");
        if (ShutdownGracePeriod < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ShutdownGracePeriod), ShutdownGracePeriod, "ShutdownGracePeriod must be >= 0.");
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        Faults?.Validate();
    }
}
