using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InferScale.Reports;

/// <summary>
/// Renders <c>report.html</c>: one self-contained page (vega, vega-lite and vega-embed inlined from the assembly, data
/// inlined in the specifications) that opens offline. Text is HTML-escaped; JSON inside the page escapes <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c>, so no name can close a script element. Script errors are listed in <c>#errors</c>.
/// </summary>
public static partial class HtmlReport
{
    private static readonly JsonSerializerOptions SpecJson = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    /// <summary>The HTML text.</summary>
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var charts = ReportCharts.Build(summary);
        var byId = charts.ToDictionary(c => c.Id);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E(summary.Experiment)).Append(" — InferScale report</title>\n");
        sb.Append("<style>\n").Append(Style).Append("</style>\n");
        // Installed before the libraries so that an error while they load is reported too.
        sb.Append("<script>\n").Append(ErrorScript).Append("</script>\n");
        foreach (var name in ReportScripts.Names)
            sb.Append("<script>\n").Append(SafeScript(ReportScripts.Read(name))).Append("\n</script>\n");
        sb.Append("</head>\n<body>\n");
        sb.Append("<ul id=\"errors\" hidden></ul>\n");
        sb.Append("<h1>").Append(E(summary.Experiment)).Append("</h1>\n");
        sb.Append("<p class=\"lead\">").Append(E(ReportTables.Header(summary))).Append("</p>\n");

        Section(sb, "Accuracy and compute", byId, ["plot-accuracy-tokens", "plot-accuracy-flops"], "no finished case has measured compute");
        Table(sb, ReportTables.Main(summary));

        Section(sb, "Scaling laws", byId, ["plot-scaling-laws"], "no pass-at-k or majority rows over sample budgets: add them to see coverage and voting curves");
        Table(sb, ReportTables.Laws(summary));

        Section(sb, "Per-difficulty-level winners", byId, ["plot-level-winners"], "the problems have no difficulty levels");
        Table(sb, ReportTables.Winners(summary));

        Section(sb, "Compute-optimal frontier", byId, ["plot-frontier-tokens", "plot-frontier-flops"], "no rows to compare");
        Table(sb, ReportTables.Frontier(summary.Frontier.Tokens, "tokens"));

        Section(sb, "Compute-optimal strategy", byId, ["plot-compute-optimal"], null);
        Table(sb, ReportTables.ComputeOptimal(summary));
        if (summary.ComputeOptimal.Choices is { Count: > 0 }) Table(sb, ReportTables.Choices(summary));

        if (summary.BudgetForcing.Count > 0)
        {
            Section(sb, "Budget forcing (s1)", byId, [], null);
            sb.Append("<p class=\"note\">").Append(E(SummaryMarkdown.BudgetForcingNote)).Append("</p>\n");
            Table(sb, ReportTables.BudgetForcingMetrics(summary));
            Table(sb, ReportTables.BudgetForcingRows(summary));
        }

        Section(sb, "Exchange rate: small model + test-time compute vs large model greedy", byId, ["plot-exchange-rate"], null);
        if (summary.ExchangeRate.Note is { } note) sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>\n");
        if (summary.ExchangeRate.Rows.Count > 0) Table(sb, ReportTables.Exchange(summary));

        Section(sb, "Reproducibility of each backend (probed at the start of the run)", byId, [], null);
        Table(sb, ReportTables.Reproducibility(summary));

        var specs = new JsonArray([.. charts.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["spec"] = c.Spec.DeepClone() })]);
        sb.Append("<script type=\"application/json\" id=\"report-specs\">").Append(specs.ToJsonString(SpecJson)).Append("</script>\n");
        sb.Append("<script>\n").Append(EmbedScript).Append("</script>\n");
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The ids of the plot containers <see cref="Render"/> writes for <paramref name="summary"/> (each must draw).</summary>
    public static IReadOnlyList<string> PlotIds(RunSummary summary) => [.. ReportCharts.Build(summary).Select(c => c.Id)];

    private static void Section(StringBuilder sb, string title, Dictionary<string, ReportChart> charts, string[] ids, string? missing)
    {
        sb.Append("<h2>").Append(E(title)).Append("</h2>\n");
        var any = false;
        foreach (var id in ids)
        {
            if (!charts.TryGetValue(id, out var chart)) continue;
            any = true;
            sb.Append("<figure>\n<h3>").Append(E(chart.Title)).Append("</h3>\n");
            sb.Append("<div class=\"plot\" id=\"").Append(E(chart.Id)).Append("\"></div>\n");
            sb.Append("<figcaption>").Append(E(chart.Caption)).Append("</figcaption>\n</figure>\n");
        }
        if (!any && missing is not null) sb.Append("<p class=\"note\">No plot: ").Append(E(missing)).Append(".</p>\n");
    }

    private static void Table(StringBuilder sb, ReportTable table)
    {
        if (table.Rows.Count == 0)
        {
            sb.Append("<p class=\"note\">").Append(E(table.Empty)).Append("</p>\n");
            return;
        }
        sb.Append("<table>\n<thead><tr>");
        for (var i = 0; i < table.Columns.Count; i++)
            sb.Append(table.NumericColumns.Contains(i) ? "<th class=\"num\">" : "<th>").Append(E(table.Columns[i])).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                sb.Append(table.NumericColumns.Contains(i) ? "<td class=\"num\">" : "<td>").Append(E(row[i])).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Inline script text that cannot end its element early: the <c>&lt;</c> of <c>&lt;/script</c>, <c>&lt;script</c> and
    /// <c>&lt;!--</c> becomes <c>\x3C</c> (the same character inside JavaScript strings and regular expressions).
    /// </summary>
    internal static string SafeScript(string js) => ScriptBreak().Replace(js, "\\x3C");

    [GeneratedRegex("<(?=/?script|!--)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptBreak();

    private const string ErrorScript = """
        (function () {
          function report(message) {
            var list = document.getElementById('errors');
            if (!list) { (window.__pendingErrors = window.__pendingErrors || []).push(String(message)); return; }
            var item = document.createElement('li');
            item.textContent = String(message);
            list.appendChild(item);
            list.hidden = false;
          }
          window.__reportError = report;
          window.addEventListener('error', function (e) { report('script error: ' + (e.message || e.error)); });
          window.addEventListener('unhandledrejection', function (e) { report('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)); });
        })();

        """;

    private const string EmbedScript = """
        (function () {
          (window.__pendingErrors || []).forEach(window.__reportError);
          var plots = JSON.parse(document.getElementById('report-specs').textContent);
          if (typeof vegaEmbed !== 'function') { window.__reportError('vega-embed did not load'); return; }
          Promise.all(plots.map(function (p) {
            return vegaEmbed('#' + p.id, p.spec, { mode: 'vega-lite', renderer: 'svg', actions: false })
              .catch(function (e) { window.__reportError(p.id + ': ' + (e && e.message || e)); });
          })).then(function () { document.body.setAttribute('data-rendered', String(plots.length)); });
        })();

        """;

    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2em auto; max-width: 1300px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.7em; margin-bottom: 0.2em; }
        h2 { margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
        h3 { font-size: 1.05em; margin: 0.8em 0 0.3em; }
        .lead { color: #555; }
        figure { margin: 0 0 1.2em; }
        figcaption, .note { color: #666; font-size: 0.92em; max-width: 900px; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
        th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 10px; text-align: left; vertical-align: top; }
        th { background: #f6f6f6; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        #errors { background: #fee; border: 1px solid #c00; color: #900; padding: 0.5em 2em; }

        """;
}
