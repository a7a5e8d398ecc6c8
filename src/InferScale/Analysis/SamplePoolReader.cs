using System.Text.Json;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Verification;

namespace InferScale.Analysis;

/// <summary>
/// Reads InferScale's pool format: JSONL, one line per sample, <c>{"problem_id": str, "sample": int, "text": str,
/// "answer": str|null, "correct": bool|null, "score": float|null, "step_scores": [float]|null, "prompt_tokens": int,
/// "completion_tokens": int, "finish_reason": "stop"|"length"|"cancelled"|"error", "gold": str|null, "level": str|null}</c>.
/// <c>problem_id</c> and <c>sample</c> are required; the rest default to null, 0 and <c>"stop"</c>.
/// </summary>
public static class SamplePoolReader
{
    /// <summary>Streams the entries of <paramref name="path"/>, one per line.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">A line is malformed or has a bad field (the message names file and line).</exception>
    public static IEnumerable<PoolEntry> ReadEntries(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"pool file not found: {path}", path);
        return ReadEntriesCore(path);
    }

    /// <summary>
    /// Reads the whole pool in <paramref name="path"/>, grouping lines by <c>problem_id</c> (problems in order of first
    /// appearance, samples ordered by index). When <paramref name="extractor"/> is given, samples with no answer get
    /// one extracted from their text.
    /// </summary>
    /// <exception cref="DataFormatException">A line is bad, or a (problem, sample) pair appears twice.</exception>
    public static SamplePool Read(string path, IAnswerExtractor? extractor = null)
    {
        var order = new List<string>();
        var problems = new Dictionary<string, (List<Sample> Samples, string? Gold, string? Level, HashSet<int> Seen)>(StringComparer.Ordinal);
        var line = 0;
        foreach (var (entry, lineNumber) in ReadWithLines(path))
        {
            line = lineNumber;
            if (!problems.TryGetValue(entry.ProblemId, out var problem))
            {
                problem = ([], entry.Gold, entry.Level, []);
                order.Add(entry.ProblemId);
            }

            if (!problem.Seen.Add(entry.Sample.Index))
                throw new DataFormatException(path, lineNumber, $"sample {entry.Sample.Index} of problem '{entry.ProblemId}' appears twice");
            var sample = entry.Sample;
            if (sample.Answer is null && extractor is not null && sample.Text.Length > 0)
                sample = sample with { Answer = extractor.Extract(sample.Text) };
            problem.Samples.Add(sample);
            problems[entry.ProblemId] = (problem.Samples, problem.Gold ?? entry.Gold, problem.Level ?? entry.Level, problem.Seen);
        }

        if (order.Count == 0) throw new DataFormatException(path, line, "the pool has no samples");
        return new SamplePool(order.Select(id =>
        {
            var p = problems[id];
            p.Samples.Sort((a, b) => a.Index.CompareTo(b.Index));
            return new PoolProblem(id, p.Samples) { Gold = p.Gold, Level = p.Level };
        }).ToList())
        {
            Name = Path.GetFileNameWithoutExtension(path),
        };
    }

    private static IEnumerable<PoolEntry> ReadEntriesCore(string path)
    {
        foreach (var (entry, _) in ReadWithLines(path)) yield return entry;
    }

    private static IEnumerable<(PoolEntry Entry, int Line)> ReadWithLines(string path)
    {
        foreach (var (lineNumber, line) in JsonLines.ReadLines(path))
        {
            PoolRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(line, PoolJsonContext.Default.PoolRecord);
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(path, lineNumber, $"malformed pool record: {ex.Message}", ex);
            }

            if (record is null) throw new DataFormatException(path, lineNumber, "expected a JSON object, found null");
            yield return (ToEntry(record, path, lineNumber), lineNumber);
        }
    }

    private static PoolEntry ToEntry(PoolRecord record, string path, int line)
    {
        if (string.IsNullOrWhiteSpace(record.ProblemId)) throw new DataFormatException(path, line, "field 'problem_id' must be a non-empty string");
        if (record.Sample < 0) throw new DataFormatException(path, line, $"field 'sample' must be >= 0, found {record.Sample}");
        if (record.PromptTokens < 0) throw new DataFormatException(path, line, $"field 'prompt_tokens' must be >= 0, found {record.PromptTokens}");
        if (record.CompletionTokens < 0) throw new DataFormatException(path, line, $"field 'completion_tokens' must be >= 0, found {record.CompletionTokens}");
        if (record.Score is { } score && !double.IsFinite(score)) throw new DataFormatException(path, line, "field 'score' must be finite");
        var finish = record.FinishReason switch
        {
            null or "stop" => FinishReason.Stop,
            "length" => FinishReason.Length,
            "cancelled" => FinishReason.Cancelled,
            "error" => FinishReason.Error,
            var other => throw new DataFormatException(path, line, $"field 'finish_reason' must be stop, length, cancelled or error, found '{other}'"),
        };
        var sample = new Sample(record.Text ?? string.Empty)
        {
            Index = record.Sample,
            Answer = record.Answer,
            IsCorrect = record.Correct,
            Score = record.Score,
            StepScores = record.StepScores,
            PromptTokens = record.PromptTokens,
            CompletionTokens = record.CompletionTokens,
            FinishReason = finish,
        };
        return new PoolEntry(record.ProblemId, sample) { Gold = record.Gold, Level = record.Level };
    }
}
