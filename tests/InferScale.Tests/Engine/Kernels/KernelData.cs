namespace InferScale.Tests.Engine.Kernels;

internal static class KernelData
{
    public static float[] Random(int n, int seed, float scale = 1f)
    {
        var r = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)((r.NextDouble() * 2 - 1) * scale))];
    }

    public static float MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        var m = 0f;
        for (var i = 0; i < a.Length; i++)
            m = MathF.Max(m, MathF.Abs(a[i] - b[i]));
        return m;
    }
}
