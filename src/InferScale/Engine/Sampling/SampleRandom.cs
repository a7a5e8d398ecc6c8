namespace InferScale.Engine.Sampling;

/// <summary>
/// A counter-based random stream for one sample: draw <c>n</c> of sample <c>i</c> is <c>mix(key(seed, i) + n·γ)</c>
/// (SplitMix64's finaliser), so the stream of sample <c>i</c> depends on (seed, i) alone — never on how many samples
/// a request has or in which order they run.
/// </summary>
public struct SampleRandom
{
    private const ulong Gamma = InferScale.Randomness.SplitMix64.Gamma;
    private readonly ulong _key;
    private ulong _counter;

    /// <summary>The stream of sample <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public SampleRandom(ulong seed, long index)
    {
        _key = InferScale.Randomness.SplitMix64.Finalize(InferScale.Randomness.SplitMix64.Finalize(seed + Gamma) ^ InferScale.Randomness.SplitMix64.Finalize(((ulong)index * 2 + 1) * Gamma));
        _counter = 0;
    }

    /// <summary>Draws made so far.</summary>
    public readonly ulong Draws => _counter;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => InferScale.Randomness.SplitMix64.Finalize(_key + ++_counter * Gamma);

    /// <summary>The next uniform double in [0, 1) (53 random bits).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

}
