using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>Whether the combined reductions (<see cref="Halves"/> … <see cref="Singles"/>) can run (AVX-512F).</summary>
    public static bool CanReduceTogether => Avx512F.IsSupported;

    // Combined reductions: the four steps of Reduce applied to many vectors at once with shuffles that move whole
    // lanes, so every output lane holds exactly the additions Reduce would do (each addition pairs the same two lanes;
    // IEEE addition is commutative), hence a bit-identical result at a fraction of the instructions.
    // Singles(Pairs(Quarters(Halves(v0, v1), Halves(v2, v3)), Quarters(Halves(v4, v5), Halves(v6, v7))),
    //         Pairs(Quarters(Halves(v8, v9), Halves(v10, v11)), Quarters(Halves(v12, v13), Halves(v14, v15))))
    // puts Reduce(v_j) in lane 4·(j mod 4) + j / 4 (a 4×4 transpose).

    /// <summary>Step 1 of <see cref="Reduce"/> for two vectors: lanes 0–7 are <c>a[i] + a[i+8]</c>, lanes 8–15 <c>b[i] + b[i+8]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Halves(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0x44) + Avx512F.Shuffle4x128(a, b, 0xEE);

    /// <summary>Step 2 for two <see cref="Halves"/> results: each 8-lane group <c>g</c> becomes <c>g[i] + g[i+4]</c> (four groups of 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Quarters(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0x88) + Avx512F.Shuffle4x128(a, b, 0xDD);

    /// <summary>Step 3 for two <see cref="Quarters"/> results: each 4-lane group <c>g</c> becomes <c>(g[0] + g[2], g[1] + g[3])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Pairs(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle() + Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    /// <summary>Step 4 for two <see cref="Pairs"/> results: each pair becomes its sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Singles(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle(a, b, 0x88) + Avx512F.Shuffle(a, b, 0xDD);

    /// <summary>
    /// <see cref="Reduce"/> of 16 vectors at once, bit-identical; the argument order is transposed so that lane
    /// <c>4·r + c</c> of the result is <c>Reduce(v_rc)</c> (arguments: v00, v10, v20, v30, v01, v11, …, v33).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Reduce16(
        Vector512<float> v00, Vector512<float> v10, Vector512<float> v20, Vector512<float> v30,
        Vector512<float> v01, Vector512<float> v11, Vector512<float> v21, Vector512<float> v31,
        Vector512<float> v02, Vector512<float> v12, Vector512<float> v22, Vector512<float> v32,
        Vector512<float> v03, Vector512<float> v13, Vector512<float> v23, Vector512<float> v33) =>
        Singles(
            Pairs(Quarters(Halves(v00, v10), Halves(v20, v30)), Quarters(Halves(v01, v11), Halves(v21, v31))),
            Pairs(Quarters(Halves(v02, v12), Halves(v22, v32)), Quarters(Halves(v03, v13), Halves(v23, v33))));

    /// <summary><see cref="Reduce"/> of 8 vectors, bit-identical: lane <c>j</c> (j &lt; 8) of the result is <c>Reduce(v_j)</c>; lanes 8–15 are unspecified.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Reduce8(
        Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3,
        Vector512<float> v4, Vector512<float> v5, Vector512<float> v6, Vector512<float> v7)
    {
        // Singles(u, u) holds v0, v4, v0, v4, v1, v5, v1, v5, v2, v6, …: gather lanes 0, 4, 8, 12, 1, 5, 9, 13.
        var u = Pairs(Quarters(Halves(v0, v1), Halves(v2, v3)), Quarters(Halves(v4, v5), Halves(v6, v7)));
        return Avx512F.PermuteVar16x32(Singles(u, u), Vector512.Create(0, 4, 8, 12, 1, 5, 9, 13, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    /// <summary><see cref="Reduce"/> of 4 vectors, bit-identical: lane <c>j</c> (j &lt; 4) of the result is <c>Reduce(v_j)</c>; lanes 4–15 are unspecified.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Reduce4(Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
    {
        // Singles(u, u) holds v_j in lanes 4j … 4j + 3.
        var t = Quarters(Halves(v0, v1), Halves(v2, v3));
        var u = Pairs(t, t);
        return Avx512F.PermuteVar16x32(Singles(u, u), Vector512.Create(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
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

    /// <summary>Continues a dot product <paramref name="s"/> with the scalar tail <c>n16 … n−1</c>, as <see cref="Finish"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe float Tail(float s, float* a, float* b, int n16, int n)
    {
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
