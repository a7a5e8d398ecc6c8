using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// The generator <c>compute-optimal</c> hands its chosen strategy: a request for the probe's own samples (same prompt,
/// no prefix, the probe's sampling options) is served from the probe — sample <c>i</c> depends only on the seed and
/// <c>i</c>, so these are exactly the samples a fresh call would return — at no cost (usage zero); the rest of the
/// request goes to the real generator. With a <c>guard</c> (the outer run's budget tracker) every call that reaches
/// the real generator is first reserved against the outer budget and trimmed to it, so the whole run can never spend
/// more than its budget whatever the inner strategy asks for.
/// </summary>
internal sealed class ProbeReuseGenerator : IGenerator
{
    private static readonly IReadOnlyList<string> NoStops = [];
    private readonly IGenerator _inner;
    private readonly string _prompt;
    private readonly SamplingOptions _sampling;
    private readonly Dictionary<int, Sample> _probe;
    private readonly BudgetTracker? _guard;
    private readonly HashSet<int> _reused = [];
    private readonly Lock _gate = new();

    public ProbeReuseGenerator(IGenerator inner, string prompt, SamplingOptions sampling, IEnumerable<Sample> probe, BudgetTracker? guard)
    {
        _inner = inner;
        _prompt = prompt;
        _sampling = sampling;
        _probe = probe.ToDictionary(s => s.Index);
        _guard = guard;
    }

    public GeneratorMetadata Metadata => _inner.Metadata;

    /// <summary>Probe indices served from the probe at least once.</summary>
    public IReadOnlyCollection<int> ReusedIndices { get { lock (_gate) return [.. _reused.Order()]; } }

    /// <summary>Samples served from the probe (each time one is served).</summary>
    public int ServedFromProbe { get; private set; }

    public async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var cached = new List<Sample>();
        int first = request.FirstIndex, count = request.Count;
        if (IsProbeRequest(request))
        {
            while (count > 0 && _probe.TryGetValue(first, out var sample))
            {
                cached.Add(sample);
                first++;
                count--;
            }
        }
        if (cached.Count > 0)
        {
            lock (_gate)
            {
                ServedFromProbe += cached.Count;
                foreach (var s in cached)
                    _reused.Add(s.Index);
            }
        }
        if (count == 0)
            return new GenerationResult(cached, Usage.Zero);
        var rest = request with { FirstIndex = first, Count = count };
        if (_guard is null)
            return Join(cached, await _inner.GenerateAsync(rest, cancellationToken).ConfigureAwait(false));

        var reservation = _guard.TryReserve(count, rest.Sampling.MaxTokens, _guard.PromptTokenBound(rest.Prompt, rest.Prefix));
        if (reservation is null)
            return new GenerationResult(cached, Usage.Zero); // the outer budget is spent: only what the probe holds
        rest = rest with { Count = reservation.Count, Sampling = rest.Sampling with { MaxTokens = reservation.MaxTokens } };
        GenerationResult result;
        try
        {
            result = await _inner.GenerateAsync(rest, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // As StrategyRun does: a failed single sample is charged (its index is never re-drawn); a failed batch is
            // retried one sample at a time by the caller, so it costs nothing here.
            _guard.Settle(reservation, Usage.Zero, samplesCharged: rest.Count == 1 ? null : 0);
            throw;
        }
        _guard.Settle(reservation, result.Usage);
        if (result.Samples.Count > 0 && result.Samples[0].PromptTokens > 0)
            _guard.ObservePromptTokens(rest.Prompt, rest.Prefix, result.Samples[0].PromptTokens);
        return Join(cached, result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    /// <summary>Nothing to release: the real generator belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private static GenerationResult Join(List<Sample> cached, GenerationResult fresh) =>
        cached.Count == 0 ? fresh : new GenerationResult([.. cached, .. fresh.Samples], fresh.Usage);

    private bool IsProbeRequest(GenerationRequest request) =>
        request.Prefix.Length == 0
        && request.Model is null
        && string.Equals(request.Prompt, _prompt, StringComparison.Ordinal)
        && SameSampling(request.Sampling, _sampling);

    /// <summary>Field-by-field equality (stop strings by content, not by reference).</summary>
    internal static bool SameSampling(SamplingOptions a, SamplingOptions b) =>
        a with { Stop = NoStops } == b with { Stop = NoStops } && a.Stop.SequenceEqual(b.Stop, StringComparer.Ordinal);
}
