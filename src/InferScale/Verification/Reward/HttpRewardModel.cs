using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferScale.Backends;
using InferScale.Backends.OpenAI.Wire;
using InferScale.Generation;
using Polly;

namespace InferScale.Verification.Reward;

/// <summary>
/// A reward model served over HTTP: vLLM's pooling API (process or outcome reward models) or a generic JSON endpoint
/// that returns per-step scores. Transient failures are retried (Polly, as for generators); a call that still fails,
/// or a response of an unexpected shape, gives a <see cref="RewardScore"/> with NaN <see cref="RewardScore.Final"/>
/// and <see cref="RewardScore.Error"/> set. Only caller cancellation throws. Verifier tokens are the server's
/// <c>usage.prompt_tokens</c> when reported, otherwise <c>ceil(characters / 4)</c> of the input.
/// </summary>
public sealed class HttpRewardModel : IRewardModel, IDisposable
{
    private readonly HttpRewardModelOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;
    private readonly ResiliencePipeline _attemptTimeout;

    /// <summary>Creates a reward model client; validates <paramref name="options"/> once.</summary>
    /// <param name="options">Endpoint, format and mapping.</param>
    /// <param name="httpClient">The client to use (infinite timeout expected); <see langword="null"/> creates and owns one.</param>
    /// <param name="timeProvider">Clock for timeouts, backoff and wall time; <see langword="null"/> uses the system clock.</param>
    public HttpRewardModel(HttpRewardModelOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _retry = HttpResilience.BuildRetry(options.Resilience, _time, null);
        _attemptTimeout = HttpResilience.BuildAttemptTimeout(options.Resilience, _time);
    }

