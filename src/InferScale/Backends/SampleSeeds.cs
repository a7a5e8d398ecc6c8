namespace InferScale.Backends;

/// <summary>
/// Derives the seed a backend receives for one sample from the request's base seed and the sample's index, so that
/// sample <c>i</c> is reproducible whatever batch it is generated in.
/// </summary>
/// <remarks>
/// The derivation is SplitMix64's finaliser applied to <c>seed + 0x9E3779B97F4A7C15 · (index + 1)</c>, keeping the low
/// 31 bits: <c>z ← seed + γ·(i+1); z ← (z ⊕ z≫30)·0xBF58476D1CE4E5B9; z ← (z ⊕ z≫27)·0x94D049BB133111EB; z ← z ⊕ z≫31;
/// result = z &amp; 0x7FFFFFFF</c>. Thirty-one bits fit every server's seed type (llama.cpp uses a 32-bit unsigned seed
/// with −1 meaning "random"; OpenAI and vLLM accept any non-negative integer).
/// </remarks>
public static class SampleSeeds
{
    private const ulong Gamma = InferScale.Randomness.SplitMix64.Gamma;

    /// <summary>The seed sent to the backend for sample <paramref name="index"/> of a request with base seed <paramref name="seed"/>.</summary>
    /// <param name="seed">The request's base seed (<see cref="Generation.SamplingOptions.Seed"/>).</param>
    /// <param name="index">The sample's index in the request's sample stream (&gt;= 0).</param>
    public static int Derive(ulong seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var z = InferScale.Randomness.SplitMix64.Finalize(unchecked(seed + (Gamma * (ulong)(index + 1))));
        return (int)(z & 0x7FFF_FFFFUL);
    }

    /// <summary>
    /// The seed for sample <paramref name="index"/> on a server that seeds choice <c>j</c> of an <c>n</c> call with
    /// <c>seed + j</c> (llama-server): <c>(Derive(seed, 0) &amp; 0x3FFFFFFF) + index</c>. A call for samples
    /// <c>i…i+n−1</c> sends the seed of sample <c>i</c>, and every sample gets the seed it would get alone. Thirty bits plus
    /// an index below 2^30 stay below 2^31, inside llama.cpp's 32-bit seed and away from its "random" value 0xFFFFFFFF.
    /// </summary>
    /// <param name="seed">The request's base seed.</param>
    /// <param name="index">The sample's index (0 ≤ index &lt; 2^30).</param>
    public static int Consecutive(ulong seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 1 << 30);
        return (Derive(seed, 0) & 0x3FFF_FFFF) + index;
    }
}
