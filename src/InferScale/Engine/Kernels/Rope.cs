namespace InferScale.Engine.Kernels;

/// <summary>
/// Rotary position embedding over ADJACENT pairs <c>(2i, 2i+1)</c> of each head (llama.cpp's "normal" mode):
/// <c>x'₀ = x₀cosθ − x₁sinθ, x'₁ = x₀sinθ + x₁cosθ</c> with <c>θᵢ = p · base^(−2i/headDim)</c>.
/// </summary>
public static class Rope
{
    /// <summary>
    /// Fills <paramref name="cos"/> and <paramref name="sin"/> (<c>[positions, headDim/2]</c>) the way ggml does:
    /// <c>θ</c> starts at <c>p</c> and is multiplied by <c>powf(base, −2/headDim)</c> per pair, in float.
    /// </summary>
    public static void BuildTable(int positions, int headDim, float theta, Span<float> cos, Span<float> sin)
    {
        var half = headDim / 2;
        if (cos.Length < positions * half || sin.Length < positions * half)
            throw new ArgumentException($"RoPE tables need {positions * half} elements.", nameof(cos));
        var scale = MathF.Pow(theta, -2f / headDim);
        for (var p = 0; p < positions; p++)
        {
            var t = (float)p;
            for (var i = 0; i < half; i++)
            {
                cos[p * half + i] = MathF.Cos(t);
                sin[p * half + i] = MathF.Sin(t);
                t *= scale;
            }
        }
    }

    /// <summary>Rotates every head of <paramref name="x"/> (<c>[heads, headDim]</c>) in place with one position's table row.</summary>
    public static void Apply(Span<float> x, int heads, int headDim, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin)
    {
        var half = headDim / 2;
        if (x.Length < heads * headDim || cos.Length < half || sin.Length < half)
            throw new ArgumentException($"Rope: x has {x.Length} elements for {heads}×{headDim}; tables {cos.Length}/{sin.Length}.", nameof(x));
        for (var h = 0; h < heads; h++)
        {
            var v = x.Slice(h * headDim, headDim);
            for (var i = 0; i < half; i++)
            {
                var x0 = v[2 * i];
                var x1 = v[2 * i + 1];
                var c = cos[i];
                var s = sin[i];
                v[2 * i] = x0 * c - x1 * s;
                v[2 * i + 1] = x0 * s + x1 * c;
            }
        }
    }

    /// <summary>Scalar reference: θ computed directly in double at <paramref name="position"/>.</summary>
    internal static void Reference(Span<float> x, int heads, int headDim, int position, float theta)
    {
        for (var h = 0; h < heads; h++)
        {
            for (var i = 0; i < headDim / 2; i++)
            {
                var angle = position * Math.Pow(theta, -2.0 * i / headDim);
                double x0 = x[h * headDim + 2 * i], x1 = x[h * headDim + 2 * i + 1];
                x[h * headDim + 2 * i] = (float)(x0 * Math.Cos(angle) - x1 * Math.Sin(angle));
                x[h * headDim + 2 * i + 1] = (float)(x0 * Math.Sin(angle) + x1 * Math.Cos(angle));
            }
        }
    }
}
