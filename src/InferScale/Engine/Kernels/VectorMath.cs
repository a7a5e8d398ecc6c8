using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace InferScale.Engine.Kernels;

/// <summary>
/// Reduction primitives with an order fixed by the vector length alone: every dot product and sum in the engine
/// goes through these, so a value never depends on batch size, tiling, thread count or memory alignment.
/// </summary>
internal static class VectorMath
{
    /// <summary>Lanes per vector (Vector512 of float).</summary>
    public const int Width = 16;

    /// <summary>Horizontal sum in a fixed tree order: halves, then quarters, then pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Reduce(Vector512<float> v)
    {
        var a = v.GetLower() + v.GetUpper();
        var b = a.GetLower() + a.GetUpper();
        var c = b + Vector128.Shuffle(b, Vector128.Create(2, 3, 0, 1));
        return c.ToScalar() + c.GetElement(1);
    }

    /// <summary>
    /// <c>Σ a[i]·b[i]</c> for <c>i &lt; n</c>: one FMA accumulator over 16-lane chunks in order, <see cref="Reduce"/>,
    /// then the tail by scalar FMA in order. This is THE dot product of the engine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe float Dot(float* a, float* b, int n)
    {
        var acc = Vector512<float>.Zero;
        var n16 = n & ~(Width - 1);
        for (var k = 0; k < n16; k += Width)
            acc = Vector512.FusedMultiplyAdd(Vector512.Load(a + k), Vector512.Load(b + k), acc);
        return Finish(acc, a, b, n16, n);
    }

    /// <summary>Finishes a dot product whose vector part is in <paramref name="acc"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe float Finish(Vector512<float> acc, float* a, float* b, int n16, int n)
    {
        var s = Reduce(acc);
        for (var k = n16; k < n; k++)
            s = MathF.FusedMultiplyAdd(a[k], b[k], s);
        return s;
    }

    /// <summary>Σ x[i] with the same fixed order as <see cref="Dot"/> (16-lane chunks, reduce, scalar tail).</summary>
    public static unsafe float Sum(ReadOnlySpan<float> x)
    {
        fixed (float* p = x)
        {
            var acc = Vector512<float>.Zero;
            var n16 = x.Length & ~(Width - 1);
            for (var k = 0; k < n16; k += Width)
                acc += Vector512.Load(p + k);
            var s = Reduce(acc);
            for (var k = n16; k < x.Length; k++)
                s += p[k];
            return s;
        }
    }

    /// <summary>Σ x[i]² in the fixed order of <see cref="Dot"/>.</summary>
    public static unsafe float SumOfSquares(ReadOnlySpan<float> x)
    {
        fixed (float* p = x)
            return Dot(p, p, x.Length);
    }

    /// <summary>The maximum (exact, so order does not matter); −∞ for an empty span.</summary>
    public static unsafe float Max(ReadOnlySpan<float> x)
    {
        var m = float.NegativeInfinity;
        fixed (float* p = x)
        {
            var n16 = x.Length & ~(Width - 1);
            if (n16 > 0)
            {
                var acc = Vector512.Create(float.NegativeInfinity);
                for (var k = 0; k < n16; k += Width)
                    acc = Vector512.Max(acc, Vector512.Load(p + k));
                for (var i = 0; i < Width; i++)
                    m = MathF.Max(m, acc.GetElement(i));
            }
            for (var k = n16; k < x.Length; k++)
                m = MathF.Max(m, p[k]);
        }
        return m;
    }

    /// <summary>
    /// Applies <c>exp(x − shift)</c> element-wise, every element through the same Vector512 code (the tail through a
    /// padded vector), so an element's value never depends on its offset or on the span's length.
    /// </summary>
    public static unsafe void ExpShifted(ReadOnlySpan<float> x, float shift, Span<float> dst)
    {
        var s = Vector512.Create(shift);
        fixed (float* px = x, pd = dst)
        {
            var n16 = x.Length & ~(Width - 1);
            for (var k = 0; k < n16; k += Width)
                Vector512.Exp(Vector512.Load(px + k) - s).Store(pd + k);
            if (n16 < x.Length)
            {
                var tmp = stackalloc float[Width];
                var rem = x.Length - n16;
                for (var i = 0; i < Width; i++)
                    tmp[i] = i < rem ? px[n16 + i] : shift;
                var r = Vector512.Exp(Vector512.Load(tmp) - s);
                for (var i = 0; i < rem; i++)
                    pd[n16 + i] = r.GetElement(i);
            }
        }
    }
}
