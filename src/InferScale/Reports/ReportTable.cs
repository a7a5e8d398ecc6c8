namespace InferScale.Reports;

/// <summary>A table of text cells rendered the same way into Markdown and HTML.</summary>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Rows of cells (one per column).</param>
/// <param name="NumericColumns">Indices of right-aligned columns.</param>
/// <param name="Empty">What to say when there are no rows.</param>
internal sealed record ReportTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlySet<int> NumericColumns, string Empty);
