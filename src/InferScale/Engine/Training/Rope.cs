namespace InferScale.Engine.Training;

/// <summary>
/// Rotary position embedding over ADJACENT pairs <c>(2i, 2i+1)</c> of each head, angle <c>p·θ_i</c> with
/// <c>θ_i = theta^(−2i/headDim)</c> (llama.cpp's normal, non-NeoX mode). Angles are computed in double, then rounded.
/// </summary>
internal sealed class Rope
{
    private readonly float[] _cos;
    private readonly float[] _sin;
    private readonly int _half;

    /// <summary>Tables for positions <c>[0, maxPositions)</c>.</summary>
    public Rope(int headDim, int maxPositions, float theta)
    {
        _half = headDim / 2;
        _cos = new float[maxPositions * _half];
        _sin = new float[maxPositions * _half];
        for (var p = 0; p < maxPositions; p++)
        {
            for (var i = 0; i < _half; i++)
            {
                var angle = p * Math.Pow(theta, -2.0 * i / headDim);
                _cos[p * _half + i] = (float)Math.Cos(angle);
                _sin[p * _half + i] = (float)Math.Sin(angle);
            }
        }
    }

    /// <summary>Rotates every head of rows <c>[r0, r1)</c> (width <c>heads·headDim</c>) by its row's position; <paramref name="inverse"/> applies the transpose (the backward pass).</summary>
    public void Apply(Span<float> x, ReadOnlySpan<int> positions, int width, int r0, int r1, bool inverse)
    {
        var headDim = 2 * _half;
        for (var r = r0; r < r1; r++)
        {
            var cos = _cos.AsSpan(positions[r] * _half, _half);
            var sin = _sin.AsSpan(positions[r] * _half, _half);
            var row = x.Slice(r * width, width);
            for (var h = 0; h < width; h += headDim)
            {
                for (var i = 0; i < _half; i++)
                {
                    var a = row[h + 2 * i];
                    var b = row[h + 2 * i + 1];
                    var c = cos[i];
                    var s = inverse ? -sin[i] : sin[i];
                    row[h + 2 * i] = a * c - b * s;
                    row[h + 2 * i + 1] = a * s + b * c;
                }
            }
        }
    }
}
