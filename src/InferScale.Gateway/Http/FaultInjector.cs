using InferScale.Backends;

namespace InferScale.Gateway.Http;

/// <summary>
/// Draws the fault of each generation request (see <see cref="GatewayFaultOptions"/>): request <c>k</c> fails when
/// <c>SampleSeeds.Derive(seed, k) / 2³¹ &lt; rate</c>, with kind <c>SampleSeeds.Derive(seed ⊕ 1, k) mod |kinds|</c>.
/// </summary>
internal sealed class FaultInjector(GatewayFaultOptions options)
{
    private long _requests = -1;
    private int _injected;

    public GatewayFaultOptions Options => options;

    /// <summary>Faults injected so far.</summary>
    public int Injected => Volatile.Read(ref _injected);

    /// <summary>The fault for the next request, or <see langword="null"/>.</summary>
    public GatewayFaultKind? Next()
    {
        if (options.Rate <= 0)
            return null;
        var k = (int)(Interlocked.Increment(ref _requests) & int.MaxValue);
        var u = SampleSeeds.Derive(options.Seed, k) / (double)(1L << 31);
        if (u >= options.Rate)
            return null;
        Interlocked.Increment(ref _injected);
        return options.Kinds[SampleSeeds.Derive(options.Seed ^ 1UL, k) % options.Kinds.Count];
    }
}
