using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InferScale.Cli.Commands;

/// <summary>
/// This machine's float32 FMA peak: every thread runs 12 independent Vector512 FMA chains (enough to cover FMA
/// latency × throughput) for a timed window; GFLOP/s = 2 · 16 lanes · chains · iterations / seconds, summed over threads.
/// </summary>
internal static class BenchEnginePeak
{
    private const int Chains = 12;
    private const int InnerIterations = 1 << 16;

    public static double Measure(int threads, TimeSpan window, TimeProvider time)
    {
        Chunk(Vector512.Create(1f));
        var flops = new double[threads];
        var seconds = new double[threads];
        using var barrier = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            var start = time.GetTimestamp();
            long iterations = 0;
            var sink = Vector512<float>.Zero;
            while (time.GetElapsedTime(start) < window)
            {
                sink += Chunk(Vector512.Create(1f + t * 1e-7f));
                iterations += InnerIterations;
            }
            seconds[t] = time.GetElapsedTime(start).TotalSeconds;
            flops[t] = iterations * Chains * 16.0 * 2 + (sink.GetElement(0) == 42 ? 1 : 0);
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return Enumerable.Range(0, threads).Sum(t => flops[t] / seconds[t]) / 1e9;
    }

    // Fully optimised from the first call: the timed window must not run tier-0 or OSR code.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static Vector512<float> Chunk(Vector512<float> seed)
    {
        var m = Vector512.Create(0.9999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = seed, c1 = seed, c2 = seed, c3 = seed, c4 = seed, c5 = seed;
        Vector512<float> c6 = seed, c7 = seed, c8 = seed, c9 = seed, c10 = seed, c11 = seed;
        for (var i = 0; i < InnerIterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a);
            c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a);
            c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a);
            c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a);
            c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a);
            c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a);
            c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
    }
}
