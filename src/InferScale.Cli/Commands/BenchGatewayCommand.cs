using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale bench gateway</c>: the gateway's overhead over the in-process engine and its loopback load behaviour.</summary>
internal static class BenchGatewayCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object to stdout instead of a table." };
        var model = new Option<string>("--model") { Description = "The GGUF model behind the gateway.", DefaultValueFactory = _ => "models/arith-0.3m.gguf" };
        var problems = new Option<int>("--problems") { Description = "Arith problems in the sampling job.", DefaultValueFactory = _ => 12 };
        var samples = new Option<int>("--n") { Description = "Samples per problem (one call each).", DefaultValueFactory = _ => 16 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Maximum tokens per sample in the sampling job.", DefaultValueFactory = _ => 96 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of the job (calls interleaved per problem, alternating which side goes first).", DefaultValueFactory = _ => 4 };
        var loadModel = new Option<string>("--load-model") { Description = "The model name of each load-test request (a cheap strategy).", DefaultValueFactory = _ => "greedy@1/arith-0.3m" };
        var concurrency = new Option<int[]>("--concurrency") { Description = "Concurrent clients per load level.", DefaultValueFactory = _ => [1, 16, 64], AllowMultipleArgumentsPerToken = true };
        var requests = new Option<int>("--requests") { Description = "Most requests per load level.", DefaultValueFactory = _ => 400 };
        var seconds = new Option<double>("--seconds") { Description = "Most seconds per load level.", DefaultValueFactory = _ => 20 };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "The gateway's cap on concurrent runs (more get 429).", DefaultValueFactory = _ => 16 };
        var command = new Command("gateway", "Measure the gateway: a sampling job through it vs in-process (samples/s, ratio), and requests/s with p50/p99 latency at several concurrency levels.")
        {
            json, model, problems, samples, maxTokens, rounds, loadModel, concurrency, requests, seconds, maxConcurrent,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new BenchGatewaySettings
            {
                Model = parse.GetValue(model)!,
                Problems = parse.GetValue(problems),
                Samples = parse.GetValue(samples),
                MaxTokens = parse.GetValue(maxTokens),
                Rounds = parse.GetValue(rounds),
                LoadModel = parse.GetValue(loadModel)!,
                Concurrency = parse.GetValue(concurrency)!,
                Requests = parse.GetValue(requests),
                SecondsPerLevel = parse.GetValue(seconds),
                MaxConcurrent = parse.GetValue(maxConcurrent),
            };
            if (!File.Exists(settings.Model))
                throw new CliException($"model file not found: {settings.Model} (run from the repository root or give --model).");
            if (settings.Problems < 1 || settings.Samples < 1 || settings.MaxTokens < 1 || settings.Rounds < 1 || settings.Requests < 1 || settings.MaxConcurrent < 1
                || !(settings.SecondsPerLevel > 0) || settings.Concurrency.Count == 0 || settings.Concurrency.Any(c => c < 1))
                throw new CliException("--problems, --n, --max-tokens, --rounds, --requests, --seconds, --max-concurrent and every --concurrency must be positive.");
            var quiet = parse.GetValue(json);
            Action<string> progress = quiet ? _ => { } : line => context.Console.MarkupLineInterpolated($"[grey]{line}[/]");
            var report = await new BenchGatewayRunner(settings).RunAsync(progress, ct).ConfigureAwait(false);
            if (quiet)
                await context.Out.WriteLineAsync(ToJson(report).ToJsonString()).ConfigureAwait(false);
            else
                Write(report, context.Console);
            return 0;
        });
        return command;
    }

    private static JsonObject ToJson(BenchGatewayReport r) => new()
    {
        ["problems"] = r.Problems,
        ["samples_per_problem"] = r.SamplesPerProblem,
        ["in_process_samples_per_s"] = Math.Round(r.InProcessSamplesPerSecond, 2),
        ["gateway_samples_per_s"] = Math.Round(r.GatewaySamplesPerSecond, 2),
        ["ratio"] = Math.Round(r.Ratio, 3),
        ["same_samples"] = r.SameSamples,
        ["load"] = new JsonArray([.. r.Load.Select(l => (JsonNode)new JsonObject
        {
            ["clients"] = l.Clients,
            ["ok"] = l.Ok,
            ["rate_limited"] = l.RateLimited,
            ["errors"] = l.Errors,
            ["seconds"] = Math.Round(l.Seconds, 2),
            ["requests_per_s"] = Math.Round(l.RequestsPerSecond, 2),
            ["p50_ms"] = Math.Round(l.P50Ms, 2),
            ["p99_ms"] = Math.Round(l.P99Ms, 2),
        })]),
    };

    private static void Write(BenchGatewayReport r, IAnsiConsole console)
    {
        console.MarkupLineInterpolated(
            $"sampling job ({r.Problems} problems × {r.SamplesPerProblem} samples): in-process {r.InProcessSamplesPerSecond:0.0} samples/s, gateway {r.GatewaySamplesPerSecond:0.0} samples/s, ratio {r.Ratio:0.000} (same samples: {r.SameSamples})");
        var table = new Table().AddColumns("clients", "req/s", "p50 ms", "p99 ms", "200", "429", "errors");
        foreach (var l in r.Load)
        {
            table.AddRow(l.Clients.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{l.RequestsPerSecond:0.0}", $"{l.P50Ms:0.0}", $"{l.P99Ms:0.0}",
                l.Ok.ToString(System.Globalization.CultureInfo.InvariantCulture), l.RateLimited.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        console.Write(table);
    }
}
