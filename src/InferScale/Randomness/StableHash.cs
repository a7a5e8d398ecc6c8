namespace InferScale.Randomness;

/// <summary>64-bit FNV-1a over a string's UTF-16 code units: stable across processes and runtimes (unlike <see cref="string.GetHashCode()"/>), for deriving seeds from ids.</summary>
internal static class StableHash
{
    /// <summary>FNV-1a offset basis.</summary>
    public const ulong Offset = 14695981039346656037UL;

    /// <summary>FNV-1a prime.</summary>
    public const ulong Prime = 1099511628211UL;

    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static ulong Of(string text)
    {
        var h = Offset;
        foreach (var c in text)
            h = (h ^ c) * Prime;
        return h;
    }
}
