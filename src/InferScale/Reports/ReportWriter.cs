using System.Text;
using System.Text.Json;

namespace InferScale.Reports;

/// <summary>
/// Writes a run's report into a folder: <c>summary.json</c>, <c>summary.md</c>, <c>results.csv</c>, <c>problems.csv</c>
/// and <c>report.html</c>. Each file is written to a temporary name and moved into place, so a reader never sees half a
/// file. The same input gives byte-identical files.
/// </summary>
public static class ReportWriter
{
    /// <summary>The file names, as written.</summary>
    public const string SummaryJsonName = "summary.json";

    /// <summary>The Markdown summary's file name.</summary>
    public const string SummaryMarkdownName = "summary.md";

    /// <summary>The per-row CSV's file name.</summary>
    public const string ResultsCsvName = "results.csv";

    /// <summary>The per-problem CSV's file name.</summary>
    public const string ProblemsCsvName = "problems.csv";

    /// <summary>The HTML report's file name.</summary>
    public const string HtmlName = "report.html";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Analyses <paramref name="input"/> and writes the report files into <paramref name="dir"/> (created when missing).</summary>
    public static async Task<ReportFiles> WriteAsync(string dir, ReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dir);
        ArgumentNullException.ThrowIfNull(input);
        var summary = ReportAnalyzer.Analyze(input);
        Directory.CreateDirectory(dir);
        var files = new ReportFiles(
            summary,
            Path.GetFullPath(Path.Combine(dir, SummaryJsonName)),
            Path.GetFullPath(Path.Combine(dir, SummaryMarkdownName)),
            Path.GetFullPath(Path.Combine(dir, ResultsCsvName)),
            Path.GetFullPath(Path.Combine(dir, ProblemsCsvName)),
            Path.GetFullPath(Path.Combine(dir, HtmlName)));
        await WriteAtomicAsync(files.SummaryJson, SummaryJson(summary), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(files.SummaryMarkdown, SummaryMarkdown.Render(summary), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(files.ResultsCsv, CsvExport.Results(summary), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(files.ProblemsCsv, CsvExport.Problems(input.Outcomes), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(files.Html, HtmlReport.Render(summary), cancellationToken).ConfigureAwait(false);
        return files;
    }

    /// <summary>The text of <c>summary.json</c> (indented, LF line endings, a final newline).</summary>
    public static string SummaryJson(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return JsonSerializer.Serialize(summary, ReportJsonContext.Default.RunSummary).ReplaceLineEndings("\n") + "\n";
    }

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text, Utf8, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
