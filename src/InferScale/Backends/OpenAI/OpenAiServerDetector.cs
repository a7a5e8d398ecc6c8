using System.Net.Http.Headers;
using System.Text.Json;
using InferScale.Backends.OpenAI.Wire;
using Polly;

namespace InferScale.Backends.OpenAI;

/// <summary>
/// Resolves a generator's <see cref="OpenAiServerProfile"/>: the kind (from <c>GET {base}/models</c> when
/// <see cref="OpenAiServerKind.Auto"/>) and, for llama-server, the slot count (<c>GET {root}/props</c>, <c>total_slots</c>).
/// </summary>
internal static class OpenAiServerDetector
{
    /// <summary>The profile, or <see langword="null"/> when the server could not be reached (the caller asks again on its next request).</summary>
    public static async ValueTask<OpenAiServerProfile?> ResolveAsync(
        OpenAiCompatibleOptions options, Uri baseAddress, HttpClient http, ResiliencePipeline timeout, CancellationToken cancellationToken)
    {
        var kind = options.ServerKind;
        if (kind == OpenAiServerKind.Auto)
        {
            var (models, answered) = await GetAsync(new Uri(baseAddress, "models"), options.ApiKey, http, timeout, OpenAiJsonContext.Default.ModelsResponseBody, cancellationToken).ConfigureAwait(false);
            if (!answered)
                return null;
            kind = Classify(models?.Data?.FirstOrDefault()?.OwnedBy);
        }
        if (kind != OpenAiServerKind.LlamaCpp)
            return OpenAiServerProfile.For(kind, options);
        // llama-server serves /props at its root; the base address ends in /v1/.
        // A server that answers without slots (an error status, another fork) is taken as it is; one that cannot be reached is asked again.
        var (props, reached) = await GetAsync(new Uri(baseAddress, "../props"), options.ApiKey, http, timeout, OpenAiJsonContext.Default.PropsResponseBody, cancellationToken).ConfigureAwait(false);
        return reached ? OpenAiServerProfile.For(kind, options, props?.TotalSlots) : null;
    }

    /// <summary>Maps <c>owned_by</c> of the first model to a kind.</summary>
    public static OpenAiServerKind Classify(string? ownedBy) => ownedBy?.ToLowerInvariant() switch
    {
        "llamacpp" or "llama.cpp" or "llama-cpp" => OpenAiServerKind.LlamaCpp,
        "vllm" => OpenAiServerKind.Vllm,
        "openai" or "system" or "openai-internal" => OpenAiServerKind.OpenAI,
        _ => OpenAiServerKind.Generic,
    };

    /// <summary>The parsed body (null when the server answered with an error status or an unreadable body) and whether the server answered at all.</summary>
    private static async ValueTask<(T? Value, bool Answered)> GetAsync<T>(
        Uri address, string? apiKey, HttpClient http, ResiliencePipeline timeout,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await timeout.ExecuteAsync(async token =>
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, address);
                if (apiKey is { } key)
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await http.SendAsync(message, token).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                    return (null, (int)response.StatusCode is not (408 or 429 or >= 500));
                try
                {
                    return (JsonSerializer.Deserialize(bytes, type), true);
                }
                catch (JsonException)
                {
                    return (null, true);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (HttpResilience.IsTransient(e) || e is BackendCallException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, false);
        }
    }
}
