namespace InferScale.Analysis;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a small, fast, seedable generator whose stream is
/// fixed by this code (not by the runtime version), so analyses are reproducible everywhere.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        _s0 = InferScale.Randomness.SplitMix64.Step(ref seed);
        _s1 = InferScale.Randomness.SplitMix64.Step(ref seed);
        _s2 = InferScale.Randomness.SplitMix64.Step(ref seed);
        _s3 = InferScale.Randomness.SplitMix64.Step(ref seed);
    }

    /// <summary>Derives an independent stream seed from a base seed and stream identifiers.</summary>
    public static ulong Derive(long seed, long stream, long substream = 0)
    {
        var state = unchecked((ulong)seed);
        var a = InferScale.Randomness.SplitMix64.Step(ref state);
        state = a ^ unchecked((ulong)stream * 0xD1B54A32D192ED03UL);
        var b = InferScale.Randomness.SplitMix64.Step(ref state);
        state = b ^ unchecked((ulong)substream * 0xAEF17502108EF2D9UL);
        return InferScale.Randomness.SplitMix64.Step(ref state);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's unbiased multiply-and-reject).</summary>
    public int NextInt(int bound)
    {
        var range = (uint)bound;
        var m = (NextUInt64() >> 32) * range;
        if ((uint)m < range)
        {
            var threshold = (uint)-range % range;
            while ((uint)m < threshold) m = (NextUInt64() >> 32) * range;
        }

        return (int)(m >> 32);
    }

}
