namespace InferScale.Tasks;

/// <summary>
/// A data file (dataset or sample pool) has a bad record. The message names the file and the 1-based line number
/// (or, for files holding one JSON array, the 0-based entry index) and says what is wrong.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception for a bad record at <paramref name="lineNumber"/> of <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file holding the bad record.</param>
    /// <param name="lineNumber">The 1-based line number of the bad record; 0 when the problem is not tied to a line.</param>
    /// <param name="detail">What is wrong (for example <c>missing field 'answer'</c>).</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public DataFormatException(string filePath, int lineNumber, string detail, Exception? inner = null)
        : base(lineNumber > 0 ? $"{filePath}:{lineNumber}: {detail}" : $"{filePath}: {detail}", inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Detail = detail;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DataFormatException()
        : this(string.Empty, 0, "bad data")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public DataFormatException(string message)
        : this(string.Empty, 0, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public DataFormatException(string message, Exception inner)
        : this(string.Empty, 0, message, inner)
    {
    }

    /// <summary>The file holding the bad record.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number of the bad record; 0 when not tied to a line.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong with the record, without the file and line prefix.</summary>
    public string Detail { get; }
}
