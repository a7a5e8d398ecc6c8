using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>One difficulty bin: the estimates of its problems and the bound that routes new problems to it.</summary>
/// <param name="Bin">0 = easiest.</param>
/// <param name="Low">The lowest estimate in the bin.</param>
/// <param name="High">The highest estimate in the bin.</param>
/// <param name="Problems">Problems in the bin.</param>
/// <param name="LowerBound">Estimates at or above it (and below the previous bin's bound) go here; <see langword="null"/> for the last bin.</param>
public sealed record DifficultyBinRange(
    [property: JsonPropertyName("bin")] int Bin,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High,
    [property: JsonPropertyName("problems")] int Problems,
    [property: JsonPropertyName("lower_bound")] double? LowerBound);
