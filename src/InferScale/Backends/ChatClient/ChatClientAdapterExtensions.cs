using InferScale.Generation;
using InferScale.Verification;
using Microsoft.Extensions.AI;

namespace InferScale.Backends.ChatClient;

/// <summary>Adapters between <see cref="IChatClient"/> and <see cref="IGenerator"/>.</summary>
public static class ChatClientAdapterExtensions
{
    /// <summary>Uses <paramref name="client"/> as a generator (one chat call per sample, per-sample seeds).</summary>
    public static IGenerator AsGenerator(this IChatClient client, ChatClientGeneratorOptions? options = null) =>
        new ChatClientGenerator(client, options);

    /// <summary>Serves <paramref name="generator"/> as a chat client that answers with <paramref name="scaling"/>.</summary>
    public static IChatClient AsChatClient(
        this IGenerator generator,
        Func<IGenerator, string, CancellationToken, ValueTask<(string Answer, Usage Usage)>> scaling,
        ScalingChatClientOptions? options = null) =>
        new ScalingChatClient(generator, scaling, options);

    /// <summary>Serves <paramref name="generator"/> as a chat client that answers by majority vote over <paramref name="samples"/> samples.</summary>
    public static IChatClient AsChatClient(
        this IGenerator generator, IAnswerExtractor extractor, int samples, SamplingOptions? sampling = null, ScalingChatClientOptions? options = null) =>
        new ScalingChatClient(generator, ScalingFunctions.MajorityVote(extractor, samples, sampling), options);
}
