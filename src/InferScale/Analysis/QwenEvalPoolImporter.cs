using System.Text.Json;
using InferScale.Generation;
using InferScale.Tasks;

namespace InferScale.Analysis;

/// <summary>
/// Imports Qwen2.5-Math evaluation output (one JSON line per problem: <c>idx</c>, <c>gt</c>, <c>level</c>,
/// <c>response[n]</c> (or <c>code[n]</c>), <c>pred[n]</c>, optional <c>score[n]</c> correctness labels and optional
/// <c>pred_score[n]</c> reward scores as <c>[[float]]</c>). Each sample's <see cref="Sample.Score"/> is the last element
/// of its <c>pred_score</c> list (the whole list is kept as <see cref="Sample.StepScores"/> when it has several).
/// Levels written <c>"Level 3"</c> become <c>"3"</c>.
/// </summary>
public static class QwenEvalPoolImporter
{
    /// <summary>Reads the pool in <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A line is malformed or inconsistent (the message names file and line).</exception>
    public static SamplePool Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pool file not found: {path}", path);
        var problems = JsonLines.Read(path, (record, _) => ReadProblem(record)).ToList();
        return new SamplePool(problems) { Name = Path.GetFileNameWithoutExtension(path) };
    }

    private static PoolProblem ReadProblem(JsonElement record)
    {
        var id = JsonFields.RequiredScalarText(record, "idx");
        var gold = JsonFields.Required(record, "gt") is var gt && JsonFields.ScalarText(gt) is { } g ? g : throw new FormatException("field 'gt' must be a string or a number");
        var level = JsonFields.OptionalString(record, "level") is { } l && l.StartsWith("Level ", StringComparison.Ordinal) ? l[6..].Trim() : JsonFields.OptionalString(record, "level");
        var preds = JsonFields.RequiredArray(record, "pred");
        var n = preds.GetArrayLength();
        var texts = record.TryGetProperty("response", out var r) && r.ValueKind == JsonValueKind.Array ? r
            : record.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Array ? c
            : throw new FormatException("missing field 'response' (or 'code')");
        var labels = record.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Array ? s : (JsonElement?)null;
        var scores = record.TryGetProperty("pred_score", out var ps) && ps.ValueKind == JsonValueKind.Array ? ps : (JsonElement?)null;
        CheckLength(texts, n, texts.ValueKind == JsonValueKind.Array && record.TryGetProperty("response", out _) ? "response" : "code");
        if (labels is { } lab) CheckLength(lab, n, "score");
        if (scores is { } sc) CheckLength(sc, n, "pred_score");

        var samples = new List<Sample>(n);
        for (var i = 0; i < n; i++)
        {
            var pred = preds[i];
            var text = texts[i];
            var sample = new Sample(text.ValueKind == JsonValueKind.String ? text.GetString()! : throw new FormatException($"response[{i}] must be a string"))
            {
                Index = i,
                Answer = pred.ValueKind == JsonValueKind.Null ? null : JsonFields.ScalarText(pred) ?? throw new FormatException($"pred[{i}] must be a string or a number"),
                IsCorrect = labels is { } ls ? Label(ls[i], i) : null,
            };
            if (scores is { } ss)
            {
                var list = ss[i];
                if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                    throw new FormatException($"pred_score[{i}] must be a non-empty list of numbers");
                var values = new List<double>(list.GetArrayLength());
                foreach (var v in list.EnumerateArray())
                {
                    if (v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()))
                        throw new FormatException($"pred_score[{i}] must hold finite numbers");
                    values.Add(v.GetDouble());
                }

                sample = sample with { Score = values[^1], StepScores = values.Count > 1 ? values : null };
            }

            samples.Add(sample);
        }

        return new PoolProblem(id, samples) { Gold = gold, Level = level };
    }

    private static bool? Label(JsonElement value, int i) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => value.GetDouble() != 0,
        _ => throw new FormatException($"score[{i}] must be a boolean"),
    };

    private static void CheckLength(JsonElement array, int n, string name)
    {
        if (array.GetArrayLength() != n)
            throw new FormatException($"field '{name}' has {array.GetArrayLength()} entries but 'pred' has {n}");
    }
}
