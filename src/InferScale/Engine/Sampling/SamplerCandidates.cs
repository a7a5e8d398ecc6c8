namespace InferScale.Engine.Sampling;

/// <summary>
/// The candidate tokens of one draw: ids and their (scaled) logits, initially every token in id order. Steps may
/// sort them (descending, ties by lower id — deterministic) and truncate them. Reused across draws; not thread-safe.
/// </summary>
public sealed class SamplerCandidates
{
    private readonly float[] _values;
    private readonly int[] _ids;
    private readonly long[] _keys;

    /// <summary>Buffers for a vocabulary of <paramref name="vocabSize"/> tokens.</summary>
    public SamplerCandidates(int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabSize, 1);
        _values = new float[vocabSize];
        _ids = new int[vocabSize];
        _keys = new long[vocabSize];
    }

    /// <summary>Candidates left.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the candidates are sorted by value, largest first.</summary>
    public bool IsSorted { get; private set; }

    /// <summary>The candidates' values (logits, possibly scaled), aligned with <see cref="Ids"/>.</summary>
    public Span<float> Values => _values.AsSpan(0, Count);

    /// <summary>The candidates' token ids.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    /// <summary>Loads every token's logit, in id order.</summary>
    public void Load(ReadOnlySpan<float> logits)
    {
        if (logits.Length > _values.Length)
            throw new ArgumentException($"{logits.Length} logits for a vocabulary of {_values.Length}.", nameof(logits));
        logits.CopyTo(_values);
        for (var i = 0; i < logits.Length; i++)
            _ids[i] = i;
        Count = logits.Length;
        IsSorted = false;
    }

    /// <summary>Sorts by value, largest first; equal values keep the lower id first.</summary>
    public void SortDescending()
    {
        if (IsSorted)
            return;
        for (var i = 0; i < Count; i++)
        {
            // Map the float to an order-preserving signed int, negate for descending, then break ties by id.
            var bits = BitConverter.SingleToInt32Bits(_values[i]);
            var ordered = bits < 0 ? ~(bits & int.MaxValue) : bits;
            _keys[i] = ((long)-(long)ordered << 32) | (uint)_ids[i];
        }
        _keys.AsSpan(0, Count).Sort();
        for (var i = 0; i < Count; i++)
            _ids[i] = (int)(uint)_keys[i];
        var src = _keys.AsSpan(0, Count);
        for (var i = 0; i < Count; i++)
            _values[i] = BitConverter.Int32BitsToSingle(FromOrdered(-(int)(src[i] >> 32)));
        IsSorted = true;
    }

    /// <summary>Keeps the first <paramref name="count"/> candidates.</summary>
    public void Truncate(int count)
    {
        if (count < Count)
            Count = Math.Max(1, count);
    }

    /// <summary>Keeps, in order, the candidates whose value is at least <paramref name="threshold"/> (at least one is kept).</summary>
    public void KeepAtLeast(float threshold)
    {
        var n = 0;
        var best = 0;
        for (var i = 0; i < Count; i++)
        {
            if (_values[i] > _values[best])
                best = i;
            if (_values[i] >= threshold)
            {
                _values[n] = _values[i];
                _ids[n] = _ids[i];
                n++;
            }
        }
        if (n == 0)
        {
            _values[0] = _values[best];
            _ids[0] = _ids[best];
            n = 1;
        }
        Count = n;
    }

    private static int FromOrdered(int ordered) => ordered < 0 ? ~ordered | int.MinValue : ordered;
}
