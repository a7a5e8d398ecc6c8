using System.Globalization;
using System.Text.Json;
using InferScale.Generation;
using InferScale.Tasks;

namespace InferScale.Analysis;

/// <summary>
/// Imports a Tree-of-Thoughts Game-of-24 log: one JSON list of <c>{"idx", "ys": [texts], "infos": [{"r": 0|1}],
/// "usage_so_far": {...}}</c>. A sample is correct when its <c>r</c> is 1; its answer is the text after the last
/// <c>Answer:</c>. There is no gold answer (puzzles have many solutions), so voting uses the labels. The log's usage is
/// cumulative per puzzle call: each sample gets the call's prompt tokens and an even share of its completion tokens.
/// </summary>
public static class Game24PoolImporter
{
    /// <summary>Reads the pool in <paramref name="path"/>.</summary>
    /// <exception cref="DataFormatException">The file is not valid JSON (message names the line) or an entry is bad (names its index).</exception>
    public static SamplePool Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pool file not found: {path}", path);
        JsonDocument document;
        using (var stream = File.OpenRead(path))
        {
            try
            {
                document = JsonDocument.Parse(stream);
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(path, (int)(ex.LineNumber ?? -1) + 1, $"malformed JSON: {ex.Message}", ex);
            }
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(path, 0, "expected a JSON list of puzzles");
            var problems = new List<PoolProblem>();
            long prompt = 0, completion = 0;
            var entry = 0;
            foreach (var puzzle in document.RootElement.EnumerateArray())
            {
                try
                {
                    problems.Add(ReadPuzzle(puzzle, ref prompt, ref completion));
                }
                catch (FormatException ex)
                {
                    throw new DataFormatException(path, 0, $"entry {entry}: {ex.Message}", ex);
                }
                catch (InvalidOperationException ex)
                {
                    throw new DataFormatException(path, 0, $"entry {entry}: {ex.Message}", ex);
                }

                entry++;
            }

            return new SamplePool(problems) { Name = Path.GetFileNameWithoutExtension(path) };
        }
    }

    /// <summary>The text after the last <c>Answer:</c>, trimmed; <see langword="null"/> when there is none or it is empty.</summary>
    public static string? ExtractAnswer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf("Answer:", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = text[(at + "Answer:".Length)..];
        var end = rest.IndexOf('\n', StringComparison.Ordinal);
        var answer = (end < 0 ? rest : rest[..end]).Trim();
        return answer.Length == 0 ? null : answer;
    }

    private static PoolProblem ReadPuzzle(JsonElement puzzle, ref long promptSoFar, ref long completionSoFar)
    {
        if (puzzle.ValueKind != JsonValueKind.Object) throw new FormatException("expected an object");
        var id = JsonFields.RequiredScalarText(puzzle, "idx");
        var ys = JsonFields.RequiredArray(puzzle, "ys");
        var infos = JsonFields.RequiredArray(puzzle, "infos");
        var n = ys.GetArrayLength();
        if (infos.GetArrayLength() != n) throw new FormatException($"(idx {id}) 'infos' has {infos.GetArrayLength()} entries but 'ys' has {n}");

        int prompt = 0, completionShare = 0, remainder = 0;
        if (puzzle.TryGetProperty("usage_so_far", out var usage) && usage.ValueKind == JsonValueKind.Object && n > 0)
        {
            var p = usage.TryGetProperty("prompt_tokens", out var pt) ? pt.GetInt64() : promptSoFar;
            var c = usage.TryGetProperty("completion_tokens", out var ct) ? ct.GetInt64() : completionSoFar;
            prompt = (int)Math.Max(0, p - promptSoFar);
            var completion = Math.Max(0, c - completionSoFar);
            completionShare = (int)(completion / n);
            remainder = (int)(completion % n);
            promptSoFar = p;
            completionSoFar = c;
        }

        var samples = new List<Sample>(n);
        for (var i = 0; i < n; i++)
        {
            var y = ys[i];
            if (y.ValueKind != JsonValueKind.String) throw new FormatException($"(idx {id}) ys[{i}] must be a string");
            var info = infos[i];
            if (info.ValueKind != JsonValueKind.Object || !info.TryGetProperty("r", out var r) || r.ValueKind != JsonValueKind.Number)
                throw new FormatException($"(idx {id}) infos[{i}] must be an object with a number 'r'");
            var text = y.GetString()!;
            samples.Add(new Sample(text)
            {
                Index = i,
                Answer = ExtractAnswer(text),
                IsCorrect = r.GetDouble() == 1,
                PromptTokens = prompt,
                CompletionTokens = completionShare + (i < remainder ? 1 : 0),
            });
        }

        return new PoolProblem(id.ToString(CultureInfo.InvariantCulture), samples);
    }
}
