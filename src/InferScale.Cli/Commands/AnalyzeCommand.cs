using System.CommandLine;
using System.Globalization;
using InferScale.Analysis;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Verification;
using InferScale.Verification.Code;
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
        var dataset = new Option<string?>("--dataset") { Description = "The pool's dataset (built-in name or JSONL path). A code dataset (humaneval) runs every sample in the sandbox and writes verdicts.jsonl; for other datasets, gold answers and levels fill in what the pool lacks." };
        var timeout = new Option<double>("--timeout") { Description = "With a code dataset: wall-time limit per program, in seconds.", DefaultValueFactory = _ => 10 };

        var command = new Command("analyze", "Analyse a recorded sample pool: pass@k, maj@k, bon@k and weighted maj@k curves with bootstrap intervals, per-level breakdowns and scaling-law fits.")
        {
            pool, format, output, seed, bootstrap, subsamples, threads, dataset, timeout,
        };
        command.SetAction(async (parse, cancellationToken) =>
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

            var directory = parse.GetValue(output) ?? Path.Combine(Directory.GetCurrentDirectory(), "analysis-" + (loaded.Name ?? "pool"));
            if (parse.GetValue(dataset) is { } datasetName)
                loaded = await WithDatasetAsync(context, loaded, datasetName, parse.GetValue(timeout), directory, cancellationToken).ConfigureAwait(false);

            PoolAnalysisResult result;
            try
            {
                result = PoolAnalyzer.Analyze(loaded, MathAnswerChecker.Default, options, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                throw new CliException($"{path}: {ex.Message.Split(" (Parameter", 2)[0]}", ex);
            }

            var written = AnalysisExport.WriteAll(result, directory);
            context.Console.Write(Table(result));
            if (result.TruncatedShare > 0)
                context.Console.WriteLine(AnalysisExport.TruncationSummary(result, byLevel: true));
            context.Console.WriteLine($"wrote {string.Join(", ", written)}");
            return 0;
        });
        return command;
    }

    /// <summary>Labels a code pool in the sandbox (writing verdicts.jsonl), or fills gold answers and levels from a dataset.</summary>
    private static async Task<SamplePool> WithDatasetAsync(CliContext context, SamplePool pool, string datasetName, double timeoutSeconds, string directory, CancellationToken cancellationToken)
    {
        Dictionary<string, Problem> problems;
        try
        {
            problems = DatasetCatalog.Default.Load(datasetName).ToDictionary(p => p.Id, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DataFormatException)
        {
            throw new CliException(ex.Message, ex);
        }
        var isCode = problems.Values.FirstOrDefault()?.Metadata.ContainsKey(HumanEvalVerifier.TestKey) == true;
        if (!isCode)
        {
            return pool with
            {
                Problems = pool.Problems.Select(p => problems.TryGetValue(p.Id, out var d)
                    ? p with { Gold = p.Gold ?? d.Gold, Level = p.Level ?? d.Level }
                    : p).ToList(),
            };
        }
        if (PythonSandbox.FindProblem() is { } missing)
            throw new CliException(missing, exitCode: 1);
        if (!(timeoutSeconds > 0))
            throw new CliException("--timeout must be > 0.");
        using var sandbox = new PythonSandbox(new SandboxOptions { WallTime = TimeSpan.FromSeconds(timeoutSeconds), CpuSeconds = (int)Math.Ceiling(timeoutSeconds) });
        (SamplePool Pool, IReadOnlyList<CodeVerdictRecord> Verdicts) verified;
        try
        {
            verified = await context.Console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("sandbox", maxValue: pool.SampleCount);
                return await CodePoolVerifier.VerifyAsync(pool, problems, new HumanEvalVerifier(sandbox), (done, _) => task.Value = done, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message, ex);
        }
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "verdicts.jsonl");
        await using (var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var v in verified.Verdicts)
            {
                await writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["problem_id"] = v.ProblemId,
                    ["sample"] = v.Sample,
                    ["verdict"] = v.Verdict,
                    ["detail"] = v.Detail,
                })).ConfigureAwait(false);
            }
        }
        var passed = verified.Verdicts.Count(v => v.Verdict == "passed");
        context.Console.WriteLine($"sandbox: {passed} of {verified.Verdicts.Count} samples passed their tests; verdicts in {path}");
        return verified.Pool;
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
