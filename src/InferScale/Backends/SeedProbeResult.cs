using System.Text.Json.Serialization;

namespace InferScale.Backends;

/// <summary>What <see cref="SeedProbe"/> found about a backend.</summary>
/// <param name="Repeatable">The same request twice gave the same samples; null when the probe failed.</param>
/// <param name="BatchInvariant">Samples drawn together equalled the same indices drawn alone; null when the probe failed.</param>
/// <param name="DistinctSamples">How many of the probe's samples differed from each other (1 means the seed did not vary per sample).</param>
/// <param name="Error">Why the probe failed, when it did.</param>
public sealed record SeedProbeResult(
    [property: JsonPropertyName("repeatable")] bool? Repeatable,
    [property: JsonPropertyName("batch_invariant")] bool? BatchInvariant,
    [property: JsonPropertyName("distinct_samples")] int DistinctSamples,
    [property: JsonPropertyName("error")] string? Error);
