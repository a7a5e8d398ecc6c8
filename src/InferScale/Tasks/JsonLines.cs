using System.Text.Json;

namespace InferScale.Tasks;

/// <summary>Streams a JSONL file one record at a time, turning every parse or mapping error into a <see cref="DataFormatException"/> naming the file and line.</summary>
internal static class JsonLines
{
    /// <summary>Reads the non-blank lines of <paramref name="path"/>, parses each as JSON and maps it with <paramref name="map"/> (given the element and the 1-based line number).</summary>
    public static IEnumerable<T> Read<T>(string path, Func<JsonElement, int, T> map)
    {
        foreach (var (lineNumber, line) in ReadLines(path))
        {
            T item;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new FormatException($"expected a JSON object, found {document.RootElement.ValueKind}");
                item = map(document.RootElement, lineNumber);
            }
            catch (JsonException ex)
            {
                throw new DataFormatException(path, lineNumber, $"malformed JSON: {ex.Message}", ex);
            }
            catch (FormatException ex) when (ex is not DataFormatException)
            {
                throw new DataFormatException(path, lineNumber, ex.Message, ex);
            }

            yield return item;
        }
    }

    /// <summary>Reads the non-blank lines of <paramref name="path"/> with their 1-based line numbers.</summary>
    public static IEnumerable<(int LineNumber, string Line)> ReadLines(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"file not found: {path}", path);
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 1 << 16 });
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
                yield return (lineNumber, line);
        }
    }

    /// <summary>The first non-blank line of <paramref name="path"/> parsed as a JSON object, or <see langword="null"/> when the file is empty or that line is not an object.</summary>
    public static JsonDocument? PeekFirst(string path)
    {
        foreach (var (_, line) in ReadLines(path))
        {
            try
            {
                var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
                document.Dispose();
                return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }
}