    /// <inheritdoc />
    public async ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(solution);
        var steps = SolutionSteps.Split(solution);
        var (body, inputChars) = BuildBody(prompt, solution, steps);
        var started = _time.GetTimestamp();
        var attempts = new StrongBox<int>();
        Usage UsageOf(long? tokens) => new()
        {
            Calls = attempts.Value,
            VerifierTokens = tokens ?? (inputChars + 3L) / 4,
            WallTime = _time.GetElapsedTime(started),
        };
        byte[] response;
        try
        {
            response = await _retry.ExecuteAsync(token => AttemptAsync(body, attempts, token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (HttpResilience.IsTransient(e) || e is BackendCallException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return RewardScore.Failed($"{HttpResilience.Describe(e)} (after {attempts.Value} attempt(s))", UsageOf(0));
        }
        return _options.Format == RewardApiFormat.VllmPooling
            ? InterpretPooling(response, steps.Count, UsageOf)
            : InterpretStepScores(response, UsageOf(null));
    }

    /// <summary>Disposes the HTTP client when this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    private (byte[] Body, int InputChars) BuildBody(string prompt, string solution, IReadOnlyList<string> steps)
    {
        if (_options.Format == RewardApiFormat.VllmPooling)
        {
            var stepText = string.Concat(steps.Select(s => s + _options.StepTag));
            var input = _options.InputTemplate
                .Replace("{prompt}", prompt, StringComparison.Ordinal)
                .Replace("{steps}", stepText, StringComparison.Ordinal);
            var pooling = new PoolingRequestBody { Model = _options.Model, Input = input };
            return (JsonSerializer.SerializeToUtf8Bytes(pooling, OpenAiJsonContext.Default.PoolingRequestBody), input.Length);
        }
        var json = _options.RequestTemplate
            .Replace("{{model}}", JsonValue.Create(_options.Model).ToJsonString(), StringComparison.Ordinal)
            .Replace("{{prompt}}", JsonValue.Create(prompt).ToJsonString(), StringComparison.Ordinal)
            .Replace("{{solution}}", JsonValue.Create(solution).ToJsonString(), StringComparison.Ordinal)
            .Replace("{{steps}}", new JsonArray([.. steps.Select(s => (JsonNode?)JsonValue.Create(s))]).ToJsonString(), StringComparison.Ordinal);
        return (Encoding.UTF8.GetBytes(json), prompt.Length + solution.Length);
    }

    private async ValueTask<byte[]> AttemptAsync(byte[] body, StrongBox<int> attempts, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts.Value);
        return await _attemptTimeout.ExecuteAsync(async token =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint);
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (_options.ApiKey is { } key)
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            HttpResilience.ThrowIfFailed(response, bytes, _time);
            try
            {
                using var _ = JsonDocument.Parse(bytes);
            }
            catch (JsonException e)
            {
                throw new BackendCallException($"Invalid or truncated JSON response ({bytes.Length} bytes): {e.Message}", null, isTransient: true, innerException: e);
            }
            return bytes;
        }, cancellationToken).ConfigureAwait(false);
    }

    private RewardScore InterpretPooling(byte[] bytes, int stepCount, Func<long?, Usage> usageOf)
    {
        PoolingResponseBody? response;
        try
        {
            response = JsonSerializer.Deserialize(bytes, OpenAiJsonContext.Default.PoolingResponseBody);
        }
        catch (JsonException e)
        {
            return RewardScore.Failed($"Pooling response does not have the documented shape: {e.Message}", usageOf(null));
        }
        var usage = usageOf(response?.Usage?.PromptTokens);
        if (response?.Data is not { Count: > 0 } data)
            return RewardScore.Failed("Pooling response has no data.", usage);
        if (!TryReadValues(data[0].Data, _options.ClassIndex, out var values, out var problem))
            return RewardScore.Failed($"Pooling data[0].data: {problem}", usage);
        if (_options.Output == RewardOutput.Outcome)
            return values.Count == 0 ? RewardScore.Failed("Pooling data[0].data is empty.", usage) : new RewardScore([], values[^1], usage);
        if (values.Count != stepCount)
        {
            return RewardScore.Failed(
                $"The reward model returned {values.Count} step score(s) for {stepCount} step(s); check StepTag ('{_options.StepTag}') and the model's pooling configuration.",
                usage);
        }
        return new RewardScore(values, _options.Aggregation.Aggregate(values), usage);
    }

    private RewardScore InterpretStepScores(byte[] bytes, Usage usage)
    {
        var root = JsonNode.Parse(bytes);
        var stepsNode = Resolve(root, _options.StepScoresPath);
        if (stepsNode is not JsonArray array)
            return RewardScore.Failed($"Response has no array at '{_options.StepScoresPath}'.", usage);
        var steps = new List<double>(array.Count);
        foreach (var item in array)
        {
            if (!TryNumber(item, out var v))
                return RewardScore.Failed($"'{_options.StepScoresPath}' holds a non-number: {item?.ToJsonString() ?? "null"}.", usage);
            steps.Add(v);
        }
        double final;
        if (_options.FinalScorePath is { } finalPath)
        {
            if (!TryNumber(Resolve(root, finalPath), out final))
                return RewardScore.Failed($"Response has no number at '{finalPath}'.", usage) with { StepScores = steps };
        }
        else
        {
            final = _options.Aggregation.Aggregate(steps);
        }
        return new RewardScore(steps, final, usage);
    }

    private static bool TryReadValues(JsonElement data, int classIndex, out List<double> values, out string problem)
    {
        values = [];
        problem = "";
        switch (data.ValueKind)
        {
            case JsonValueKind.Number:
                values.Add(data.GetDouble());
                return true;
            case JsonValueKind.Array:
                foreach (var item in data.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Number)
                    {
                        values.Add(item.GetDouble());
                    }
                    else if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 0)
                    {
                        var length = item.GetArrayLength();
                        var k = classIndex < 0 ? length - 1 : classIndex;
                        if (k >= length || item[k].ValueKind != JsonValueKind.Number)
                        {
                            problem = $"class index {k} is not a number in a vector of {length}.";
                            return false;
                        }
                        values.Add(item[k].GetDouble());
                    }
                    else
                    {
                        problem = $"expected numbers or number vectors, found {item.ValueKind}.";
                        return false;
                    }
                }
                return true;
            default:
                problem = $"expected a number or an array, found {data.ValueKind}.";
                return false;
        }
    }

    private static JsonNode? Resolve(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
                return null;
        }
        return node;
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = double.NaN;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
            return false;
        value = v.GetValue<double>();
        return true;
    }
}
