namespace InferScale.Engine;

/// <summary>
/// An LRU of recently prefilled token sequences (keyed by token ids) with their KV (held as forks) and the logits
/// after their last token. A new prompt reuses the entry sharing its longest token prefix and prefills only the rest,
/// so step-level search that keeps extending one prefix pays for each token once.
/// </summary>
internal sealed class PrefixCache(EngineSession session, int capacity)
{
    private readonly List<Entry> _entries = [];
    private long _clock;

    /// <summary>Entries held.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Returns a sequence holding <paramref name="tokens"/>' KV (caller releases it), the logits after the last token
    /// (read-only), and how many tokens had to be computed.
    /// </summary>
    public (SequenceHandle Root, float[] Logits, int Computed) Acquire(int[] tokens)
    {
        Entry? best = null;
        var bestLength = 0;
        foreach (var e in _entries)
        {
            var n = CommonPrefix(e.Tokens, tokens);
            if (n > bestLength || (n == bestLength && best is not null && n > 0 && e.Tokens.Length == tokens.Length))
            {
                best = e;
                bestLength = n;
            }
        }
        if (best is not null && bestLength == tokens.Length && best.Tokens.Length == tokens.Length)
        {
            best.LastUse = ++_clock;
            return (best.Sequence.Fork(), best.Logits, 0);
        }
        var reuse = Math.Min(bestLength, tokens.Length - 1);
        var root = best is not null && reuse > 0 ? best.Sequence.Fork(reuse) : session.CreateSequence();
        var logits = new float[session.Config.VocabSize];
        try
        {
            session.Prefill(root, tokens.AsSpan(reuse), logits);
        }
        catch
        {
            root.Release();
            throw;
        }
        if (best is not null)
            best.LastUse = ++_clock;
        if (capacity > 0)
        {
            _entries.Add(new Entry(tokens, root.Fork(), logits) { LastUse = ++_clock });
            while (_entries.Count > capacity)
            {
                var oldest = _entries.MinBy(e => e.LastUse)!;
                oldest.Sequence.Release();
                _entries.Remove(oldest);
            }
        }
        return (root, logits, tokens.Length - reuse);
    }

    /// <summary>Releases every entry.</summary>
    public void Clear()
    {
        foreach (var e in _entries)
            e.Sequence.Release();
        _entries.Clear();
    }

    private static int CommonPrefix(int[] a, int[] b) => a.AsSpan().CommonPrefixLength(b);

    private sealed class Entry(int[] tokens, SequenceHandle sequence, float[] logits)
    {
        public int[] Tokens { get; } = tokens;

        public SequenceHandle Sequence { get; } = sequence;

        public float[] Logits { get; } = logits;

        public long LastUse { get; set; }
    }
}
