using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary>Writes a <see cref="BenchEnginePeerReport"/> as tables (ratios, then tokens/s) or as one JSON object.</summary>
internal static class BenchEnginePeerReportWriter
{
    public static string ToJson(BenchEnginePeerReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("threads", report.Threads);
            w.WriteNumber("rounds", report.Rounds);
            w.WriteString("llama_executable", report.LlamaExecutable);
            w.WriteStartArray("cells");
            foreach (var c in report.Cells)
            {
                w.WriteStartObject();
                w.WriteString("model", c.Model);
                w.WriteString("type", c.Type);
                w.WriteString("work", c.Work);
                w.WriteNumber("batch", c.Batch);
                w.WriteNumber("tokens", c.Tokens);
                w.WriteNumber("ours_tokens_per_s", Math.Round(c.Ours, 1));
                w.WriteNumber("llama_tokens_per_s", Math.Round(c.Llama, 1));
                w.WriteNumber("ratio", Math.Round(c.Ratio, 3));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Column title of a cell: <c>prefill</c> or <c>decode B=n</c>.</summary>
    public static string Column(BenchEnginePeerReport.Cell cell) =>
        cell.Work == "prefill" ? "prefill" : string.Create(CultureInfo.InvariantCulture, $"decode B={cell.Batch}");

    public static void WriteTable(BenchEnginePeerReport report, IAnsiConsole console)
    {
        var columns = report.Cells.Select(Column).Distinct().ToList();
        var ratios = new Table().Title($"Ours ÷ llama.cpp, tokens/s ({report.Threads} threads, median of {report.Rounds} interleaved rounds)");
        ratios.AddColumns(["Model", "Type", .. columns]);
        var detail = new Table().Title("Tokens/s: ours / llama.cpp");
        detail.AddColumns(["Model", "Type", .. columns]);
        foreach (var group in report.Cells.GroupBy(c => (c.Model, c.Type)))
        {
            var byColumn = group.ToDictionary(Column);
            ratios.AddRow([group.Key.Model, group.Key.Type, .. columns.Select(c => byColumn.TryGetValue(c, out var x) ? Invariant($"{x.Ratio:F2}×") : "")]);
            detail.AddRow([group.Key.Model, group.Key.Type, .. columns.Select(c => byColumn.TryGetValue(c, out var x) ? Invariant($"{x.Ours:F0} / {x.Llama:F0}") : "")]);
        }
        console.Write(ratios);
        console.Write(detail);
        console.MarkupLine("[grey]Same GGUF files in both engines; our engine keeps Q8_0 weights as int8 and converts them in its kernels (logits bit-identical to dequantising at load). Timings on a shared machine are noisy.[/]");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
