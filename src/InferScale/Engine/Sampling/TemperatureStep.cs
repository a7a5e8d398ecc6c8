namespace InferScale.Engine.Sampling;

/// <summary>Divides the logits by a temperature &gt; 0.</summary>
/// <param name="temperature">The temperature.</param>
public sealed class TemperatureStep(double temperature) : ISamplerStep
{
    /// <inheritdoc />
    public void Apply(SamplerCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (temperature == 1.0)
            return;
        System.Numerics.Tensors.TensorPrimitives.Multiply(candidates.Values, (float)(1.0 / temperature), candidates.Values);
    }
}
