using System.Collections.Concurrent;
using InferScale.Engine;
using InferScale.Generation;

namespace InferScale.Tests.Peer;

/// <summary>
/// Generator middleware that checks every call's token accounting against our tokenizer of the served model: each
/// sample's completion tokens are its text's tokens, plus one end-of-sequence token or a stop string's tokens when it
/// stopped; a sample cut for length has exactly the maximum tokens, or fills the server's slot context; the call's completion tokens are the sum over samples; its prompt tokens (computed + cached) are the
/// prompt's tokens with BOS, once per HTTP call. Every mismatch is kept in <see cref="Problems"/>.
/// </summary>
internal sealed class LlamaServerUsageCheck(IGenerator inner, ITokenizer tokenizer, int slots, int slotContext) : DelegatingGenerator(inner)
{
    private readonly ConcurrentQueue<string> _problems = new();
    private long _samples;

    /// <summary>Every accounting mismatch seen (empty when all were exact).</summary>
    public IReadOnlyCollection<string> Problems => _problems;

    /// <summary>Samples checked.</summary>
    public long Samples => Interlocked.Read(ref _samples);

    /// <inheritdoc />
    public override async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var result = await base.GenerateAsync(request, cancellationToken);
        Check(request, result);
        return result;
    }

    private void Check(GenerationRequest request, GenerationResult result)
    {
        var promptTokens = tokenizer.Encode(request.Prompt + request.Prefix, addBos: true).Length;
        long completion = 0;
        foreach (var sample in result.Samples)
        {
            Interlocked.Increment(ref _samples);
            if (sample.FinishReason == FinishReason.Error)
            {
                _problems.Enqueue($"sample {sample.Index} failed: {sample.Error}");
                continue;
            }
            completion += sample.CompletionTokens;
            var text = tokenizer.Encode(sample.Text, addBos: false).Length;
            var expected = sample.FinishReason switch
            {
                FinishReason.Length => [text],
                FinishReason.Stop => new[] { text + 1 }.Concat(request.Sampling.Stop.Select(s => text + tokenizer.Encode(s, addBos: false).Length)).Distinct().ToArray(),
                _ => [],
            };
            if (!expected.Contains(sample.CompletionTokens))
                _problems.Enqueue($"sample {sample.Index} ({sample.FinishReason}, {text} text tokens): counted {sample.CompletionTokens}, expected one of [{string.Join(", ", expected)}]");
            if (sample.FinishReason == FinishReason.Length && sample.CompletionTokens != request.Sampling.MaxTokens && promptTokens + sample.CompletionTokens != slotContext)
                _problems.Enqueue($"sample {sample.Index} stopped for length after {sample.CompletionTokens} tokens: neither the maximum {request.Sampling.MaxTokens} nor the end of the {slotContext}-position context (prompt {promptTokens})");
        }
        if (result.Usage.CompletionTokens != completion)
            _problems.Enqueue($"call usage counts {result.Usage.CompletionTokens} completion tokens, samples {completion}");
        // One HTTP call per sample when the request has stop strings, else calls of at most `slots` samples.
        var calls = request.Sampling.Stop.Count > 0 ? request.Count : (request.Count + slots - 1) / slots;
        var prompt = result.Usage.PromptTokens + result.Usage.CachedPromptTokens;
        if (prompt != (long)calls * promptTokens)
            _problems.Enqueue($"request of {request.Count} sample(s): prompt tokens {result.Usage.PromptTokens} + cached {result.Usage.CachedPromptTokens}, expected {calls} call(s) × {promptTokens}");
    }
}
