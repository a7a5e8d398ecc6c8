using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary>Writes a <see cref="BenchEngineReport"/> as a Spectre table or as one JSON object.</summary>
internal static class BenchEngineReportWriter
{
    public static string ToJson(BenchEngineReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("peak_gflops", Math.Round(report.PeakGflops, 2));
            w.WriteNumber("threads", report.Threads);
            w.WriteStartArray("decode");
            foreach (var d in report.Decode)
            {
                w.WriteStartObject();
                w.WriteString("model", d.Model);
                w.WriteNumber("batch", d.Batch);
                w.WriteNumber("tokens_per_s", Math.Round(d.TokensPerSecond, 1));
                w.WriteNumber("gflops", Math.Round(d.Gflops, 2));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("prefill");
            foreach (var p in report.Prefill)
            {
                w.WriteStartObject();
                w.WriteString("model", p.Model);
                w.WriteNumber("tokens_per_s", Math.Round(p.TokensPerSecond, 1));
                w.WriteNumber("gflops", Math.Round(p.Gflops, 2));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("shared_prefix_speedup", Math.Round(report.SharedPrefixSpeedup, 2));
            w.WriteString("shared_prefix_model", report.SharedPrefixModel);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void WriteTable(BenchEngineReport report, IAnsiConsole console)
    {
        var table = new Table().Title($"Engine (float32, {report.Threads} threads) — FMA peak {report.PeakGflops:F1} GFLOP/s");
        table.AddColumns("Model", "Work", "Tokens/s", "GFLOP/s", "% of peak");
        foreach (var d in report.Decode)
            table.AddRow(d.Model, $"decode, batch {d.Batch}", $"{d.TokensPerSecond:F0}", $"{d.Gflops:F1}", $"{100 * d.Gflops / report.PeakGflops:F0}%");
        foreach (var p in report.Prefill)
            table.AddRow(p.Model, $"prefill {p.Tokens} tokens", $"{p.TokensPerSecond:F0}", $"{p.Gflops:F1}", $"{100 * p.Gflops / report.PeakGflops:F0}%");
        console.Write(table);
        console.MarkupLineInterpolated($"Shared prefix ({report.SharedPrefixModel}, {report.SharedPrefixShape}): {report.SharedSeconds:F2} s vs {report.IndependentSeconds:F2} s independent — [bold]{report.SharedPrefixSpeedup:F1}×[/]");
        console.MarkupLine("[grey]Random weights; timings on a shared machine are noisy.[/]");
    }
}
