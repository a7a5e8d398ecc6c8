namespace InferScale.Engine.Sampling;

/// <summary>Drops candidates whose probability is below <c>minP</c> times the most likely one's.</summary>
/// <param name="minP">The relative threshold in (0, 1).</param>
public sealed class MinPStep(double minP) : ISamplerStep
{
    /// <inheritdoc />
    public void Apply(SamplerCandidates candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (minP <= 0)
            return;
        var max = float.NegativeInfinity;
        foreach (var v in candidates.Values)
            max = MathF.Max(max, v);
        candidates.KeepAtLeast(max + (float)Math.Log(minP));
    }
}
