using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>The baseline (weighted best-of-N) at one budget: its accuracy and mean cost per problem.</summary>
public sealed record BaselinePoint
{
    /// <summary>The configuration.</summary>
    [JsonPropertyName("configuration")]
    public PolicyConfiguration Configuration { get; init; } = new();

    /// <summary>Fraction of problems answered correctly (averaged over seeds).</summary>
    [JsonPropertyName("accuracy")]
    public double Accuracy { get; init; }

    /// <summary>Mean tokens per problem.</summary>
    [JsonPropertyName("mean_tokens")]
    public double MeanTokens { get; init; }

    /// <summary>Mean policy FLOPs per problem.</summary>
    [JsonPropertyName("mean_flops")]
    public double MeanFlops { get; init; }
}
