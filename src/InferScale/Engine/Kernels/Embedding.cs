namespace InferScale.Engine.Kernels;

/// <summary>Token embedding lookup: copies row <c>token</c> of a <c>[vocab, dim]</c> table.</summary>
public static class Embedding
{
    /// <summary>Writes the embeddings of <paramref name="tokens"/> into <paramref name="dst"/> (<c>[tokens, dim]</c>).</summary>
    public static void Lookup(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> tokens, Span<float> dst)
    {
        var vocab = table.Length / dim;
        if (dst.Length < tokens.Length * dim)
            throw new ArgumentException($"Embedding: dst has {dst.Length} elements; {tokens.Length}×{dim} needed.", nameof(dst));
        for (var r = 0; r < tokens.Length; r++)
        {
            var t = tokens[r];
            if ((uint)t >= (uint)vocab)
                throw new ArgumentOutOfRangeException(nameof(tokens), t, $"Token id {t} at row {r} is outside the vocabulary [0, {vocab}).");
            table.Slice(t * dim, dim).CopyTo(dst.Slice(r * dim, dim));
        }
    }

    /// <summary>Scalar reference: element by element.</summary>
    internal static void Reference(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> tokens, Span<float> dst)
    {
        for (var r = 0; r < tokens.Length; r++)
        {
            for (var i = 0; i < dim; i++)
                dst[r * dim + i] = table[tokens[r] * dim + i];
        }
    }
}
