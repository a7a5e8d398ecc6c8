namespace InferScale.Engine.Gguf;

/// <summary>
/// A GGUF file is malformed or uses something this reader does not support. The message names the file,
/// the byte offset where the problem was found (when known) and what is wrong. It is an <see cref="IOException"/>
/// (<see cref="InvalidDataException"/> is sealed), so one <c>catch (IOException)</c> handles unreadable and invalid files.
/// </summary>
public sealed class GgufFormatException : IOException
{
    /// <summary>Creates the exception; <paramref name="source"/> and <paramref name="offset"/> are prefixed to the message.</summary>
    public GgufFormatException(string? source, long? offset, string message, Exception? innerException = null)
        : base(Format(source, offset, message), innerException)
    {
        FilePath = source;
        Offset = offset;
        Problem = message;
    }

    /// <summary>The file path (or in-memory source name) that was being read, when known.</summary>
    public string? FilePath { get; }

    /// <summary>Byte offset in the file where the problem was found, when known.</summary>
    public long? Offset { get; }

    /// <summary>What is wrong, without the file and offset prefix.</summary>
    public string Problem { get; }

    private static string Format(string? source, long? offset, string message)
    {
        var where = source is null ? "GGUF" : $"GGUF file '{source}'";
        return offset is { } o ? $"{where}, byte {o}: {message}" : $"{where}: {message}";
    }
}
