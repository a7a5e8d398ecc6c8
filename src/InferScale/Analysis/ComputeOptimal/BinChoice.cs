using System.Text.Json.Serialization;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>One row of the final policy's table: a difficulty bin and the configuration chosen for it (fitted on all problems).</summary>
public sealed record BinChoice
{
    /// <summary>The bin (0 = easiest) with its estimate range and routing bound.</summary>
    [JsonPropertyName("range")]
    public DifficultyBinRange Range { get; init; } = new(0, 0, 0, 0, null);

    /// <summary>The chosen configuration.</summary>
    [JsonPropertyName("configuration")]
    public PolicyConfiguration Configuration { get; init; } = new();

    /// <summary>The configuration's accuracy on the bin's problems (in-sample: the fit used them).</summary>
    [JsonPropertyName("accuracy")]
    public double Accuracy { get; init; }

    /// <summary>The bin's held-out accuracy under the cross-validated policy at the same target (each fold's choice evaluated on the other fold).</summary>
    [JsonPropertyName("fold_accuracy")]
    public double FoldAccuracy { get; init; }

    /// <summary>Mean tokens per problem of the bin (the probe's included for predicted difficulty).</summary>
    [JsonPropertyName("mean_tokens")]
    public double MeanTokens { get; init; }
}
