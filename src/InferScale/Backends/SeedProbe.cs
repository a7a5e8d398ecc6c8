using InferScale.Generation;

namespace InferScale.Backends;

/// <summary>
/// Checks which reproducibility guarantees a backend keeps: the same request twice gives the same samples
/// (<see cref="SeedProbeResult.Repeatable"/>), and samples drawn together equal the same indices drawn one at a time
/// (<see cref="SeedProbeResult.BatchInvariant"/>). The embedded engine keeps both by construction; servers
/// (vLLM, llama.cpp, Ollama) often do not once batching or prompt caching change.
/// </summary>
public static class SeedProbe
{
    /// <summary>Draws samples <c>0 … samples − 1</c> of <paramref name="prompt"/> three ways and compares them.</summary>
    public static async ValueTask<SeedProbeResult> CheckAsync(IGenerator generator, string prompt, SamplingOptions sampling, int samples = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var request = new GenerationRequest(prompt) { Count = samples, Sampling = sampling };
        try
        {
            var results = new List<GenerationResult>
            {
                await generator.GenerateAsync(request, cancellationToken).ConfigureAwait(false),
                await generator.GenerateAsync(request, cancellationToken).ConfigureAwait(false),
            };
            for (var i = 0; i < samples; i++)
                results.Add(await generator.GenerateAsync(request with { FirstIndex = i, Count = 1 }, cancellationToken).ConfigureAwait(false));
            if (results.SelectMany(r => r.Samples).FirstOrDefault(s => s.FinishReason == FinishReason.Error) is { } failed)
                return new SeedProbeResult(null, null, 0, failed.Error ?? "the backend returned an error for a probe sample");
            var first = Texts(results[0]);
            var again = Texts(results[1]);
            var singles = results.Skip(2).SelectMany(Texts).ToList();
            var distinct = first.Distinct(StringComparer.Ordinal).Count();
            return new SeedProbeResult(first.SequenceEqual(again, StringComparer.Ordinal), first.SequenceEqual(singles, StringComparer.Ordinal), distinct, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new SeedProbeResult(null, null, 0, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static List<string?> Texts(GenerationResult result) =>
        [.. result.Samples.OrderBy(s => s.Index).Select(s => s.FinishReason == FinishReason.Error ? null : s.Text)];
}
