using System.Numerics.Tensors;

namespace InferScale.Engine.Kernels;

/// <summary>Softmax in float32 with max subtraction; the sum has an order fixed by the length alone.</summary>
public static class Softmax
{
    /// <summary>Writes <c>softmax(x)</c> to <paramref name="y"/> (may alias).</summary>
    public static void Compute(ReadOnlySpan<float> x, Span<float> y)
    {
        if (y.Length < x.Length)
            throw new ArgumentException($"Softmax: y has {y.Length} elements; x has {x.Length}.", nameof(y));
        if (x.IsEmpty)
            return;
        var max = VectorMath.Max(x);
        VectorMath.ExpShifted(x, max, y);
        var sum = VectorMath.Sum(y[..x.Length]);
        TensorPrimitives.Multiply(y[..x.Length], 1f / sum, y);
    }

    /// <summary>Natural log of <c>Σ exp(x)</c>, computed stably (for log-probabilities).</summary>
    public static float LogSumExp(ReadOnlySpan<float> x, Span<float> scratch)
    {
        var max = VectorMath.Max(x);
        VectorMath.ExpShifted(x, max, scratch);
        return max + MathF.Log(VectorMath.Sum(scratch[..x.Length]));
    }

    /// <summary>Scalar reference in double.</summary>
    internal static void Reference(ReadOnlySpan<float> x, Span<float> y)
    {
        var max = double.NegativeInfinity;
        foreach (var v in x)
            max = Math.Max(max, v);
        double sum = 0;
        for (var i = 0; i < x.Length; i++)
            sum += Math.Exp(x[i] - max);
        for (var i = 0; i < x.Length; i++)
            y[i] = (float)(Math.Exp(x[i] - max) / sum);
    }
}
