using InferScale.Generation;

namespace InferScale.Tests.Reports;

/// <summary>
/// Replays the result of an identical earlier request instead of generating again. Exact for the engine, whose
/// samples and usage are a pure function of the request: majority@k and pass-at-k@k with one seed ask for the same
/// k samples, so the real test run samples them once.
/// </summary>
internal sealed class MemoizingGenerator(IGenerator inner) : DelegatingGenerator(inner)
{
    private readonly Dictionary<string, GenerationResult> _results = new(StringComparer.Ordinal);

    public int Hits { get; private set; }

    public override async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var s = request.Sampling;
        var key = string.Join("\u001f", request.Prompt, request.Prefix, request.Count, request.FirstIndex, request.Model ?? "", s.Temperature, s.TopP, s.TopK,
            s.MinP, s.Seed, s.MaxTokens, string.Join("\u001e", s.Stop), s.TopLogprobs, s.Logprobs);
        if (_results.TryGetValue(key, out var cached))
        {
            Hits++;
            return cached;
        }
        var result = await base.GenerateAsync(request, cancellationToken);
        _results[key] = result;
        return result;
    }
}
