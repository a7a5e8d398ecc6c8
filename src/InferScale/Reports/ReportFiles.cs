namespace InferScale.Reports;

/// <summary>The files <see cref="ReportWriter.WriteAsync"/> wrote (full paths) and the summary they were rendered from.</summary>
/// <param name="Summary">The analysed run.</param>
/// <param name="SummaryJson"><c>summary.json</c>.</param>
/// <param name="SummaryMarkdown"><c>summary.md</c>.</param>
/// <param name="ResultsCsv"><c>results.csv</c>.</param>
/// <param name="ProblemsCsv"><c>problems.csv</c>.</param>
/// <param name="Html"><c>report.html</c>.</param>
public sealed record ReportFiles(RunSummary Summary, string SummaryJson, string SummaryMarkdown, string ResultsCsv, string ProblemsCsv, string Html);
