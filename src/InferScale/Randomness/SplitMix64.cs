namespace InferScale.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood): the one place its constants live. Its streams are fixed by this code, never by
/// the runtime (unlike <see cref="Random"/>), so seeded data (the committed arith test set, per-sample seeds and sampler
/// streams) stays reproducible forever. Used as a generator (<see cref="Next"/>), as a stateless mixer
/// (<see cref="Finalize"/>), and to seed other generators (<see cref="Step"/>).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    /// <summary>The golden-ratio increment γ.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>The output function: a bijective mix of 64 bits.</summary>
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Advances <paramref name="state"/> by γ and returns its mix (one step of the generator).</summary>
    public static ulong Step(ref ulong state) => Finalize(state += Gamma);

    /// <summary>The next 64 random bits.</summary>
    public ulong Next() => Step(ref _state);

    /// <summary>Uniform integer in [min, max] (inclusive).</summary>
    public int Between(int min, int max) => min + (int)(Next() % (ulong)(max - min + 1));

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Mixes several values into one seed.</summary>
    public static ulong Combine(params ulong[] parts)
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
