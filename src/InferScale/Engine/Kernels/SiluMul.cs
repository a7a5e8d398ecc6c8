using System.Runtime.Intrinsics;

namespace InferScale.Engine.Kernels;

/// <summary>The SwiGLU activation: <c>dst = silu(gate) · up</c> with <c>silu(g) = g / (1 + exp(−g))</c>.</summary>
public static class SiluMul
{
    /// <summary>Computes <c>dst[i] = gate[i] / (1 + exp(−gate[i])) · up[i]</c> (dst may alias either input).</summary>
    public static unsafe void Compute(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> dst)
    {
        if (up.Length != gate.Length || dst.Length < gate.Length)
            throw new ArgumentException($"SiluMul: gate {gate.Length}, up {up.Length}, dst {dst.Length} elements.", nameof(up));
        var n = gate.Length;
        var n16 = n & ~15;
        var one = Vector512<float>.One;
        fixed (float* pg = gate, pu = up, pd = dst)
        {
            for (var k = 0; k < n16; k += 16)
            {
                var g = Vector512.Load(pg + k);
                (g / (one + Vector512.Exp(-g)) * Vector512.Load(pu + k)).Store(pd + k);
            }
            if (n16 < n)
            {
                var tg = stackalloc float[16];
                var tu = stackalloc float[16];
                for (var i = 0; i < 16; i++)
                {
                    tg[i] = n16 + i < n ? pg[n16 + i] : 0f;
                    tu[i] = n16 + i < n ? pu[n16 + i] : 0f;
                }
                var g = Vector512.Load(tg);
                var r = g / (one + Vector512.Exp(-g)) * Vector512.Load(tu);
                for (var i = 0; n16 + i < n; i++)
                    pd[n16 + i] = r.GetElement(i);
            }
        }
    }

    /// <summary>Scalar reference in double.</summary>
    internal static void Reference(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> dst)
    {
        for (var i = 0; i < gate.Length; i++)
            dst[i] = (float)(gate[i] / (1 + Math.Exp(-gate[i])) * up[i]);
    }
}
