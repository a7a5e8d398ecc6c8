using System.Diagnostics;
using System.Globalization;

namespace InferScale.Cli.Commands;

/// <summary>
/// Runs llama.cpp's <c>llama-batched-bench</c> for one cell and parses its markdown result table. The table's columns
/// are found by header name (<c>PP</c>, <c>TG</c>, <c>B</c>, <c>S_PP t/s</c>, <c>S_TG t/s</c> …), so reordered or
/// added columns and interleaved log lines do not break parsing.
/// </summary>
internal sealed class LlamaBatchedBench(string executable)
{
    /// <summary>The node-llama-cpp version whose llama.cpp <c>scripts/llama-cpp.sh</c> builds.</summary>
    public const string Version = "3.22.1";

    /// <summary>One result row.</summary>
    public sealed record Row(int Prompt, int Generated, int Parallel, double PrefillSeconds, double PrefillTokensPerSecond, double DecodeSeconds, double DecodeTokensPerSecond);

    public string Executable { get; } = executable;

    /// <summary>
    /// The executable in <paramref name="binDirectory"/>, else <c>$INFERSCALE_LLAMA_CPP_BIN</c>, else the cache
    /// <c>~/.cache/inferscale/llama.cpp/3.22.1/build/bin</c>; a clear <see cref="CliException"/> when it is missing.
    /// </summary>
    public static LlamaBatchedBench Locate(string? binDirectory)
    {
        var dir = binDirectory is { Length: > 0 }
            ? binDirectory
            : Environment.GetEnvironmentVariable("INFERSCALE_LLAMA_CPP_BIN") is { Length: > 0 } env
                ? env
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "inferscale", "llama.cpp", Version, "build", "bin");
        var exe = Path.Combine(dir, "llama-batched-bench");
        return File.Exists(exe)
            ? new LlamaBatchedBench(exe)
            : throw new CliException($"llama-batched-bench not found at {exe}. Build llama.cpp with scripts/llama-cpp.sh (cached in ~/.cache/inferscale/llama.cpp), or pass --llama-bin DIR / set INFERSCALE_LLAMA_CPP_BIN.");
    }

    /// <summary>
    /// The arguments of one run: <paramref name="parallel"/> sequences, each a <paramref name="prompt"/>-token prompt then
    /// <paramref name="generated"/> decode steps. A cheap second cell (one decode step) follows: llama.cpp 0.5.0 logs
    /// through an asynchronous thread that can lose the last lines at exit, and the measured row must not be the last.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string model, int prompt, int generated, int parallel, int threads)
    {
        // llama.cpp skips a cell silently when its context does not fit, so size the context for it.
        var context = parallel * (prompt + Math.Max(2, generated));
        context = Math.Max(256, (context + 255) / 256 * 256);
        return
        [
            "-m", model, "-c", Inv(context), "-b", "2048", "-ub", "512",
            "-npp", Inv(prompt), "-ntg", Inv(generated) + "," + (generated == 1 ? "2" : "1"), "-npl", Inv(parallel),
            "-t", Inv(threads), "-tb", Inv(threads),
        ];
    }

    /// <summary>Runs one cell and returns its row (up to three attempts when the row is missing); a failed run or a missing row is a <see cref="CliException"/> carrying the output's tail.</summary>
    public Row Run(string model, int prompt, int generated, int parallel, int threads, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var output = RunOnce(model, prompt, generated, parallel, threads, cancellationToken);
            var row = Parse(output).FirstOrDefault(r => r.Prompt == prompt && r.Generated == generated && r.Parallel == parallel);
            if (row is not null)
                return row;
            if (attempt == 3)
                throw new CliException($"llama-batched-bench printed no row for PP={prompt}, TG={generated}, B={parallel} on {model} in {attempt} runs:\n{Tail(output)}");
        }
    }

    private string RunOnce(string model, int prompt, int generated, int parallel, int threads, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in Arguments(model, prompt, generated, parallel, threads))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new CliException($"Could not start {Executable}.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEnd();
        try
        {
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = stdout + "\n" + stderr.GetAwaiter().GetResult();
        return process.ExitCode == 0
            ? output
            : throw new CliException($"llama-batched-bench exited with code {process.ExitCode} on {model}:\n{Tail(output)}");
    }

    /// <summary>Parses every row of the result table(s) in <paramref name="output"/>; non-table lines are ignored.</summary>
    /// <exception cref="FormatException">A table row whose cell cannot be read (names the line and column).</exception>
    public static IReadOnlyList<Row> Parse(string output)
    {
        var rows = new List<Row>();
        Dictionary<string, int>? columns = null;
        var lines = output.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (!line.StartsWith('|'))
            {
                columns = null;
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Contains("S_TG t/s") && cells.Contains("PP"))
            {
                columns = cells.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
                foreach (var required in new[] { "PP", "TG", "B", "T_PP s", "S_PP t/s", "T_TG s", "S_TG t/s" })
                {
                    if (!columns.ContainsKey(required))
                        throw new FormatException($"llama-batched-bench output line {n + 1}: the table has no '{required}' column.");
                }
                continue;
            }
            if (columns is null || cells.All(c => c.Length == 0 || c.All(ch => ch is '-' or ':')))
                continue;
            double Cell(string name)
            {
                var i = columns[name];
                return i < cells.Length && double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new FormatException($"llama-batched-bench output line {n + 1}: column '{name}' is '{(i < cells.Length ? cells[i] : "")}', not a number.");
            }
            rows.Add(new Row((int)Cell("PP"), (int)Cell("TG"), (int)Cell("B"), Cell("T_PP s"), Cell("S_PP t/s"), Cell("T_TG s"), Cell("S_TG t/s")));
        }
        return rows;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);
}
