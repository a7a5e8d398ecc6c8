using System.Text.Json;
using InferScale.Generation;

namespace InferScale.Tasks;

/// <summary>
/// Streams benchmark problems from JSONL files (GSM8K, MATH, AIME/AMC, HumanEval) as <see cref="Problem"/>s with gold
/// answers, levels, subjects and dataset-specific metadata. A bad line throws <see cref="DataFormatException"/> naming
/// the file and line.
/// </summary>
public static class DatasetReader
{
    /// <summary>Metadata key for a worked solution (GSM8K's full answer, MATH and AIME <c>solution</c>).</summary>
    public const string SolutionKey = "solution";

    /// <summary>Metadata key for HumanEval's test code.</summary>
    public const string TestKey = "test";

    /// <summary>Metadata key for HumanEval's entry-point function name.</summary>
    public const string EntryPointKey = "entry_point";

    /// <summary>Metadata key for HumanEval's reference solution.</summary>
    public const string CanonicalSolutionKey = "canonical_solution";

    /// <summary>
    /// Reads the problems of <paramref name="path"/> lazily, one line at a time.
    /// </summary>
    /// <param name="path">A JSONL file.</param>
    /// <param name="format">The record layout; detected from the first record's fields when <see langword="null"/>.</param>
    /// <param name="datasetName">The name stored in <see cref="Problem.Dataset"/> and used in ids; the file name without extension when <see langword="null"/>.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A line is malformed or lacks a required field, or the format cannot be detected.</exception>
    public static IEnumerable<Problem> Read(string path, DatasetFormat? format = null, string? datasetName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"dataset file not found: {path}", path);
        var resolved = format ?? DetectFormat(path);
        var name = datasetName ?? Path.GetFileNameWithoutExtension(path);
        return ReadCore(path, resolved, name);
    }

    /// <summary>Detects the record layout of <paramref name="path"/> from its first record's fields.</summary>
    /// <exception cref="DataFormatException">The first record matches no known layout.</exception>
    public static DatasetFormat DetectFormat(string path)
    {
        using var first = JsonLines.PeekFirst(path)
            ?? throw new DataFormatException(path, 0, "cannot detect the dataset format: the file is empty or its first line is not a JSON object");
        var root = first.RootElement;
        bool Has(string field) => root.TryGetProperty(field, out _);
        if (Has("task_id") && Has("prompt")) return DatasetFormat.HumanEval;
        if (Has("prompt") && Has("solution") && Has("level") && Has("answer") && !Has("unique_id")) return DatasetFormat.Arith;
        if (Has("problem") && (Has("level") || Has("unique_id") || Has("subject"))) return DatasetFormat.Math;
        if (Has("problem") && Has("answer")) return DatasetFormat.Competition;
        if (Has("question") && Has("answer")) return DatasetFormat.Gsm8k;
        throw new DataFormatException(path, 0, "cannot detect the dataset format from the first record's fields (expected GSM8K {question, answer}, MATH {problem, answer, level}, AIME/AMC {id, problem, answer} or HumanEval {task_id, prompt, test})");
    }

    private static IEnumerable<Problem> ReadCore(string path, DatasetFormat format, string name)
    {
        // GSM8K has no id field: its id is the 0-based record index, counted per enumeration.
        var index = 0;
        foreach (var problem in JsonLines.Read(path, (record, _) => format switch
        {
            DatasetFormat.Gsm8k => Gsm8k(record, name, index),
            DatasetFormat.Math => MathRecord(record, name),
            DatasetFormat.Competition => Competition(record, name),
            DatasetFormat.HumanEval => HumanEval(record, name),
            DatasetFormat.Arith => ArithRecord(record, name),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown dataset format"),
        }))
        {
            index++;
            yield return problem;
        }
    }

    private static Problem Gsm8k(JsonElement record, string name, int index)
    {
        var question = JsonFields.RequiredString(record, "question");
        var answer = JsonFields.RequiredString(record, "answer");
        var marker = answer.LastIndexOf("####", StringComparison.Ordinal);
        if (marker < 0) throw new FormatException("field 'answer' has no '####' before the final answer");
        var gold = answer[(marker + 4)..].Trim();
        if (gold.Length == 0) throw new FormatException("field 'answer' has nothing after '####'");
        return new Problem($"{name}/{index}", question)
        {
            Gold = gold,
            Dataset = name,
            Metadata = new Dictionary<string, string> { [SolutionKey] = answer },
        };
    }

    private static Problem MathRecord(JsonElement record, string name)
    {
        var problem = JsonFields.RequiredString(record, "problem");
        var answer = JsonFields.RequiredScalarText(record, "answer");
        var id = JsonFields.OptionalString(record, "unique_id") ?? throw new FormatException("missing field 'unique_id'");
        var metadata = new Dictionary<string, string>();
        if (JsonFields.OptionalString(record, "solution") is { } solution) metadata[SolutionKey] = solution;
        return new Problem(id, problem)
        {
            Gold = answer,
            Level = MathLevel(record),
            Subject = JsonFields.OptionalString(record, "subject"),
            Dataset = name,
            Metadata = metadata,
        };
    }

    private static string? MathLevel(JsonElement record)
    {
        if (!record.TryGetProperty("level", out var level) || level.ValueKind == JsonValueKind.Null) return null;
        if (level.ValueKind == JsonValueKind.Number)
        {
            return level.TryGetInt32(out var value) && value is >= 1 and <= 5
                ? value.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : throw new FormatException($"field 'level' must be an integer from 1 to 5, found {level.GetRawText()}");
        }

        if (level.ValueKind == JsonValueKind.String)
        {
            // Some MATH copies write "Level 3"; keep the number only.
            var text = level.GetString()!.Trim();
            return text.StartsWith("Level ", StringComparison.OrdinalIgnoreCase) ? text[6..].Trim() : text;
        }

        throw new FormatException($"field 'level' must be a number or a string, found {level.ValueKind}");
    }

    private static Problem Competition(JsonElement record, string name)
    {
        var id = JsonFields.RequiredScalarText(record, "id");
        var problem = JsonFields.RequiredString(record, "problem");
        var answer = JsonFields.RequiredScalarText(record, "answer");
        var metadata = new Dictionary<string, string>();
        if (JsonFields.OptionalString(record, "solution") is { } solution) metadata[SolutionKey] = solution;
        if (JsonFields.OptionalString(record, "url") is { } url) metadata["url"] = url;
        return new Problem($"{name}/{id}", problem) { Gold = answer, Dataset = name, Metadata = metadata };
    }

    private static Problem ArithRecord(JsonElement record, string name) =>
        new(JsonFields.RequiredString(record, "id"), JsonFields.RequiredString(record, "prompt"))
        {
            Gold = JsonFields.RequiredString(record, "answer"),
            Level = MathLevel(record),
            Dataset = name,
            Metadata = new Dictionary<string, string> { ["solution"] = JsonFields.RequiredString(record, "solution") },
        };

    private static Problem HumanEval(JsonElement record, string name)
    {
        var id = JsonFields.RequiredString(record, "task_id");
        var prompt = JsonFields.RequiredString(record, "prompt");
        return new Problem(id, prompt)
        {
            Dataset = name,
            Metadata = new Dictionary<string, string>
            {
                [TestKey] = JsonFields.RequiredString(record, "test"),
                [EntryPointKey] = JsonFields.RequiredString(record, "entry_point"),
                [CanonicalSolutionKey] = JsonFields.RequiredString(record, "canonical_solution"),
            },
        };
    }
}
