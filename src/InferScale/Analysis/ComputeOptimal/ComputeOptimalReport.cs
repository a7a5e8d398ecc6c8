using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using InferScale.Strategies;

namespace InferScale.Analysis.ComputeOptimal;

/// <summary>
/// What <see cref="ComputeOptimalAnalysis"/> found: the baseline (weighted best-of-N at 64, "bon64"), the least tokens
/// at which the compute-optimal allocation matches it, Snell's per-budget curves and the allocation curve for oracle
/// and predicted bins, and the per-bin policy tables. Serialises deterministically (<see cref="ToJson"/>).
/// </summary>
public sealed record ComputeOptimalReport
{
    /// <summary>The policy model analysed.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>The dataset analysed.</summary>
    [JsonPropertyName("dataset")]
    public string Dataset { get; init; } = "";

    /// <summary>Problems analysed (those every eligible configuration answered).</summary>
    [JsonPropertyName("problems")]
    public int Problems { get; init; }

    /// <summary>The cross-validation seed.</summary>
    [JsonPropertyName("seed")]
    public ulong Seed { get; init; }

    /// <summary>What a problem's "tokens" are: <c>policy</c> (prompt computed + completion) or <c>policy+verifier</c>.</summary>
    [JsonPropertyName("tokens_measure")]
    public string TokensMeasure { get; init; } = "policy";

    /// <summary>The baseline at its budget (bon64).</summary>
    [JsonPropertyName("baseline")]
    public BaselinePoint Baseline { get; init; } = new();

    /// <summary>The baseline (same strategy and parameters) at every budget of the analysis's kind, budget ascending.</summary>
    [JsonPropertyName("baseline_curve")]
    public IReadOnlyList<BaselinePoint> BaselineCurve { get; init; } = [];

    /// <summary>
    /// The headline: the least mean tokens per problem at which the cross-validated compute-optimal allocation reaches
    /// the baseline's accuracy, under <see cref="HeadlineDifficulty"/> bins (probe included); <see langword="null"/> when it never does.
    /// </summary>
    [JsonPropertyName("tokens_to_match_baseline")]
    public double? TokensToMatchBaseline { get; init; }

    /// <summary>The bins behind the headline: predicted when available (usable at test time), else oracle.</summary>
    [JsonPropertyName("headline_difficulty")]
    [JsonConverter(typeof(JsonStringEnumConverter<DifficultyEstimate>))]
    public DifficultyEstimate HeadlineDifficulty { get; init; }

    /// <summary>The analysis under oracle bins (pass@1); <see langword="null"/> when no outcome recorded oracle pass rates for every problem.</summary>
    [JsonPropertyName("oracle")]
    public DifficultyAnalysis? Oracle { get; init; }

    /// <summary>The analysis under predicted bins (the probe's mean reward score); <see langword="null"/> when no probe case scored every problem.</summary>
    [JsonPropertyName("predicted")]
    public DifficultyAnalysis? Predicted { get; init; }

    /// <summary>Configurations considered (after exclusions).</summary>
    [JsonPropertyName("configurations")]
    public int Configurations { get; init; }

    /// <summary>What the analysis substituted or left out, in words.</summary>
    [JsonPropertyName("notes")]
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The analysis behind the headline (<see cref="HeadlineDifficulty"/>).</summary>
    [JsonIgnore]
    public DifficultyAnalysis Headline => (HeadlineDifficulty == DifficultyEstimate.Predicted ? Predicted : Oracle)
        ?? throw new InvalidOperationException("The report has no difficulty analysis.");

    /// <summary>The report as indented JSON (LF line ends; the same bytes for the same report).</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(this, ComputeOptimalReportJsonContext.Default.ComputeOptimalReport).ReplaceLineEndings("\n") + "\n";

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    public static ComputeOptimalReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, ComputeOptimalReportJsonContext.Default.ComputeOptimalReport)
            ?? throw new FormatException("The compute-optimal report is null.");
    }

    /// <summary>The final policy of <paramref name="difficulty"/> bins (default: the headline's) as the strategy's table.</summary>
    public ComputeOptimalPolicy ToPolicy(DifficultyEstimate? difficulty = null)
    {
        var analysis = difficulty switch
        {
            null => Headline,
            DifficultyEstimate.Oracle => Oracle,
            _ => Predicted,
        } ?? throw new InvalidOperationException($"The report has no {difficulty} analysis.");
        return analysis.ToPolicy(Model);
    }

    /// <summary>Writes the report's JSON to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        File.WriteAllText(path, ToJson(), new UTF8Encoding(false));
    }

    /// <summary>Writes the final policy of <paramref name="difficulty"/> bins (default: the headline's) as a table file for <see cref="ComputeOptimalOptions.Table"/>.</summary>
    public void SavePolicy(string path, DifficultyEstimate? difficulty = null) => ComputeOptimalPolicyFile.Save(ToPolicy(difficulty), path);
}
