using System.Text.Json.Nodes;

namespace InferScale.Reports;

/// <summary>One plot of the HTML report: its container id, heading, explanation and Vega-Lite specification.</summary>
/// <param name="Id">The container's element id (<c>plot-…</c>).</param>
/// <param name="Title">The heading above the plot.</param>
/// <param name="Caption">What the plot shows and how to read it.</param>
/// <param name="Spec">The Vega-Lite specification (data inlined).</param>
internal sealed record ReportChart(string Id, string Title, string Caption, JsonObject Spec);
