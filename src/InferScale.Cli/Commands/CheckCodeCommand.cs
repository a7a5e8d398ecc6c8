using System.CommandLine;
using System.Diagnostics;
using InferScale.Tasks;
using InferScale.Verification.Code;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale check-code</c>: runs a code dataset's reference solutions in the sandbox.</summary>
internal static class CheckCodeCommand
{
    public static Command Create(CliContext context)
    {
        var dataset = new Option<string>("--dataset") { Description = "A built-in name (humaneval) or a path to a HumanEval-format JSONL file.", DefaultValueFactory = _ => "humaneval" };
        var canonical = new Option<bool>("--canonical") { Description = "Run each problem's canonical solution against its tests (the only mode for now).", DefaultValueFactory = _ => true };
        var timeout = new Option<double>("--timeout") { Description = "Wall-time limit per program, in seconds.", DefaultValueFactory = _ => 20 };
        var workers = new Option<int>("--workers") { Description = "Programs run in parallel.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("check-code", "Run a code dataset's canonical solutions against its tests in the sandbox and print 'passed N/M'.")
        {
            dataset, canonical, timeout, workers,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (PythonSandbox.FindProblem() is { } problem)
                throw new CliException(problem, exitCode: 1);
            if (parse.GetValue(workers) < 1 || !(parse.GetValue(timeout) > 0))
                throw new CliException("--workers must be >= 1 and --timeout > 0.");
            List<InferScale.Generation.Problem> problems;
            try
            {
                problems = DatasetCatalog.Default.Load(parse.GetValue(dataset)!).ToList();
            }
            catch (Exception ex) when (ex is FileNotFoundException or DataFormatException)
            {
                throw new CliException(ex.Message);
            }
            if (problems.Count == 0 || !problems[0].Metadata.ContainsKey(HumanEvalVerifier.TestKey))
                throw new CliException($"'{parse.GetValue(dataset)}' is not a HumanEval-format dataset (records need task_id, prompt, test, entry_point, canonical_solution).");
            var seconds = parse.GetValue(timeout);
            using var sandbox = new PythonSandbox(new SandboxOptions { WallTime = TimeSpan.FromSeconds(seconds), CpuSeconds = (int)Math.Ceiling(seconds), Workers = parse.GetValue(workers) });
            var verifier = new HumanEvalVerifier(sandbox);
            var started = Stopwatch.GetTimestamp();
            var results = await Task.WhenAll(problems.Select(p => verifier.VerifyCanonicalAsync(p, ct))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var failures = problems.Zip(results).Where(pr => pr.Second.Verdict != CodeVerdict.Passed).ToList();
            if (failures.Count > 0)
            {
                var table = new Table().AddColumns("problem", "verdict", "detail");
                foreach (var (p, r) in failures)
                    table.AddRow(Markup.Escape(p.Id), r.Verdict.ToString(), Markup.Escape(r.Detail));
                context.Console.Write(table);
            }
            var passed = results.Length - failures.Count;
            context.Out.WriteLine($"passed {passed}/{results.Length} ({results.Length / elapsed.TotalSeconds:0.0} candidates/s with {sandbox.Options.Workers} workers)");
            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
