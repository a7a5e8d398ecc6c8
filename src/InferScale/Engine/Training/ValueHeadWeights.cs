using InferScale.Randomness;

namespace InferScale.Engine.Training;

/// <summary>
/// The scalar value head of a reward model: <c>v = sigmoid(w · h + b)</c> on the final-normed hidden state <c>h</c>
/// of a position (the same state the language-model head reads).
/// </summary>
/// <param name="Weight">The weight vector <c>w</c> [dim].</param>
/// <param name="Bias">The bias <c>b</c>.</param>
public sealed record ValueHeadWeights(float[] Weight, float Bias)
{
    /// <summary>A fresh head for width <paramref name="dim"/>: <c>w</c> normal(0, 0.02) from a stream seeded by <paramref name="seed"/>, <c>b</c> = 0.</summary>
    public static ValueHeadWeights Initial(int dim, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        var rng = new SplitMix64(SplitMix64.Combine(seed, 0x7A1E));
        var w = new float[dim];
        for (var i = 0; i < dim; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            w[i] = (float)(0.02 * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
        return new ValueHeadWeights(w, 0f);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <see cref="Weight"/> has <paramref name="dim"/> finite values and <see cref="Bias"/> is finite.</summary>
    public void Validate(int dim)
    {
        ArgumentNullException.ThrowIfNull(Weight, nameof(Weight));
        if (Weight.Length != dim)
            throw new ArgumentException($"The value head has {Weight.Length} weights; the model width is {dim}.", nameof(Weight));
        if (!float.IsFinite(Bias) || Weight.Any(v => !float.IsFinite(v)))
            throw new ArgumentException("The value head holds a non-finite value.", nameof(Weight));
    }
}
