using System.Text.Json;
using System.Text.Json.Nodes;
using InferScale.Tasks;

namespace InferScale.Engine.Reward;

/// <summary>
/// The JSONL file of reward labels: a header line (<c>format</c>, <c>policy</c> and the <see cref="RewardLabelOptions"/>
/// that shape the labels), then one <see cref="LabelledSolution"/> per line (<c>problem_index</c>, <c>id</c>, <c>level</c>,
/// <c>prompt</c>, <c>gold</c>, <c>sample</c>, <c>solution</c>, <c>answer</c>, <c>correct</c>, <c>values</c>,
/// <c>rollout_tokens</c>, and <c>corrupted_step</c> for a corrupted solution); a header with <c>corrupted</c> records
/// <see cref="RewardLabelOptions.CorruptedPerProblem"/> (absent when 0). Appending whole problems keeps the file resumable.
/// </summary>
public static class RewardLabelFile
{
    /// <summary>The header's <c>format</c> value.</summary>
    public const string Format = "inferscale-reward-labels/1";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The header line describing labels made by <paramref name="policy"/> with <paramref name="options"/>.</summary>
    public static string Header(string policy, RewardLabelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var header = new JsonObject
        {
            ["format"] = Format,
            ["policy"] = policy,
            ["first_problem"] = options.FirstProblem,
            ["samples"] = options.SamplesPerProblem,
            ["rollouts"] = options.Rollouts,
            ["temperature"] = options.Temperature,
            ["seed"] = options.Seed,
        };
        if (options.CorruptedPerProblem > 0)
            header["corrupted"] = options.CorruptedPerProblem;
        return header.ToJsonString(Relaxed);
    }

    /// <summary>One solution as a JSON line (no newline).</summary>
    public static string Line(LabelledSolution s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var values = new JsonArray();
        foreach (var v in s.StepValues)
            values.Add(Math.Round(v, 6));
        var line = new JsonObject
        {
            ["problem_index"] = s.ProblemIndex,
            ["id"] = s.ProblemId,
            ["level"] = s.Level,
            ["prompt"] = s.Prompt,
            ["gold"] = s.Gold,
            ["sample"] = s.Sample,
            ["solution"] = s.Solution,
            ["answer"] = s.Answer,
            ["correct"] = s.Correct,
            ["values"] = values,
            ["rollout_tokens"] = s.RolloutTokens,
        };
        if (s.CorruptedStep is { } step)
            line["corrupted_step"] = step;
        return line.ToJsonString(Relaxed);
    }

    /// <summary>
    /// Reads a label file: the header (checked against <paramref name="expectedHeader"/> when given) and every solution.
    /// A last line cut short by an interrupted write is ignored when <paramref name="tolerateTruncatedTail"/> is set.
    /// </summary>
    /// <exception cref="DataFormatException">A bad line or field, or a header that differs from the expected one; the message names the file and line.</exception>
    public static IReadOnlyList<LabelledSolution> Read(string path, string? expectedHeader = null, bool tolerateTruncatedTail = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var lines = JsonLines.ReadLines(path).ToList();
        if (lines.Count == 0)
            throw new DataFormatException(path, 1, $"the file is empty; expected a header line with \"format\": \"{Format}\".");
        CheckHeader(path, lines[0].Line, expectedHeader);
        var result = new List<LabelledSolution>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var (number, line) = lines[i];
            try
            {
                using var doc = JsonDocument.Parse(line);
                result.Add(Parse(doc.RootElement));
            }
            catch (JsonException) when (tolerateTruncatedTail && i == lines.Count - 1)
            {
                break;
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(path, number, $"malformed JSON: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException && ex is not DataFormatException)
            {
                throw new DataFormatException(path, number, ex.Message, ex);
            }
        }
        return result;
    }

    private static void CheckHeader(string path, string line, string? expected)
    {
        JsonNode? header;
        try
        {
            header = JsonNode.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException(path, 1, $"malformed header: {ex.Message}", ex);
        }
        if (header?["format"]?.GetValue<string>() != Format)
            throw new DataFormatException(path, 1, $"not a reward label file (the header needs \"format\": \"{Format}\").");
        if (expected is null)
            return;
        var want = JsonNode.Parse(expected)!.AsObject();
        foreach (var key in want.Select(p => p.Key).Union(header.AsObject().Select(p => p.Key)))
        {
            var (have, value) = (header[key], want[key]);
            if (!JsonNode.DeepEquals(have, value))
                throw new DataFormatException(path, 1, $"the labels were made with {key} = {have?.ToJsonString() ?? "nothing"}, not {value?.ToJsonString() ?? "nothing"}; use the same settings or another --labels file.");
        }
    }

    private static LabelledSolution Parse(JsonElement e)
    {
        var values = JsonFields.RequiredArray(e, "values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        if (values.Any(v => !(v >= 0 && v <= 1)))
            throw new FormatException("field 'values' must hold numbers in [0, 1]");
        var correct = JsonFields.Required(e, "correct");
        if (correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            throw new FormatException("field 'correct' must be true or false");
        return new LabelledSolution
        {
            ProblemIndex = JsonFields.Required(e, "problem_index").GetInt64(),
            ProblemId = JsonFields.RequiredString(e, "id"),
            Level = JsonFields.Required(e, "level").GetInt32(),
            Prompt = JsonFields.RequiredString(e, "prompt"),
            Gold = JsonFields.RequiredScalarText(e, "gold"),
            Sample = JsonFields.Required(e, "sample").GetInt32(),
            Solution = JsonFields.RequiredString(e, "solution"),
            Answer = JsonFields.OptionalString(e, "answer"),
            Correct = correct.GetBoolean(),
            StepValues = values,
            RolloutTokens = e.TryGetProperty("rollout_tokens", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : 0,
            CorruptedStep = e.TryGetProperty("corrupted_step", out var c) && c.ValueKind != JsonValueKind.Null
                ? (c.TryGetInt32(out var step) && step >= 0 ? step : throw new FormatException("field 'corrupted_step' must be a step index ≥ 0"))
                : null,
        };
    }
}
