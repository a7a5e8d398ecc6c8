using System.Text.Json;
using InferScale.Generation;
using InferScale.Tasks;

namespace InferScale.Analysis;

/// <summary>
/// Imports OpenAI's GSM8K example model solutions (one JSON line per test problem: <c>question</c>,
/// <c>ground_truth</c>, and one <c>{"solution","is_correct"}</c> from each of the systems in <see cref="Systems"/>).
/// By default each problem gets four samples, sample <c>i</c> from system <c>Systems[i]</c> (so pass@4 means "some
/// system solved it"); pass a system name to import that system alone (one sample per problem). Answers and gold are
/// the text after the last <c>A:</c> marker; problem ids are <c>gsm8k/&lt;0-based line index&gt;</c>, as in
/// <see cref="DatasetReader"/>.
/// </summary>
public static class Gsm8kExamplesPoolImporter
{
    /// <summary>The four systems, in sample-index order.</summary>
    public static IReadOnlyList<string> Systems { get; } = ["6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"];

    /// <summary>Reads the pool in <paramref name="path"/>, with all four systems or only <paramref name="system"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="system"/> is not one of <see cref="Systems"/>.</exception>
    /// <exception cref="DataFormatException">A line is malformed or lacks a field.</exception>
    public static SamplePool Read(string path, string? system = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (system is not null && !Systems.Contains(system))
            throw new ArgumentException($"unknown system '{system}'; expected one of {string.Join(", ", Systems)}", nameof(system));
        if (!File.Exists(path)) throw new FileNotFoundException($"pool file not found: {path}", path);
        var systems = system is null ? Systems : [system];
        var index = 0;
        var problems = JsonLines.Read(path, (record, _) => ReadProblem(record, index++, systems)).ToList();
        return new SamplePool(problems) { Name = Path.GetFileNameWithoutExtension(path) + (system is null ? string.Empty : "-" + system) };
    }

    /// <summary>The text after the last <c>A:</c> at the start of a line, trimmed; <see langword="null"/> when there is none.</summary>
    public static string? ExtractAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("A:", StringComparison.Ordinal))
            {
                var answer = line[2..].Trim();
                return answer.Length == 0 ? null : answer;
            }
        }

        return null;
    }

    private static PoolProblem ReadProblem(JsonElement record, int index, IReadOnlyList<string> systems)
    {
        var truth = JsonFields.RequiredString(record, "ground_truth");
        var gold = ExtractAnswer(truth) ?? throw new FormatException("field 'ground_truth' has no 'A:' line");
        var samples = new List<Sample>(systems.Count);
        for (var i = 0; i < systems.Count; i++)
        {
            var entry = JsonFields.Required(record, systems[i]);
            if (entry.ValueKind != JsonValueKind.Object) throw new FormatException($"field '{systems[i]}' must be an object");
            var solution = JsonFields.RequiredString(entry, "solution");
            var correct = JsonFields.Required(entry, "is_correct");
            if (correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new FormatException($"field '{systems[i]}.is_correct' must be a boolean");
            samples.Add(new Sample(solution) { Index = i, Answer = ExtractAnswer(solution), IsCorrect = correct.GetBoolean() });
        }

        return new PoolProblem($"gsm8k/{index}", samples) { Gold = gold };
    }
}
