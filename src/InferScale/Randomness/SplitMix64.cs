namespace InferScale.Tasks.Arith;

/// <summary>SplitMix64: a tiny deterministic generator whose stream never changes across runtimes (unlike <see cref="Random"/>).</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [min, max] (inclusive).</summary>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)(max - min + 1));

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Mixes several values into one seed.</summary>
    public static ulong Mix(params ulong[] parts)
    {
        var s = new SplitMix64(0x5EED_1234_ABCD_EF01UL);
        ulong h = 0;
        foreach (var p in parts)
        {
            s._state ^= p + h;
            h = s.Next();
        }
        return h;
    }
}
