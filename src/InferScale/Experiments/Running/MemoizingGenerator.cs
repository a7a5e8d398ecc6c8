using InferScale.Compute;
using InferScale.Generation;

namespace InferScale.Experiments.Running;

/// <summary>
/// A generator for experiments: serves samples already drawn from a <see cref="SampleMemo"/>, generates only the missing
/// indices (in one call), and reports every call's usage as if it had run alone on a cold cache — the prompt and prefix
/// prefilled once (<see cref="Usage.PromptTokens"/>), shared by the call's other samples
/// (<see cref="Usage.CachedPromptTokens"/>), every generated token counted, and FLOPs by <see cref="KaplanFlops"/> over
/// those tokens. The reported compute is thus what the strategy asked for, identical whether a sample was computed now,
/// in an earlier case, or before a crash; <see cref="Executed"/> keeps what the inner generator really did.
/// </summary>
public sealed class MemoizingGenerator : IGenerator
{
    private readonly IGenerator _inner;
    private readonly SampleMemo _memo;
    private readonly string _model;
    private readonly ModelShape? _shape;
    private readonly Lock _gate = new();
    private Usage _executed = Usage.Zero;

    /// <summary>Wraps <paramref name="inner"/> (named <paramref name="model"/> in memo keys); FLOPs use <paramref name="shape"/> (zero when null).</summary>
    public MemoizingGenerator(IGenerator inner, SampleMemo memo, string model, ModelShape? shape)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(memo);
        ArgumentException.ThrowIfNullOrEmpty(model);
        _inner = inner;
        _memo = memo;
        _model = model;
        _shape = shape;
    }

    /// <inheritdoc />
    public GeneratorMetadata Metadata => _inner.Metadata;

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : _inner.GetService(serviceType, serviceKey);
    }

    /// <summary>Does nothing: the inner generator belongs to whoever opened it (<see cref="RunResources"/>).</summary>
    public void Dispose()
    {
    }

    /// <summary>What the inner generator actually executed (misses only), with real wall time.</summary>
    public Usage Executed { get { lock (_gate) return _executed; } }

    /// <inheritdoc />
    public async ValueTask<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var key = SampleMemo.Key(_model, request);
        var samples = new Sample?[request.Count];
        var missing = new List<int>();
        for (var j = 0; j < request.Count; j++)
        {
            if (_memo.TryGet(key, request.FirstIndex + j, out var held))
                samples[j] = held;
            else
                missing.Add(j);
        }
        var wall = TimeSpan.Zero;
        if (missing.Count > 0)
        {
            // Missing indices come in runs; each contiguous run is one inner call.
            var start = 0;
            while (start < missing.Count)
            {
                var end = start;
                while (end + 1 < missing.Count && missing[end + 1] == missing[end] + 1)
                    end++;
                var call = request with { FirstIndex = request.FirstIndex + missing[start], Count = end - start + 1 };
                var result = await _inner.GenerateAsync(call, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                    _executed += result.Usage;
                wall += result.Usage.WallTime;
                foreach (var s in result.Samples)
                {
                    var j = s.Index - request.FirstIndex;
                    if (j < 0 || j >= request.Count || samples[j] is not null)
                        throw new InvalidOperationException($"The generator returned sample index {s.Index} for a request of indices {call.FirstIndex}..{call.FirstIndex + call.Count - 1}.");
                    samples[j] = s;
                    if (s.FinishReason != FinishReason.Error)
                        _memo.Add(key, s);
                }
                start = end + 1;
            }
        }
        var list = new Sample[request.Count];
        for (var j = 0; j < request.Count; j++)
            list[j] = samples[j] ?? throw new InvalidOperationException($"The generator returned no sample {request.FirstIndex + j}.");
        return new GenerationResult(list, StandaloneUsage(list, wall));
    }

    private Usage StandaloneUsage(IReadOnlyList<Sample> samples, TimeSpan wall)
    {
        var prompt = samples.Where(s => s.FinishReason != FinishReason.Error).Select(s => (long)s.PromptTokens).DefaultIfEmpty(0).Max();
        var live = samples.Count(s => s.FinishReason != FinishReason.Error);
        long completion = 0;
        var flops = 0.0;
        if (_shape is not null && live > 0)
            flops += KaplanFlops.Span(_shape, 0, prompt);
        foreach (var s in samples)
        {
            completion += s.CompletionTokens;
            if (_shape is not null)
                flops += KaplanFlops.Span(_shape, prompt, s.CompletionTokens);
        }
        return new Usage
        {
            Calls = 1,
            PromptTokens = live > 0 ? prompt : 0,
            CachedPromptTokens = live > 1 ? (live - 1) * prompt : 0,
            CompletionTokens = completion,
            Flops = flops,
            WallTime = wall,
        };
    }
}
