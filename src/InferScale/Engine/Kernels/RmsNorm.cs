using System.Numerics.Tensors;

namespace InferScale.Engine.Kernels;

/// <summary>RMSNorm of one row: <c>y = (x · 1/sqrt(mean(x²) + eps)) · w</c> (llama.cpp's order: normalise, then scale).</summary>
public static class RmsNorm
{
    /// <summary>Normalises <paramref name="x"/> into <paramref name="y"/> (may alias).</summary>
    public static void Compute(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, float eps, Span<float> y)
    {
        if (weight.Length != x.Length || y.Length < x.Length)
            throw new ArgumentException($"RmsNorm: x has {x.Length} elements, weight {weight.Length}, y {y.Length}.", nameof(weight));
        var mean = VectorMath.SumOfSquares(x) / x.Length;
        var scale = 1f / MathF.Sqrt(mean + eps);
        TensorPrimitives.Multiply(x, scale, y);
        TensorPrimitives.Multiply(y[..x.Length], weight, y);
    }

    /// <summary>Scalar reference (double-precision sum).</summary>
    internal static void Reference(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, float eps, Span<float> y)
    {
        double ss = 0;
        foreach (var v in x)
            ss += (double)v * v;
        var scale = (float)(1.0 / Math.Sqrt(ss / x.Length + eps));
        for (var i = 0; i < x.Length; i++)
            y[i] = x[i] * scale * weight[i];
    }
}
