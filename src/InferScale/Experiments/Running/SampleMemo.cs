using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using InferScale.Generation;

namespace InferScale.Experiments.Running;

/// <summary>
/// Samples already generated in a run, by (model, prompt, prefix, sampling options, seed, index). Because a sample is a
/// pure function of exactly these, a sample drawn once can serve every case that asks for it again (majority@16 and
/// best-of-n@64 see the same first 16 samples). Bounded: past <see cref="Capacity"/> entries the memo is cleared
/// (a miss only costs recomputation, never a different result). Thread-safe.
/// </summary>
public sealed class SampleMemo
{
    private readonly ConcurrentDictionary<string, Sample> _samples = new(StringComparer.Ordinal);

    /// <summary>A memo holding at most <paramref name="capacity"/> samples (default one million).</summary>
    public SampleMemo(int capacity = 1_000_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most samples held before the memo is cleared.</summary>
    public int Capacity { get; }

    /// <summary>Samples held.</summary>
    public int Count => _samples.Count;

    /// <summary>Lookups served from the memo.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that had to generate.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    private long _hits;
    private long _misses;

    /// <summary>The sample for <paramref name="key"/> and index <paramref name="index"/>, when held.</summary>
    public bool TryGet(string key, int index, out Sample sample)
    {
        var found = _samples.TryGetValue(Entry(key, index), out sample!);
        Interlocked.Increment(ref found ? ref _hits : ref _misses);
        return found;
    }

    /// <summary>Holds <paramref name="sample"/> under <paramref name="key"/> and its index.</summary>
    public void Add(string key, Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (_samples.Count >= Capacity)
            _samples.Clear();
        _samples[Entry(key, sample.Index)] = sample;
    }

    /// <summary>The key of a request's sample stream: everything a sample depends on except its index.</summary>
    public static string Key(string model, GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var s = request.Sampling;
        var b = new StringBuilder(request.Prompt.Length + request.Prefix.Length + 128);
        b.Append(model).Append('\u0001').Append(request.Model).Append('\u0001')
            .Append(request.Prompt.Length).Append(':').Append(request.Prompt).Append('\u0001')
            .Append(request.Prefix.Length).Append(':').Append(request.Prefix).Append('\u0001')
            .Append(CultureInfo.InvariantCulture, $"t={s.Temperature:R};p={s.TopP:R};k={s.TopK};m={s.MinP:R};seed={s.Seed};max={s.MaxTokens};lp={s.Logprobs};top={s.TopLogprobs}");
        foreach (var stop in s.Stop)
            b.Append(";stop=").Append(stop.Length).Append(':').Append(stop);
        return b.ToString();
    }

    private static string Entry(string key, int index) => string.Concat(key, "#", index.ToString(CultureInfo.InvariantCulture));
}
