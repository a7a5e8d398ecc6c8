using System.Text.Json.Serialization;

namespace InferScale.Strategies;

/// <summary>
/// The per-bin choices <c>compute-optimal</c> applies: how difficulty is estimated, where the bins' boundaries lie and
/// what runs in each bin. Written by <c>InferScale.Analysis.ComputeOptimal</c> (learned on held-out problems) and read
/// from the file named by <see cref="ComputeOptimalOptions.Table"/> (see <see cref="ComputeOptimalPolicyFile"/>).
/// </summary>
public sealed record ComputeOptimalPolicy
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version; must be <see cref="CurrentVersion"/>.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>How the bins' estimates were made: <see cref="DifficultyEstimate.Predicted"/> (mean reward score) or <see cref="DifficultyEstimate.Oracle"/> (pass@1).</summary>
    [JsonPropertyName("difficulty")]
    [JsonConverter(typeof(JsonStringEnumConverter<DifficultyEstimate>))]
    public DifficultyEstimate Difficulty { get; init; } = DifficultyEstimate.Predicted;

    /// <summary>The samples the estimate was made from when the policy was learned (the probe's size), when known.</summary>
    [JsonPropertyName("probe_samples")]
    public int? ProbeSamples { get; init; }

    /// <summary>The policy model the policy was learned for (informational).</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>The bins, easiest first; each but the last has a <see cref="ComputeOptimalPolicyBin.LowerBound"/>, descending.</summary>
    [JsonPropertyName("bins")]
    public IReadOnlyList<ComputeOptimalPolicyBin> Bins { get; init; } = [];

    /// <summary>The bin an estimate falls into: the first (easiest) whose lower bound it reaches, else the last; NaN goes to the last (hardest).</summary>
    public int BinOf(double estimate)
    {
        for (var b = 0; b < Bins.Count - 1; b++)
        {
            if (Bins[b].LowerBound is double lower && estimate >= lower)
                return b;
        }
        return Bins.Count - 1;
    }

    /// <summary>Throws <see cref="FormatException"/> naming the first invalid field (<paramref name="source"/> names the file).</summary>
    public void Validate(string source = "policy")
    {
        if (Version != CurrentVersion)
            throw new FormatException($"{source}: version {Version} is not supported (expected {CurrentVersion}).");
        if (Bins is null || Bins.Count == 0)
            throw new FormatException($"{source}: 'bins' must hold at least one bin.");
        double previous = double.PositiveInfinity;
        for (var b = 0; b < Bins.Count; b++)
        {
            var bin = Bins[b] ?? throw new FormatException($"{source}: bins[{b}] is null.");
            var where = $"{source}: bins[{b}]";
            if (bin.Bin != b)
                throw new FormatException($"{where}.bin is {bin.Bin}; bins must be numbered 0, 1, … in order.");
            if (string.IsNullOrWhiteSpace(bin.Strategy))
                throw new FormatException($"{where}.strategy is empty.");
            if (bin.Params is null)
                throw new FormatException($"{where}.params is null.");
            if (b < Bins.Count - 1)
            {
                if (bin.LowerBound is not double lower || !double.IsFinite(lower))
                    throw new FormatException($"{where}.lower_bound must be a finite number (only the last bin has none).");
                if (lower > previous)
                    throw new FormatException($"{where}.lower_bound {lower} is above the previous bin's {previous}; bins go from easiest (highest estimate) to hardest.");
                previous = lower;
            }
            try
            {
                bin.ToBudget();
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{where}.budget: {ex.Message}", ex);
            }
        }
    }
}
