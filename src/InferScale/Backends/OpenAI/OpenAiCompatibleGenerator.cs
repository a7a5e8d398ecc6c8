using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using InferScale.Backends.OpenAI.Wire;
using InferScale.Generation;
using Polly;

namespace InferScale.Backends.OpenAI;

/// <summary>
/// An <see cref="IGenerator"/> over OpenAI-compatible servers (vLLM, llama-server, SGLang, Ollama, OpenAI): completions
/// or chat, <c>n</c> or parallel single calls, per-sample seeds, client-side stop strings beyond the server's limit,
/// logprobs, usage with cached tokens, load balancing and failover over several endpoints, a concurrency limit per
/// endpoint, retries with backoff and jitter (Polly), a per-attempt timeout and cancellation.
/// </summary>
/// <remarks>
/// <para>Batching: a request for several samples is one call with <c>n</c> = <see cref="GenerationRequest.Count"/> (split
/// into calls of at most <see cref="OpenAiCompatibleOptions.MaxSamplesPerCall"/>) when the server supports <c>n</c>;
/// then one seed, derived from the call's first sample index, covers the whole call, and at a temperature above 0
/// the call is counted in <see cref="OpenAiGeneratorStatistics.SharedSeedCalls"/>. Otherwise each sample is a
/// single call whose seed is <see cref="SampleSeeds.Derive"/>(seed, index), so sample <c>i</c> is reproducible
/// regardless of batching. The server kind (<see cref="OpenAiCompatibleOptions.ServerKind"/>) adapts this: llama-server
/// gets consecutive seeds (its choice <c>j</c> uses <c>seed + j</c>), so sample <c>i</c> has one seed in any batch, and
/// requests with stop strings go one sample per call there, for exact token counts; see <see cref="OpenAiServerKind"/>.</para>
/// <para>Failures: a call whose retries are exhausted (or that fails with a non-transient status such as 400) does
/// not throw; its samples come back with <see cref="FinishReason.Error"/> and <see cref="Sample.Error"/> set, and its
/// attempts are counted in <see cref="Usage.Calls"/> — even when no sample of the request could be produced. Only
/// caller cancellation throws (<see cref="OperationCanceledException"/>), and an invalid request throws
/// <see cref="ArgumentException"/>.</para>
/// <para>Usage: <see cref="Usage.Calls"/> counts HTTP attempts (retries included); token counting follows the rule in
/// <see cref="OpenAiCompatibleOptions.TrustServerUsage"/>.</para>
/// </remarks>
public sealed class OpenAiCompatibleGenerator : IGenerator
{
    private readonly OpenAiCompatibleOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly EndpointPool _pool;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _attemptTimeout;
    private OpenAiServerProfile? _profile;
    private int _disposed;

    /// <summary>Creates a generator; validates <paramref name="options"/> once.</summary>
    /// <param name="options">Endpoints, model and behaviour.</param>
    /// <param name="httpClient">
    /// The client to send requests with (its <see cref="HttpClient.Timeout"/> should be infinite: attempts are timed
    /// out by <see cref="HttpResilienceOptions.AttemptTimeout"/>); <see langword="null"/> creates and owns one.
    /// </param>
    /// <param name="timeProvider">Clock for timeouts, backoff, cool-downs and wall time; <see langword="null"/> uses the system clock.</param>
    public OpenAiCompatibleGenerator(OpenAiCompatibleOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? CreateHttpClient();
        _pool = new EndpointPool(options, _time);
        Statistics = new OpenAiGeneratorStatistics(_pool);
        _retry = HttpResilience.BuildRetry(options.Resilience, _time, Statistics.AddRetry);
        _attemptTimeout = HttpResilience.BuildAttemptTimeout(options.Resilience, _time);
        Metadata = new GeneratorMetadata("openai", options.Model) { Endpoint = options.Endpoints[0] };
    }

    /// <inheritdoc />
    public GeneratorMetadata Metadata { get; }

