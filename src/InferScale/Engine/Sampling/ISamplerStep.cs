namespace InferScale.Engine.Sampling;

/// <summary>One in-place step of a sampler chain over the candidate tokens (temperature, top-k, top-p, min-p…).</summary>
public interface ISamplerStep
{
    /// <summary>Transforms or truncates <paramref name="candidates"/> in place.</summary>
    void Apply(SamplerCandidates candidates);
}
