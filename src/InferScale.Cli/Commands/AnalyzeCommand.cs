using System.CommandLine;
using System.Globalization;
using InferScale.Analysis;
using InferScale.Tasks;
using InferScale.Verification;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale analyze POOL</c>: whole-sample curves (pass@k, maj@k, bon@k, weighted maj@k) with bootstrap intervals and scaling-law fits.</summary>
internal static class AnalyzeCommand
{
    private static readonly Dictionary<string, PoolFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inferscale"] = PoolFormat.InferScale,
        ["qwen"] = PoolFormat.Qwen,
        ["gsm8k-examples"] = PoolFormat.Gsm8kExamples,
        ["game24"] = PoolFormat.Game24,
    };

    public static Command Create(CliContext context)
    {
        var pool = new Argument<string>("POOL") { Description = "Sample pool file: InferScale JSONL, Qwen2.5-Math eval JSONL, GSM8K example solutions JSONL, or a Game-of-24 JSON log." };
        var format = new Option<string?>("--format") { Description = "Pool layout: inferscale, qwen, gsm8k-examples or game24 (detected from the file when omitted)." };
        var output = new Option<string?>("--out") { Description = "Folder for summary.json, summary.md and curves.csv (default: ./analysis-<pool name>)." };
        var seed = new Option<long>("--seed") { Description = "Seed for subsampling and the bootstrap; the same seed gives byte-identical outputs.", DefaultValueFactory = _ => 0 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples over problems for the confidence intervals (0 turns them off).", DefaultValueFactory = _ => 1000 };
        var subsamples = new Option<int>("--subsamples") { Description = "Draws of k of n samples per problem for majority and weighted voting at 1 < k < n.", DefaultValueFactory = _ => 200 };
        var threads = new Option<int?>("--threads") { Description = "Threads to use (default: all cores); results do not depend on it." };

        var command = new Command("analyze", "Analyse a recorded sample pool: pass@k, maj@k, bon@k and weighted maj@k curves with bootstrap intervals, per-level breakdowns and scaling-law fits.")
        {
            pool, format, output, seed, bootstrap, subsamples, threads,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(pool)!;
            PoolFormat? poolFormat = null;
            if (parse.GetValue(format) is { } name)
            {
                poolFormat = Formats.TryGetValue(name, out var f)
                    ? f
                    : throw new CliException($"--format must be one of {string.Join(", ", Formats.Keys)}; got '{name}'");
            }

            var options = new PoolAnalysisOptions
            {
                Seed = parse.GetValue(seed),
                BootstrapResamples = parse.GetValue(bootstrap),
                Subsamples = parse.GetValue(subsamples),
                MaxDegreeOfParallelism = parse.GetValue(threads),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliException(OptionMessage(ex.ParamName) + ": " + ex.Message.Split(" (Parameter", 2)[0]);
            }

            SamplePool loaded;
            try
            {
                loaded = PoolLoader.Load(path, poolFormat, MathAnswerChecker.Default);
            }
            catch (FileNotFoundException ex)
            {
                throw new CliException($"pool file not found: {ex.FileName ?? path}", ex);
            }
            catch (DataFormatException ex)
            {
                throw new CliException(ex.Message, ex);
            }

            PoolAnalysisResult result;
            try
            {
                result = PoolAnalyzer.Analyze(loaded, MathAnswerChecker.Default, options, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                throw new CliException($"{path}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
            }

            var directory = parse.GetValue(output) ?? Path.Combine(Directory.GetCurrentDirectory(), "analysis-" + (loaded.Name ?? "pool"));
            var written = AnalysisExport.WriteAll(result, directory);
            context.Console.Write(Table(result));
            context.Console.WriteLine($"wrote {string.Join(", ", written)}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string OptionMessage(string? parameter) => parameter switch
    {
        nameof(PoolAnalysisOptions.BootstrapResamples) => "--bootstrap",
        nameof(PoolAnalysisOptions.Subsamples) => "--subsamples",
        nameof(PoolAnalysisOptions.MaxDegreeOfParallelism) => "--threads",
        nameof(PoolAnalysisOptions.Seed) => "--seed",
        _ => parameter ?? "option",
    };

    private static Table Table(PoolAnalysisResult result)
    {
        var table = new Table { Caption = new TableTitle($"{result.Problems} problems × {result.SamplesPerProblem} samples") };
        table.AddColumn(new TableColumn("k").RightAligned());
        foreach (var curve in result.Curves) table.AddColumn(new TableColumn(curve.Metric.Key()).RightAligned());
        for (var j = 0; j < result.Ks.Count; j++)
        {
            var k = result.Ks[j];
            if (k > 16 && (k & (k - 1)) != 0 && k != result.SamplesPerProblem) continue;
            var cells = new List<string> { k.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(result.Curves.Select(c => Cell(c.Points[j])));
            table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)));
        }

        return table;
    }

    // Values only: the intervals are in summary.md / summary.json, and four of them do not fit a terminal row.
    private static string Cell(CurvePoint point) => point.Value.ToString("0.000", CultureInfo.InvariantCulture);
}