    /// <summary>Live counters: calls, attempts, retries, failures, shared-seed calls, per-endpoint load.</summary>
    public OpenAiGeneratorStatistics Statistics { get; }

    /// <inheritdoc />
    public async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        var profile = await ResolveProfileAsync(cancellationToken).ConfigureAwait(false);
        OpenAiRequestFactory.Check(profile.Kind, request.Sampling);
        var calls = Plan(request, profile);
        var tasks = new Task<(List<Sample> Samples, Usage Usage)>[calls.Count];
        for (var k = 0; k < calls.Count; k++)
            tasks[k] = ExecuteCallAsync(request, calls[k], profile, cancellationToken);
        var outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);

        var samples = new List<Sample>(request.Count);
        var usage = Usage.Zero;
        foreach (var (callSamples, callUsage) in outcomes)
        {
            samples.AddRange(callSamples);
            usage += callUsage;
        }
        samples.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new GenerationResult(samples, usage);
    }

    /// <summary>
    /// The kind of server this generator treats its endpoints as: <see cref="OpenAiCompatibleOptions.ServerKind"/>, or for
    /// <see cref="OpenAiServerKind.Auto"/> the kind detected from the first endpoint's <c>GET {base}/models</c>
    /// (<see cref="OpenAiServerKind.Generic"/> while it cannot be reached). Detected once, then remembered.
    /// </summary>
    public async ValueTask<OpenAiServerKind> GetServerKindAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return (await ResolveProfileAsync(cancellationToken).ConfigureAwait(false)).Kind;
    }

    /// <summary>
    /// Lists the models served at each endpoint (<c>GET {base}/models</c>), in configuration order; an endpoint that cannot
    /// be reached or answers badly gets an empty list (the check is meant for start-up diagnostics, not for retrying).
    /// </summary>
    public async ValueTask<IReadOnlyList<IReadOnlyList<string>>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var lists = new List<IReadOnlyList<string>>(_options.Endpoints.Count);
        foreach (var endpoint in _pool.Addresses)
        {
            try
            {
                var models = await _attemptTimeout.ExecuteAsync(async token =>
                {
                    using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "models"));
                    if (_options.ApiKey is { } key)
                        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    using var response = await _http.SendAsync(message, token).ConfigureAwait(false);
                    var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                    HttpResilience.ThrowIfFailed(response, bytes, _time);
                    return JsonSerializer.Deserialize(bytes, OpenAiJsonContext.Default.ModelsResponseBody);
                }, cancellationToken).ConfigureAwait(false);
                lists.Add(models?.Data?.Select(m => m.Id).ToArray() ?? []);
            }
            catch (Exception e) when (HttpResilience.IsTransient(e) || e is BackendCallException or JsonException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                lists.Add([]);
            }
        }
        return lists;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
            return null;
        if (serviceType.IsInstanceOfType(this))
            return this;
        if (serviceType.IsInstanceOfType(Statistics))
            return Statistics;
        return serviceType.IsInstanceOfType(_options) ? _options : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (_ownsHttp)
            _http.Dispose();
        _pool.Dispose();
    }

    /// <summary>
    /// The server profile: fixed kinds at once; <see cref="OpenAiServerKind.Auto"/> and llama-server (its slot count) by
    /// asking the first endpoint once — until it answers, each request uses the profile of the configured kind.
    /// </summary>
    private async ValueTask<OpenAiServerProfile> ResolveProfileAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _profile) is { } known)
            return known;
        if (_options.ServerKind is not (OpenAiServerKind.Auto or OpenAiServerKind.LlamaCpp))
            return _profile = OpenAiServerProfile.For(_options.ServerKind, _options);
        var resolved = await OpenAiServerDetector.ResolveAsync(_options, _pool.Addresses.First(), _http, _attemptTimeout, cancellationToken).ConfigureAwait(false);
        if (resolved is null)
            return OpenAiServerProfile.For(_options.ServerKind, _options);
        Interlocked.CompareExchange(ref _profile, resolved, null);
        return _profile;
    }

    private List<OpenAiCall> Plan(GenerationRequest request, OpenAiServerProfile profile)
    {
        var seed = request.Sampling.Seed;
        var calls = new List<OpenAiCall>();
        var llama = profile.Kind == OpenAiServerKind.LlamaCpp;
        Func<ulong, int, int> seedOf = llama ? SampleSeeds.Consecutive : SampleSeeds.Derive;
        // llama-server counts a stop string's tokens only in a single choice's usage: requests with stop strings go one sample per call.
        var batched = _options.SupportsN && !_options.PreferPerSampleSeeds && request.Count > 1
                      && !(llama && request.Sampling.Stop.Count > 0);
        if (!batched)
        {
            for (var j = 0; j < request.Count; j++)
            {
                var index = request.FirstIndex + j;
                calls.Add(new OpenAiCall(index, 1, seedOf(seed, index)));
            }
            return calls;
        }
        for (var j = 0; j < request.Count; j += profile.MaxSamplesPerCall)
        {
            var index = request.FirstIndex + j;
            calls.Add(new OpenAiCall(index, Math.Min(profile.MaxSamplesPerCall, request.Count - j), seedOf(seed, index)));
        }
        return calls;
    }

    private async Task<(List<Sample> Samples, Usage Usage)> ExecuteCallAsync(GenerationRequest request, OpenAiCall call, OpenAiServerProfile profile, CancellationToken cancellationToken)
    {
        Statistics.AddCall();
        if (call.Count > 1 && request.Sampling.Temperature > 0 && profile.Kind != OpenAiServerKind.LlamaCpp)
            Statistics.AddSharedSeedCall();
        var (path, body, isChat, promptChars) = OpenAiRequestFactory.Build(_options, profile, request, call);
        var started = _time.GetTimestamp();
        var attempts = new StrongBox<int>();
        List<Sample> samples;
        var usage = Usage.Zero;
        try
        {
            var response = await _retry.ExecuteAsync(
                token => AttemptAsync(path, body, isChat, attempts, token),
                cancellationToken).ConfigureAwait(false);
            (samples, usage) = OpenAiSampleMapper.Map(response, call, request, promptChars, _options, profile, Statistics);
        }
        catch (Exception e) when (HttpResilience.IsTransient(e) || e is BackendCallException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Statistics.AddFailedCall();
            samples = OpenAiSampleMapper.Errors(call, $"{HttpResilience.Describe(e)} (after {attempts.Value} attempt(s))");
        }
        return (samples, usage with { Calls = attempts.Value, WallTime = _time.GetElapsedTime(started) });
    }

    private async ValueTask<ParsedResponse> AttemptAsync(string path, byte[] body, bool isChat, StrongBox<int> attempts, CancellationToken cancellationToken)
    {
        var endpoint = _pool.Rent();
        var holdsSlot = false;
        bool? failed = null;
        try
        {
            await endpoint.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            holdsSlot = true;
            _pool.Started(endpoint);
            Interlocked.Increment(ref attempts.Value);
            Statistics.AddAttempt();
            var response = await _attemptTimeout.ExecuteAsync(
                token => SendAsync(endpoint, path, body, isChat, token),
                cancellationToken).ConfigureAwait(false);
            failed = false;
            return response;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failed = HttpResilience.IsTransient(e);
            throw;
        }
        finally
        {
            if (holdsSlot)
                endpoint.Slots.Release();
            _pool.Release(endpoint, holdsSlot, failed);
        }
    }

    private async ValueTask<ParsedResponse> SendAsync(EndpointState endpoint, string path, byte[] body, bool isChat, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseAddress, path));
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (_options.ApiKey is { } key)
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        HttpResilience.ThrowIfFailed(response, bytes, _time);
        return OpenAiResponseParser.Parse(bytes, isChat);
    }

    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = int.MaxValue,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
