using InferScale.Generation;
using Microsoft.Extensions.AI;

namespace InferScale.Backends.ChatClient;

/// <summary>
/// Turns any <see cref="IChatClient"/> into an <see cref="IGenerator"/>: each sample is one chat call whose
/// <see cref="ChatOptions.Seed"/> is <see cref="SampleSeeds.Derive"/>(seed, index), so sample <c>i</c> does not depend on
/// batching. The prompt is a user message; a non-empty prefix is sent as a final partial assistant message (whether
/// the model continues it depends on the client). Temperature, top-p, top-k, max tokens and stop strings go in
/// <see cref="ChatOptions"/>, min-p in <see cref="ChatOptions.AdditionalProperties"/> as <c>min_p</c>; stop strings are
/// also applied client-side, because chat clients may ignore them. Logprobs are not available through
/// <see cref="IChatClient"/> and are never reported. A failed call becomes a sample with <see cref="FinishReason.Error"/>;
/// only caller cancellation throws.
/// </summary>
public sealed class ChatClientGenerator : IGenerator
{
    private readonly IChatClient _client;
    private readonly ChatClientGeneratorOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Wraps <paramref name="client"/>.</summary>
    /// <param name="client">The chat client.</param>
    /// <param name="options">Behaviour; <see langword="null"/> for defaults.</param>
    /// <param name="timeProvider">Clock for wall time; <see langword="null"/> uses the system clock.</param>
    public ChatClientGenerator(IChatClient client, ChatClientGeneratorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new ChatClientGeneratorOptions();
        _options.Validate();
        _client = client;
        _time = timeProvider ?? TimeProvider.System;
        var metadata = client.GetService<ChatClientMetadata>();
        Metadata = new GeneratorMetadata(metadata?.ProviderName ?? "chat-client", _options.ModelId ?? metadata?.DefaultModelId ?? "unknown")
        {
            Endpoint = metadata?.ProviderUri,
        };
    }

    /// <inheritdoc />
    public GeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var samples = new Sample[request.Count];
        var usages = new Usage[request.Count];
        await Parallel.ForAsync(0, request.Count, new ParallelOptions
        {
            MaxDegreeOfParallelism = _options.MaxParallelism,
            CancellationToken = cancellationToken,
        }, async (j, token) =>
        {
            (samples[j], usages[j]) = await GenerateOneAsync(request, request.FirstIndex + j, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new GenerationResult(samples, usages.Aggregate(Usage.Zero, Usage.Add));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _client.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_options.DisposeClient)
            _client.Dispose();
    }

    private async Task<(Sample, Usage)> GenerateOneAsync(GenerationRequest request, int index, CancellationToken cancellationToken)
    {
        var s = request.Sampling;
        var messages = new List<ChatMessage>(3);
        if (_options.SystemPrompt is { } system)
            messages.Add(new ChatMessage(ChatRole.System, system));
        messages.Add(new ChatMessage(ChatRole.User, request.Prompt));
        if (request.Prefix.Length > 0)
            messages.Add(new ChatMessage(ChatRole.Assistant, request.Prefix));
        var chatOptions = new ChatOptions
        {
            ModelId = request.Model ?? _options.ModelId,
            Temperature = (float)s.Temperature,
            TopP = (float)s.TopP,
            TopK = s.TopK,
            Seed = SampleSeeds.Derive(s.Seed, index),
            MaxOutputTokens = s.MaxTokens,
            StopSequences = s.Stop.Count == 0 ? null : [.. s.Stop],
            AdditionalProperties = new AdditionalPropertiesDictionary { ["min_p"] = s.MinP },
        };
        var started = _time.GetTimestamp();
        try
        {
            var response = await _client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
            var text = response.Text;
            var finish = response.FinishReason == ChatFinishReason.Length ? FinishReason.Length : FinishReason.Stop;
            string? error = response.FinishReason == ChatFinishReason.ContentFilter ? "The chat client's content filter stopped this sample." : null;
            if (error is not null)
                finish = FinishReason.Error;
            var cut = StopStrings.EarliestMatch(text, s.Stop);
            if (cut >= 0)
            {
                text = text[..cut];
                finish = FinishReason.Stop;
                error = null;
            }
            var input = response.Usage?.InputTokenCount ?? 0;
            var cached = Math.Clamp(response.Usage?.CachedInputTokenCount ?? 0, 0, input);
            var output = response.Usage?.OutputTokenCount ?? 0;
            var sample = new Sample(text)
            {
                Index = index,
                PromptTokens = (int)Math.Min(int.MaxValue, input),
                CompletionTokens = (int)Math.Min(int.MaxValue, output),
                FinishReason = finish,
                Error = error,
            };
            return (sample, new Usage
            {
                Calls = 1, PromptTokens = input - cached, CachedPromptTokens = cached, CompletionTokens = output,
                WallTime = _time.GetElapsedTime(started),
            });
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var sample = new Sample("") { Index = index, FinishReason = FinishReason.Error, Error = $"{e.GetType().Name}: {e.Message}" };
            return (sample, new Usage { Calls = 1, WallTime = _time.GetElapsedTime(started) });
        }
    }
}
