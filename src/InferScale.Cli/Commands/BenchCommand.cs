using Spectre.Console;
using System.CommandLine;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale bench</c>: performance measurements of this machine and build.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure performance: the embedded engine's kernels and decoding on this machine.");
        command.Add(CreateEngine(context));
        command.Add(BenchGatewayCommand.Create(context));
        return command;
    }

    private static Command CreateEngine(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object to stdout instead of a table." };
        var quick = new Option<bool>("--quick") { Description = "Shorter timing windows and fewer cells (about 20 s)." };
        var threads = new Option<int>("--threads")
        {
            Description = "Kernel threads for the engine (default: the processor count).",
            DefaultValueFactory = _ => Math.Clamp(Environment.ProcessorCount, 1, 8),
        };
        var peer = new Option<bool>("--peer") { Description = "Instead: run llama.cpp's llama-batched-bench and our engine on the same GGUF files (1m/25m, F32/Q8_0), interleaved, and print ours ÷ llama.cpp." };
        var llamaBin = new Option<string?>("--llama-bin") { Description = "With --peer: folder holding llama-batched-bench (default: $INFERSCALE_LLAMA_CPP_BIN, else the scripts/llama-cpp.sh cache)." };
        var rounds = new Option<int?>("--rounds") { Description = "With --peer: interleaved measurements per cell and engine (default 3; 1 with --quick)." };
        var peerDir = new Option<string?>("--peer-dir") { Description = "With --peer: write the GGUF files to this folder and keep them (default: a temporary folder, removed)." };
        var command = new Command("engine", "Measure the FMA peak, decode and prefill tokens/s of the 1m and 25m presets (random weights), and the shared-prefix speed-up.")
        {
            json,
            quick,
            threads,
            peer,
            llamaBin,
            rounds,
            peerDir,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var threadCount = parseResult.GetValue(threads);
            if (threadCount < 1 || threadCount > 256)
                throw new CliException($"--threads must be in [1, 256]; got {threadCount}.");
            if (parseResult.GetValue(peer))
                return await RunPeerAsync(context, parseResult.GetValue(quick), threadCount, parseResult.GetValue(rounds), parseResult.GetValue(llamaBin), parseResult.GetValue(peerDir), parseResult.GetValue(json), cancellationToken).ConfigureAwait(false);
            var settings = parseResult.GetValue(quick) ? BenchEngineSettings.Quick : BenchEngineSettings.Full;
            var runner = new BenchEngineRunner(settings with { Threads = threadCount }, TimeProvider.System);
            Action<string> progress = parseResult.GetValue(json) ? _ => { } : line => context.Console.MarkupLineInterpolated($"[grey]{line}[/]");
            var report = await Task.Run(() => runner.Run(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(json))
                await context.Out.WriteLineAsync(BenchEngineReportWriter.ToJson(report)).ConfigureAwait(false);
            else
                BenchEngineReportWriter.WriteTable(report, context.Console);
            return 0;
        });
        return command;
    }

    private static async Task<int> RunPeerAsync(CliContext context, bool quick, int threads, int? rounds, string? llamaBin, string? peerDir, bool json, CancellationToken cancellationToken)
    {
        var settings = (quick ? BenchEnginePeerSettings.Quick : BenchEnginePeerSettings.Full) with { Threads = threads, ModelDirectory = peerDir };
        if (rounds is { } r)
            settings = settings with { Rounds = r };
        settings.Validate();
        var runner = new BenchEnginePeerRunner(settings, LlamaBatchedBench.Locate(llamaBin), TimeProvider.System);
        Action<string> progress = json ? _ => { } : line => context.Console.MarkupLineInterpolated($"[grey]{line}[/]");
        var report = await Task.Run(() => runner.Run(progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (json)
            await context.Out.WriteLineAsync(BenchEnginePeerReportWriter.ToJson(report)).ConfigureAwait(false);
        else
            BenchEnginePeerReportWriter.WriteTable(report, context.Console);
        return 0;
    }
}
