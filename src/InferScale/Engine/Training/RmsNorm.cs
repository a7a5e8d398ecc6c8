using System.Numerics.Tensors;

namespace InferScale.Engine.Training;

/// <summary>RMSNorm <c>y = x / sqrt(mean(x²) + eps) · w</c> over rows of width <c>dim</c>, forward and backward.</summary>
internal static class RmsNorm
{
    /// <summary>Normalises rows <c>[r0, r1)</c> of <paramref name="x"/> into <paramref name="y"/> and saves each row's <c>1/rms</c>.</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, Span<float> rstd, int dim, float eps, int r0, int r1)
    {
        for (var r = r0; r < r1; r++)
        {
            var xr = x.Slice(r * dim, dim);
            var yr = y.Slice(r * dim, dim);
            var s = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(xr) / dim + eps);
            rstd[r] = s;
            TensorPrimitives.Multiply(xr, s, yr);
            TensorPrimitives.Multiply(yr, w, yr);
        }
    }

    /// <summary>Adds the input gradient of rows <c>[r0, r1)</c> to <paramref name="dx"/>: <c>rstd·(g − x̂·mean(g·x̂))</c> with <c>g = dy·w</c>.</summary>
    public static void BackwardInput(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> rstd, ReadOnlySpan<float> dy, Span<float> dx, int dim, int r0, int r1)
    {
        var g = dim <= 1024 ? stackalloc float[dim] : new float[dim];
        for (var r = r0; r < r1; r++)
        {
            var xr = x.Slice(r * dim, dim);
            var s = rstd[r];
            TensorPrimitives.Multiply(dy.Slice(r * dim, dim), w, g);
            var c = TensorPrimitives.Dot(g, xr) * s * s / dim;
            TensorPrimitives.MultiplyAdd(xr, -c, g, g);
            var dxr = dx.Slice(r * dim, dim);
            TensorPrimitives.MultiplyAdd(g, s, dxr, dxr);
        }
    }

    /// <summary>Adds <c>Σ_r dy[r]·x̂[r]</c> to the gain gradient <paramref name="dw"/>, rows in order (deterministic).</summary>
    public static void BackwardWeight(ReadOnlySpan<float> x, ReadOnlySpan<float> rstd, ReadOnlySpan<float> dy, Span<float> dw, int dim, int rows)
    {
        var t = dim <= 1024 ? stackalloc float[dim] : new float[dim];
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Multiply(dy.Slice(r * dim, dim), x.Slice(r * dim, dim), t);
            TensorPrimitives.MultiplyAdd(t, rstd[r], dw, dw);
        }
    }
}
