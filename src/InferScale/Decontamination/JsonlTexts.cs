using System.Text.Json;
using InferScale.Tasks;

namespace InferScale.Decontamination;

/// <summary>
/// Reads the text to compare from JSONL records (through the shared line-numbered reader): a named field, or the first
/// of <c>text</c>, <c>prompt</c>, <c>question</c>, <c>problem</c>, <c>instruction</c>, <c>input</c>, <c>messages</c>
/// (contents joined); a malformed line throws <see cref="DataFormatException"/> naming the file and line.
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
        return JsonLines.Read(path, (record, line) =>
        {
            if (record.ValueKind != JsonValueKind.Object)
                throw new FormatException("expected a JSON object");
            var text = (field is null ? FirstText(record) : TextOf(record, field))
                ?? throw new FormatException(field is null
                    ? $"no text field (looked for {string.Join(", ", CandidateFields)}); name one with --field"
                    : $"field '{field}' is missing or not text");
            return new Record(text, IdOf(record), line);
        });
    }

    private static string? FirstText(JsonElement record)
    {
        foreach (var name in CandidateFields)
        {
            if (TextOf(record, name) is { } text)
                return text;
        }
        return null;
    }

    private static string? TextOf(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) ? TextOf(value) : null;

    private static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join("\n", value.EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Object ? (m.TryGetProperty("content", out var c) ? TextOf(c) : null) : TextOf(m))
            .Where(s => s is not null)),
        _ => null,
    };

    private static string? IdOf(JsonElement record)
    {
        foreach (var name in IdFields)
        {
            if (record.TryGetProperty(name, out var v))
                return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
        }
        return null;
    }
}
