namespace InferScale.Engine.Kernels;

/// <summary>Arg-max and top-k over logits; ties go to the lower token id, so results are deterministic.</summary>
public static class Selection
{
    /// <summary>Index of the largest value (the first one on ties); −1 for an empty span.</summary>
    public static int ArgMax(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
            return -1;
        var max = VectorMath.Max(x);
        var i = x.IndexOf(max);
        return i >= 0 ? i : 0;
    }

    /// <summary>
    /// Fills <paramref name="ids"/> with the indices of the <c>ids.Length</c> largest values, largest first (ties: lower
    /// index first). Returns how many were written (at most <c>x.Length</c>).
    /// </summary>
    public static int TopK(ReadOnlySpan<float> x, Span<int> ids)
    {
        var k = Math.Min(ids.Length, x.Length);
        var count = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var v = x[i];
            if (count == k && !(v > x[ids[k - 1]]))
                continue;
            var pos = count < k ? count++ : k - 1;
            while (pos > 0 && v > x[ids[pos - 1]])
            {
                ids[pos] = ids[pos - 1];
                pos--;
            }
            ids[pos] = i;
        }
        return count;
    }

    /// <summary>Scalar reference: a full stable sort.</summary>
    internal static int[] ReferenceTopK(ReadOnlySpan<float> x, int k)
    {
        var values = x.ToArray();
        return Enumerable.Range(0, values.Length).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k).ToArray();
    }

    /// <summary>Scalar reference arg-max.</summary>
    internal static int ReferenceArgMax(ReadOnlySpan<float> x)
    {
        var best = 0;
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] > x[best])
                best = i;
        }
        return x.IsEmpty ? -1 : best;
    }
}
