using System.Numerics.Tensors;

namespace InferScale.Engine.Training;

/// <summary>
/// AdamW (Loshchilov and Hutter) with bias correction and decoupled weight decay on the tensors whose
/// <see cref="ParameterTensor.Decays"/> is set: <c>p −= lr·(m̂/(√v̂ + ε) + wd·p)</c>. Element-wise, so any thread split
/// gives the same result.
/// </summary>
public sealed class AdamW
{
    private readonly ParameterLayout _layout;

    /// <summary>Fresh state (moments zero, step 0) for <paramref name="layout"/>.</summary>
    public AdamW(ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        M = new float[layout.Count];
        V = new float[layout.Count];
    }

    /// <summary>First moments.</summary>
    public float[] M { get; }

    /// <summary>Second moments.</summary>
    public float[] V { get; }

    /// <summary>Updates applied so far.</summary>
    public long Step { get; set; }

    /// <summary>Applies one update to <paramref name="parameters"/> from <paramref name="gradients"/> at learning rate <paramref name="lr"/>.</summary>
    public void Update(float[] parameters, float[] gradients, float lr, TrainingOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(options);
        Step++;
        float b1 = options.Beta1, b2 = options.Beta2, eps = options.Epsilon;
        var c1 = (float)(1 - Math.Pow(b1, Step));
        var c2 = (float)(1 - Math.Pow(b2, Step));
        foreach (var t in _layout.Tensors)
        {
            var decay = t.Decays ? options.WeightDecay : 0f;
            RowRanges.For(t.Length, threads, (i0, i1) =>
            {
                for (var i = t.Offset + i0; i < t.Offset + i1; i++)
                {
                    var g = gradients[i];
                    var m = M[i] = b1 * M[i] + (1 - b1) * g;
                    var v = V[i] = b2 * V[i] + (1 - b2) * g * g;
                    var update = m / c1 / (MathF.Sqrt(v / c2) + eps);
                    parameters[i] -= lr * (update + decay * parameters[i]);
                }
            });
        }
    }

    /// <summary>The L2 norm of <paramref name="gradients"/>, summed in fixed chunks in order (deterministic).</summary>
    public static double GlobalNorm(ReadOnlySpan<float> gradients)
    {
        const int Chunk = 4096;
        double sum = 0;
        for (var i = 0; i < gradients.Length; i += Chunk)
            sum += TensorPrimitives.SumOfSquares(gradients.Slice(i, Math.Min(Chunk, gradients.Length - i)));
        return Math.Sqrt(sum);
    }
}
