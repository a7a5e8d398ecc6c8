using System.Runtime.CompilerServices;
using InferScale.Generation;
using Microsoft.Extensions.AI;

namespace InferScale.Backends.ChatClient;

/// <summary>
/// An <see cref="IChatClient"/> that answers with an inference-time scaling procedure over an <see cref="IGenerator"/>
/// (for example majority voting over several samples, see <see cref="ScalingFunctions"/>). Sampling settings in
/// <see cref="ChatOptions"/> (temperature, top-p, top-k, seed, max output tokens, stop sequences) override those of
/// every request the procedure makes; unset ones leave the procedure's own. The usage reported is the procedure's
/// whole compute: <see cref="UsageDetails.InputTokenCount"/> includes cached prompt tokens, and the call count and
/// verifier tokens are in <see cref="UsageDetails.AdditionalCounts"/> as <c>calls</c> and <c>verifier_tokens</c>.
/// Streaming yields the final answer as one update.
/// </summary>
public sealed class ScalingChatClient : IChatClient
{
    private readonly IGenerator _generator;
    private readonly Func<IGenerator, string, CancellationToken, ValueTask<(string Answer, Usage Usage)>> _scaling;
    private readonly ScalingChatClientOptions _options;

    /// <summary>Wraps <paramref name="generator"/> with the scaling procedure <paramref name="scaling"/>.</summary>
    /// <param name="generator">The generator the procedure samples from.</param>
    /// <param name="scaling">Given the generator, the prompt and a token, returns the final answer and the compute used.</param>
    /// <param name="options">Behaviour; <see langword="null"/> for defaults.</param>
    public ScalingChatClient(
        IGenerator generator,
        Func<IGenerator, string, CancellationToken, ValueTask<(string Answer, Usage Usage)>> scaling,
        ScalingChatClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(scaling);
        _generator = generator;
        _scaling = scaling;
        _options = options ?? new ScalingChatClientOptions();
        ArgumentNullException.ThrowIfNull(_options.PromptFormatter, nameof(ScalingChatClientOptions.PromptFormatter));
    }

    /// <summary>The default prompt: a single message's text, or <c>role: text</c> lines joined by blank lines.</summary>
    public static string DefaultPrompt(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        return list.Count == 1
            ? list[0].Text
            : string.Join("\n\n", list.Select(m => $"{m.Role.Value}: {m.Text}"));
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var prompt = _options.PromptFormatter(messages);
        var generator = options is null ? _generator : new SamplingOverrideGenerator(_generator, options);
        var (answer, usage) = await _scaling(generator, prompt, cancellationToken).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = _generator.Metadata.ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = ToUsageDetails(usage),
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType.IsInstanceOfType(this))
            return this;
        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
            return new ChatClientMetadata("inferscale", _generator.Metadata.Endpoint, _generator.Metadata.ModelId);
        return _generator.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_options.DisposeGenerator)
            _generator.Dispose();
    }

    private static UsageDetails ToUsageDetails(Usage usage) => new()
    {
        InputTokenCount = usage.PromptTokens + usage.CachedPromptTokens,
        CachedInputTokenCount = usage.CachedPromptTokens,
        OutputTokenCount = usage.CompletionTokens,
        TotalTokenCount = usage.PromptTokens + usage.CachedPromptTokens + usage.CompletionTokens,
        AdditionalCounts = new AdditionalPropertiesDictionary<long>
        {
            ["calls"] = usage.Calls,
            ["verifier_tokens"] = usage.VerifierTokens,
        },
    };
}
