using System.CommandLine;
using System.Globalization;
using InferScale.Cli.Running;
using InferScale.Experiments;
using InferScale.Experiments.Results;
using InferScale.Experiments.Running;
using InferScale.Experiments.Store;
using InferScale.Strategies;
using InferScale.Tasks;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary>
/// <c>inferscale run</c>: the main job. Expands an experiment (a config file or a built-in preset) into cases, runs
/// them on the embedded models or HTTP endpoints with every problem's result stored as it is produced (SQLite in the
/// run directory, or a shared PostgreSQL store for several workers), resumes a killed or interrupted run, and writes
/// the report.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config") { Description = "Experiment config (JSON; schema in README). Without it, --preset is used." };
        var preset = new Option<string?>("--preset") { Description = "Built-in experiment: default (under 10 minutes on 2 cores) or smoke (under a minute). Default: default." };
        var outDir = new Option<string?>("--out") { Description = "Run directory (store, outputs, report). Re-running with the same directory resumes. Default: runs/PRESET or runs/CONFIG-NAME." };
        var seed = new Option<ulong?>("--seed") { Description = "Run every case with this seed instead of the config's seeds." };
        var store = new Option<string?>("--store") { Description = "Result store: a SQLite file (default DIR/results.db) or PostgreSQL (postgres://user@host:port/db or Host=…) shared by several workers." };
        var runId = new Option<string?>("--run-id") { Description = "Run id inside the store (workers of one run share it). Default: the run directory's name." };
        var workers = new Option<int>("--workers") { Description = "Workers in this process.", DefaultValueFactory = _ => 1 };
        var lease = new Option<double>("--lease") { Description = "Seconds a worker's claim on a case lasts without renewal (another worker takes over a dead worker's case after it).", DefaultValueFactory = _ => 120 };
        var threads = new Option<int?>("--threads") { Description = "Embedded engine threads (default: all cores)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bars; only the final summary." };
        var json = new Option<bool>("--json") { Description = "Progress as JSON lines on stdout (run_started, case_started, case_finished, case_failed)." };
        var command = new Command("run", "Run an experiment (the built-in default with no options): strategies × budgets × seeds on the embedded models; resumable; writes summary.json and report.html.")
        {
            config, preset, outDir, seed, store, runId, workers, lease, threads, quiet, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new RunSettings(
                parse.GetValue(config), parse.GetValue(preset), parse.GetValue(outDir), parse.GetValue(seed), parse.GetValue(store),
                parse.GetValue(runId), parse.GetValue(workers), parse.GetValue(lease), parse.GetValue(threads), parse.GetValue(quiet), parse.GetValue(json));
            return await RunAsync(context, settings, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ConfigPath is not null && settings.Preset is not null)
            throw new CliException("give either --config or --preset, not both.");
        if (settings.Workers < 1)
            throw new CliException("--workers must be at least 1.");
        if (!(settings.LeaseSeconds >= 1) || double.IsInfinity(settings.LeaseSeconds))
            throw new CliException("--lease must be at least 1 second.");
        var (experiment, baseDir, label) = LoadConfig(settings);
        if (settings.Seed is { } s)
            experiment = experiment with { Seeds = [s] };
        ExperimentPlan plan;
        try
        {
            plan = ExperimentPlan.Expand(experiment, StrategyCatalog.Default.Contains);
        }
        catch (ExperimentConfigException ex)
        {
            throw new CliException($"invalid experiment config ({label}): {ex.Message}", ex);
        }
        var dir = Path.GetFullPath(settings.Out ?? Path.Combine("runs", label));
        Directory.CreateDirectory(dir);
        using var runLock = RunDirectoryLock.Acquire(dir);
        var storeLocation = settings.Store ?? Path.Combine(dir, "results.db");
        var shared = ResultStores.IsPostgres(storeLocation);
        var options = new ExperimentRunnerOptions
        {
            RunId = settings.RunId ?? Path.GetFileName(dir),
            Workers = settings.Workers,
            WorkerId = shared ? $"{Environment.MachineName}-{Environment.ProcessId}" : "local",
            ReclaimOwnCases = !shared,
            Lease = TimeSpan.FromSeconds(settings.LeaseSeconds),
        };
        var memo = new SampleMemo();
        RunResources resources;
        try
        {
            resources = await RunResources.OpenAsync(experiment, path => ResolvePath(path, baseDir), memo, settings.Threads, cancellationToken).ConfigureAwait(false);
        }
        catch (RunSetupException ex)
        {
            throw new CliException(ex.Message, ex);
        }
        await using (resources.ConfigureAwait(false))
        {
            await using var resultStore = ResultStores.Open(storeLocation);
            ExperimentRunner Runner(IRunObserver? observer) => new(plan, resources, resultStore, options, observer);
            try
            {
                Runner(null).ValidateCases();
            }
            catch (ExperimentConfigException ex)
            {
                throw new CliException($"invalid experiment config ({label}): {ex.Message}", ex);
            }
            await File.WriteAllTextAsync(Path.Combine(dir, "config.json"), ExperimentPlan.ToJson(experiment), cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape($"run {options.RunId}: {plan.Cases.Count} cases ({label}) → {dir}"));
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            long Executed() => resources.Models.Values.Sum(m => m.Generator.Executed.CompletionTokens);
            RunProgress progress;
            if (settings.Json)
            {
                progress = await Runner(new JsonLinesRunObserver(context.Out)).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (settings.Quiet)
            {
                progress = await Runner(null).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                progress = await context.Console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async p => await Runner(new ProgressRunObserver(p, Executed)).RunAsync(cancellationToken).ConfigureAwait(false))
                    .ConfigureAwait(false);
            }
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            var ids = plan.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var outcomes = (await ExperimentRunner.ReadOutcomesAsync(resultStore, options.RunId, cancellationToken).ConfigureAwait(false))
                .Where(o => ids.Contains(o.CaseId)).ToList();
            var summary = await RunOutputs.WriteAsync(dir, experiment.Name, outcomes, resources.ModelInfos, elapsed, cancellationToken).ConfigureAwait(false);
            RunOutputs.PrintSummary(context, summary);
            context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{progress.Done} cases done, {progress.Failed} failed, {progress.Pending + progress.Running} left; {Executed()} tokens generated in {elapsed.TotalSeconds:F1} s (samples reused across cases: {memo.Hits}); outputs in {dir}")));
            if (progress.Failed > 0)
                context.Console.MarkupLine(Markup.Escape($"{progress.Failed} case(s) failed after {options.MaxAttempts} attempts: their errors are in the store ({storeLocation}); the summary leaves them out."));
            return progress.Failed > 0 ? 1 : 0;
        }
    }

    private static (ExperimentConfig Config, string BaseDir, string Label) LoadConfig(RunSettings settings)
    {
        if (settings.ConfigPath is { } path)
        {
            try
            {
                var config = ExperimentPlan.Load(path);
                return (config, Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path));
            }
            catch (FileNotFoundException ex)
            {
                throw new CliException(ex.Message, ex);
            }
            catch (ExperimentConfigException ex)
            {
                throw new CliException($"invalid experiment config: {ex.Message}", ex);
            }
        }
        var name = settings.Preset ?? "default";
        try
        {
            return (ExperimentPresets.Load(name), Directory.GetCurrentDirectory(), name);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    /// <summary>A relative path against the config's folder, the working directory, then the repository this CLI was built from.</summary>
    private static string ResolvePath(string path, string baseDir)
    {
        if (Path.IsPathRooted(path))
            return path;
        var candidates = new List<string> { Path.Combine(baseDir, path), Path.Combine(Directory.GetCurrentDirectory(), path) };
        if (DatasetCatalog.FindRepositoryRoot(AppContext.BaseDirectory) is { } root)
            candidates.Add(Path.Combine(root, path));
        return candidates.FirstOrDefault(File.Exists) ?? candidates[0];
    }

    private sealed record RunSettings(string? ConfigPath, string? Preset, string? Out, ulong? Seed, string? Store, string? RunId, int Workers, double LeaseSeconds, int? Threads, bool Quiet, bool Json);
}
