using InferScale.Generation;

namespace InferScale.Backends.Replay;

/// <summary>
/// Recorded samples per problem, found by the prompt a request carries. The pool file reader lives elsewhere; this is
/// the in-memory form it fills.
/// </summary>
public sealed class ReplayPool
{
    private readonly Dictionary<string, Entry> _byPrompt = new(StringComparer.Ordinal);

    /// <summary>The number of problems in the pool.</summary>
    public int Count => _byPrompt.Count;

    /// <summary>Adds the samples recorded for <paramref name="problem"/> (keyed by its prompt; its id seeds the permutation).</summary>
    public ReplayPool Add(Problem problem, IEnumerable<RecordedSample> samples)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Add(problem.Id, problem.Prompt, samples);
    }

    /// <summary>Adds the samples recorded for the problem <paramref name="id"/> whose prompt is <paramref name="prompt"/>.</summary>
    public ReplayPool Add(string id, string prompt, IEnumerable<RecordedSample> samples)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(samples);
        var list = samples.ToList();
        if (list.Count == 0)
            throw new ArgumentException($"Problem '{id}' has no recorded samples.", nameof(samples));
        if (list.Any(s => s is null))
            throw new ArgumentException($"Problem '{id}' has a null sample.", nameof(samples));
        if (!_byPrompt.TryAdd(prompt, new Entry(id, list)))
            throw new ArgumentException($"Problem '{id}': another problem ('{_byPrompt[prompt].Id}') has the same prompt.", nameof(prompt));
        return this;
    }

    /// <summary>The problem id and samples recorded for <paramref name="prompt"/>, or <see langword="null"/>.</summary>
    public (string Id, IReadOnlyList<RecordedSample> Samples)? Find(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return _byPrompt.TryGetValue(prompt, out var e) ? (e.Id, e.Samples) : null;
    }

    private sealed record Entry(string Id, IReadOnlyList<RecordedSample> Samples);
}
