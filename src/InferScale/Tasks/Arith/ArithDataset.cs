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
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        Write(writer, problems);
    }

    /// <summary>Writes <paramref name="problems"/> as JSONL lines to <paramref name="writer"/> (one per problem, LF line ends).</summary>
    public static void Write(TextWriter writer, IEnumerable<ArithProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(problems);
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
            writer.Write(line.ToJsonString(Relaxed));
            writer.Write('\n');
        }
    }

    /// <summary>Loads an <c>arith</c> file as problems (gold = answer, level "1"…"5"); a bad line names the file and line.</summary>
    /// <exception cref="DataFormatException">A line is malformed or lacks a field.</exception>
    public static IReadOnlyList<Problem> Load(string path) => DatasetReader.Read(path, DatasetFormat.Arith, Name).ToList();
}
