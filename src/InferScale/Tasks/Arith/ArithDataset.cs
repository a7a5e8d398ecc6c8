using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferScale.Generation;

namespace InferScale.Tasks.Arith;

/// <summary>
/// Reads and writes <c>arith</c> problem files: JSONL with <c>id</c>, <c>level</c>, <c>problem</c> (the statement),
/// <c>prompt</c>, <c>solution</c> and <c>answer</c>. The committed test set is <c>data/arith-test.jsonl</c>.
/// </summary>
public static class ArithDataset
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The dataset name used in problems and summaries.</summary>
    public const string Name = "arith";

    /// <summary>Writes <paramref name="problems"/> to <paramref name="path"/> (LF line ends, UTF-8 without BOM).</summary>
    public static void Write(string path, IEnumerable<ArithProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var p in problems)
        {
            var line = new JsonObject
            {
                ["id"] = p.Id,
                ["level"] = p.Level,
                ["problem"] = p.Statement,
                ["prompt"] = p.Prompt,
                ["solution"] = p.Solution,
                ["answer"] = p.Answer.ToString(CultureInfo.InvariantCulture),
            };
            writer.WriteLine(line.ToJsonString(Relaxed));
        }
    }

    /// <summary>Loads an <c>arith</c> file as problems (gold = answer, level "1"…"5"); a bad line names the file and line.</summary>
    public static IReadOnlyList<Problem> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"arith dataset not found: {path}", path);
        var problems = new List<Problem>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                var o = JsonNode.Parse(line)!.AsObject();
                var prompt = o["prompt"]?.GetValue<string>() ?? ArithFormat.Prompt(Required(o, "problem"));
                problems.Add(new Problem(Required(o, "id"), prompt)
                {
                    Gold = Required(o, "answer"),
                    Level = (o["level"] ?? throw new InvalidDataException("missing field 'level'")).ToJsonString().Trim('"'),
                    Dataset = Name,
                    Metadata = new Dictionary<string, string> { ["solution"] = o["solution"]?.GetValue<string>() ?? "" },
                });
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or InvalidDataException or FormatException)
            {
                throw new InvalidDataException($"{path}:{lineNo}: {ex.Message}", ex);
            }
        }
        return problems;
    }

    private static string Required(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new InvalidDataException($"missing or non-string field '{name}'");
}
