using System.Text.Json;

namespace InferScale.Experiments.Results;

/// <summary>Reads and writes case outcomes as JSON (one case per line in <c>outcomes.jsonl</c>).</summary>
public static class OutcomeJson
{
    /// <summary>One-line JSON of <paramref name="outcome"/>.</summary>
    public static string Serialize(CaseOutcome outcome) => JsonSerializer.Serialize(outcome, ResultsJsonContext.Default.CaseOutcome);

    /// <summary>Parses one case outcome.</summary>
    public static CaseOutcome Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ResultsJsonContext.Default.CaseOutcome) ?? throw new JsonException("the case outcome is null.");

    /// <summary>Indented JSON of the models of a run.</summary>
    public static string SerializeModels(IReadOnlyList<ModelInfo> models) =>
        JsonSerializer.Serialize(models, new ResultsJsonContext(new JsonSerializerOptions(ResultsJsonContext.Default.Options) { WriteIndented = true }).IReadOnlyListModelInfo);

    /// <summary>Parses the models of a run.</summary>
    public static IReadOnlyList<ModelInfo> DeserializeModels(string json) =>
        JsonSerializer.Deserialize(json, ResultsJsonContext.Default.IReadOnlyListModelInfo) ?? [];
}
