using System.Text.Json;
using System.Text.Json.Nodes;

namespace InferScale.Decontamination;

/// <summary>
/// Reads the text to compare from JSONL records: a named field, or the first of <c>text</c>, <c>prompt</c>,
/// <c>question</c>, <c>problem</c>, <c>instruction</c>, <c>input</c>, <c>messages</c> (contents joined); a malformed
/// line throws <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public static class JsonlTexts
{
    private static readonly string[] CandidateFields = ["text", "prompt", "question", "problem", "instruction", "input", "messages"];
    private static readonly string[] IdFields = ["id", "task_id", "key", "unique_id", "idx"];

    /// <summary>One record's text and id.</summary>
    /// <param name="Text">The text to compare.</param>
    /// <param name="Id">The record's id field, when present.</param>
    /// <param name="Line">1-based line number.</param>
    public readonly record struct Record(string Text, string? Id, int Line);

    /// <summary>Streams the records of <paramref name="path"/> (blank lines skipped).</summary>
    public static IEnumerable<Record> Read(string path, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"File not found: {path}", path);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonObject obj;
            try
            {
                obj = JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"{path}:{lineNo}: expected a JSON object.");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{lineNo}: malformed JSON ({ex.Message}).", ex);
            }
            var text = field is null ? FirstText(obj) : TextOf(obj[field]);
            if (text is null)
                throw new InvalidDataException(field is null
                    ? $"{path}:{lineNo}: no text field (looked for {string.Join(", ", CandidateFields)}); name one with --field."
                    : $"{path}:{lineNo}: field '{field}' is missing or not text.");
            yield return new Record(text, IdOf(obj), lineNo);
        }
    }

    private static string? FirstText(JsonObject obj)
    {
        foreach (var name in CandidateFields)
        {
            if (TextOf(obj[name]) is { } text)
                return text;
        }
        return null;
    }

    private static string? TextOf(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray messages => string.Join("\n", messages.Select(m => m is JsonObject o ? TextOf(o["content"]) : TextOf(m)).Where(s => s is not null)),
        _ => null,
    };

    private static string? IdOf(JsonObject obj)
    {
        foreach (var name in IdFields)
        {
            if (obj[name] is JsonValue v)
                return v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
        }
        return null;
    }
}
