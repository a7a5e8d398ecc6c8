using InferScale.Generation;
using Microsoft.Extensions.AI;

namespace InferScale.Backends.ChatClient;

/// <summary>Applies the sampling settings a chat caller set in <see cref="ChatOptions"/> to every request; unset ones are left alone.</summary>
internal sealed class SamplingOverrideGenerator : DelegatingGenerator
{
    private readonly ChatOptions _options;

    public SamplingOverrideGenerator(IGenerator inner, ChatOptions options)
        : base(inner) => _options = options;

    public override ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = request.Sampling;
        s = s with
        {
            Temperature = _options.Temperature ?? s.Temperature,
            TopP = _options.TopP ?? s.TopP,
            TopK = _options.TopK ?? s.TopK,
            Seed = _options.Seed is { } seed ? unchecked((ulong)seed) : s.Seed,
            MaxTokens = _options.MaxOutputTokens ?? s.MaxTokens,
            Stop = _options.StopSequences is { Count: > 0 } stop ? [.. stop] : s.Stop,
        };
        return base.GenerateAsync(request with { Sampling = s, Model = _options.ModelId ?? request.Model }, cancellationToken);
    }

    // The wrapped generator belongs to the ScalingChatClient, which outlives this per-call wrapper.
    protected override void Dispose(bool disposing)
    {
    }
}
