using InferScale.Generation;

namespace InferScale.Gateway.Runs;

/// <summary>
/// Reports every finished call of the generator it wraps (counts so far) to a callback. Does not own the inner
/// generator: disposing it leaves the served model open.
/// </summary>
internal sealed class ProgressGenerator(IGenerator inner, Action<RunProgress> report) : DelegatingGenerator(inner)
{
    private int _calls;
    private int _samples;
    private long _tokens;

    public override async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var result = await base.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        var calls = Interlocked.Increment(ref _calls);
        var samples = Interlocked.Add(ref _samples, result.Samples.Count);
        var tokens = Interlocked.Add(ref _tokens, result.Usage.CompletionTokens);
        report(new RunProgress("call", calls, samples, tokens));
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        // The served model outlives the request.
    }
}
