using System.Text;

namespace InferScale.Reports;

/// <summary>Renders a <see cref="RunSummary"/> as Markdown (<c>summary.md</c>): the main table, per-level winners, compute-optimal and exchange-rate tables.</summary>
public static class SummaryMarkdown
{
    /// <summary>The Markdown text (LF line endings).</summary>
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = new StringBuilder();
        sb.Append("# ").Append(Cell(summary.Experiment)).Append('\n').Append('\n');
        sb.Append(Cell(ReportTables.Header(summary))).Append('\n').Append('\n');

        sb.Append("## Accuracy and compute\n\n");
        Table(sb, ReportTables.Main(summary));

        sb.Append("\n## Per-level winners\n\n");
        Table(sb, ReportTables.Winners(summary));

        sb.Append("\n## Scaling laws\n\n");
        Table(sb, ReportTables.Laws(summary));

        sb.Append("\n## Compute-optimal frontier (mean tokens)\n\n");
        Table(sb, ReportTables.Frontier(summary.Frontier.Tokens, "tokens"));

        sb.Append("\n## Compute-optimal strategy\n\n");
        Table(sb, ReportTables.ComputeOptimal(summary));
        if (summary.ComputeOptimal.Choices is { Count: > 0 })
        {
            sb.Append('\n');
            Table(sb, ReportTables.Choices(summary));
        }

        if (summary.BudgetForcing.Count > 0)
        {
            sb.Append("\n## Budget forcing (s1)\n\n").Append(Cell(BudgetForcingNote)).Append("\n\n");
            Table(sb, ReportTables.BudgetForcingMetrics(summary));
            sb.Append('\n');
            Table(sb, ReportTables.BudgetForcingRows(summary));
        }

        sb.Append("\n## Exchange rate (FLOPs-matched)\n\n");
        if (summary.ExchangeRate.Note is { } note) sb.Append(Cell(note)).Append("\n\n");
        if (summary.ExchangeRate.Rows.Count > 0) Table(sb, ReportTables.Exchange(summary));

        sb.Append("\n## Reproducibility of each backend (probed at the start of the run)\n\n");
        Table(sb, ReportTables.Reproducibility(summary));
        return sb.ToString();
    }

    /// <summary>How the budget-forcing section reads (shared with the HTML report).</summary>
    internal const string BudgetForcingNote =
        "Control: mean over the thinking budgets of the share of traces whose thinking ended within [minimum, maximum]. " +
        "Scaling: mean slope of accuracy against mean thinking tokens over every pair of budgets (pairs with equal thinking left out). " +
        "Performance: the best accuracy. cap = thinking closed at the maximum; extend = an end of thinking before the minimum suppressed with \"Wait\"; " +
        "wait = minimum ≥ maximum: every end of thinking suppressed, up to the waits allowed (s1's \"Wait ×n\"). Thinking tokens exclude the appended Waits.";

    private static void Table(StringBuilder sb, ReportTable table)
    {
        if (table.Rows.Count == 0)
        {
            sb.Append('_').Append(Cell(table.Empty)).Append("_\n");
            return;
        }
        sb.Append("| ").Append(string.Join(" | ", table.Columns.Select(Cell))).Append(" |\n");
        sb.Append('|').Append(string.Concat(table.Columns.Select((_, i) => table.NumericColumns.Contains(i) ? "---:|" : "---|"))).Append('\n');
        foreach (var row in table.Rows)
            sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
    }

    /// <summary>Markdown-safe cell text: pipes, backslashes, markup characters and line breaks escaped.</summary>
    internal static string Cell(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r': break;
                case '\n': sb.Append("<br>"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '|' or '\\' or '*' or '_' or '`' or '[' or ']' or '#': sb.Append('\\').Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
