using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace InferScale.Backends;

/// <summary>Builds the Polly pipelines HTTP backends share, and classifies HTTP failures.</summary>
internal static class HttpResilience
{
    /// <summary>
    /// A retry pipeline: exponential backoff with seeded jitter on transient failures (connection errors, attempt
    /// timeouts, 408/429/5xx, truncated or invalid bodies); <c>Retry-After</c> wins over the backoff, capped by
    /// <see cref="HttpResilienceOptions.MaxRetryDelay"/>. Caller cancellation is never retried.
    /// </summary>
    public static ResiliencePipeline BuildRetry(HttpResilienceOptions options, TimeProvider timeProvider, Action<TimeSpan>? onRetry)
    {
        if (options.MaxRetries == 0)
            return ResiliencePipeline.Empty;
        var random = new Random(options.JitterSeed);
        var gate = new Lock();
        var maxDelay = options.MaxRetryDelay;
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = new PredicateBuilder()
                    .Handle<BackendCallException>(e => e.IsTransient)
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
                Randomizer = () =>
                {
                    lock (gate)
                        return random.NextDouble();
                },
                DelayGenerator = args => args.Outcome.Exception is BackendCallException { RetryAfter: { } after }
                    ? ValueTask.FromResult<TimeSpan?>(after < maxDelay ? after : maxDelay)
                    : ValueTask.FromResult<TimeSpan?>(null),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>A pipeline that cancels one attempt after <see cref="HttpResilienceOptions.AttemptTimeout"/>.</summary>
    public static ResiliencePipeline BuildAttemptTimeout(HttpResilienceOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }.AddTimeout(options.AttemptTimeout).Build();

    /// <summary>Whether an exception thrown by an attempt is one the retry pipeline retries.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        BackendCallException b => b.IsTransient,
        HttpRequestException or IOException or TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>Throws a <see cref="BackendCallException"/> for a non-success response (transient for 408, 429 and 5xx).</summary>
    public static void ThrowIfFailed(HttpResponseMessage response, byte[] body, TimeProvider timeProvider)
    {
        if (response.IsSuccessStatusCode)
            return;
        var status = (int)response.StatusCode;
        var transient = status is 408 or 429 or >= 500;
        var snippet = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        throw new BackendCallException(
            $"HTTP {status} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {snippet}",
            status,
            transient,
            RetryAfter(response.Headers.RetryAfter, timeProvider));
    }

    /// <summary>A human-readable description of a failure, for <see cref="Generation.Sample.Error"/>.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException t => $"Attempt timed out: {t.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
