namespace InferScale.Engine.Training;

/// <summary>SwiGLU gate <c>s = SiLU(g) ⊙ u</c> with <c>SiLU(g) = g·σ(g)</c>, forward and backward, over an element range.</summary>
internal static class SwiGlu
{
    /// <summary>Writes <c>s[i] = SiLU(g[i])·u[i]</c> for <c>i</c> in <c>[i0, i1)</c>.</summary>
    public static void Forward(ReadOnlySpan<float> g, ReadOnlySpan<float> u, Span<float> s, int i0, int i1)
    {
        for (var i = i0; i < i1; i++)
        {
            var x = g[i];
            s[i] = x / (1f + MathF.Exp(-x)) * u[i];
        }
    }

    /// <summary>Writes the gradients <c>dg = ds·u·σ(g)(1 + g(1 − σ(g)))</c> and <c>du = ds·SiLU(g)</c>.</summary>
    public static void Backward(ReadOnlySpan<float> g, ReadOnlySpan<float> u, ReadOnlySpan<float> ds, Span<float> dg, Span<float> du, int i0, int i1)
    {
        for (var i = i0; i < i1; i++)
        {
            var x = g[i];
            var sig = 1f / (1f + MathF.Exp(-x));
            dg[i] = ds[i] * u[i] * sig * (1f + x * (1f - sig));
            du[i] = ds[i] * x * sig;
        }
    }
}
