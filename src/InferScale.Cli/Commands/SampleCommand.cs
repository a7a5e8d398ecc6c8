using System.CommandLine;
using System.Diagnostics;
using InferScale.Analysis;
using InferScale.Backends;
using InferScale.Engine.Gguf;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Verification;
using InferScale.Verification.Code;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary><c>inferscale sample</c>: generates a sample pool for a dataset with the embedded engine or an OpenAI-compatible server.</summary>
internal static class SampleCommand
{
    private static readonly string[] CodeStops = ["\ndef ", "\nclass ", "\nif __name__", "\nprint(", "\n#"];

    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = "A GGUF file for the embedded engine (e.g. models/arith-3m.gguf) or the base URL of an OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1).", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "A built-in dataset (arith, gsm8k, math500, aime24, amc23, humaneval) or a JSONL path.", Required = true };
        var output = new Option<string>("--out") { Description = "The pool file (InferScale JSONL). An existing file is resumed.", Required = true };
        var n = new Option<int>("--n") { Description = "Samples per problem.", DefaultValueFactory = _ => 16 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature (0 = greedy).", DefaultValueFactory = _ => 0.8 };
        var topP = new Option<double>("--top-p") { Description = "Nucleus threshold (1 disables).", DefaultValueFactory = _ => 1.0 };
        var topK = new Option<int>("--top-k") { Description = "Top-k (0 disables).", DefaultValueFactory = _ => 0 };
        var minP = new Option<double>("--min-p") { Description = "Min-p (0 disables).", DefaultValueFactory = _ => 0 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Maximum tokens per sample.", DefaultValueFactory = _ => 256 };
        var seed = new Option<ulong>("--seed") { Description = "Seed: sample i of a problem depends only on the seed and i.", DefaultValueFactory = _ => 1 };
        var stop = new Option<string[]>("--stop") { Description = "Stop string (repeatable). Code datasets default to stopping at the next top-level definition.", AllowMultipleArgumentsPerToken = false };
        var limit = new Option<int?>("--limit") { Description = "Only the first N problems of each level (or of the dataset when it has no levels)." };
        var serverModel = new Option<string?>("--server-model") { Description = "With a URL: the model name to request." };
        var chat = new Option<bool>("--chat") { Description = "With a URL: use /v1/chat/completions (default /v1/completions)." };
        var supportsN = new Option<bool>("--supports-n") { Description = "With a URL: the server accepts n > 1 (vLLM, SGLang, llama-server up to its slots; not Ollama)." };
        var server = new Option<string>("--server") { Description = "With a URL: which server it is: auto (detected from /v1/models), generic, openai, vllm or llama-cpp. It decides the sampling fields sent, batching, seeds and token counting.", DefaultValueFactory = _ => "auto" };
        var apiKey = new Option<string?>("--api-key") { Description = "With a URL: API key (default: $OPENAI_API_KEY)." };
        var threads = new Option<int?>("--threads") { Description = "Embedded engine threads." };
        var perCall = new Option<int>("--samples-per-call") { Description = "Samples per generator call (batched by the engine).", DefaultValueFactory = _ => 16 };
        var concurrency = new Option<int>("--concurrency") { Description = "Problems sampled concurrently (useful with servers).", DefaultValueFactory = _ => 1 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var command = new Command("sample", "Generate a sample pool (one JSONL line per sample) for a dataset; resumable; 'inferscale analyze' reads it.")
        {
            model, dataset, output, n, temperature, topP, topK, minP, maxTokens, seed, stop, limit, serverModel, chat, supportsN, server, apiKey, threads, perCall, concurrency, quiet,
        };
        command.SetAction(async (parse, ct) =>
        {
            List<Problem> problems;
            try
            {
                problems = DatasetCatalog.Default.Load(parse.GetValue(dataset)!).ToList();
            }
            catch (Exception ex) when (ex is FileNotFoundException or DataFormatException)
            {
                throw new CliException(ex.Message, ex);
            }
            if (parse.GetValue(limit) is { } perLevel)
            {
                if (perLevel < 1)
                    throw new CliException("--limit must be at least 1.");
                problems = problems.GroupBy(p => p.Level ?? "").SelectMany(g => g.Take(perLevel)).ToList();
            }
            var isCode = problems.FirstOrDefault()?.Metadata.ContainsKey(HumanEvalVerifier.TestKey) == true;
            var stops = parse.GetValue(stop) is { Length: > 0 } given ? given : isCode ? CodeStops : [];
            var options = new PoolSamplerOptions
            {
                SamplesPerProblem = parse.GetValue(n),
                SamplesPerCall = parse.GetValue(perCall),
                ConcurrentProblems = parse.GetValue(concurrency),
                Sampling = new SamplingOptions
                {
                    Temperature = parse.GetValue(temperature),
                    TopP = parse.GetValue(topP),
                    TopK = parse.GetValue(topK),
                    MinP = parse.GetValue(minP),
                    MaxTokens = parse.GetValue(maxTokens),
                    Seed = parse.GetValue(seed),
                    Stop = stops,
                },
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter", 2)[0]);
            }
            if (!Backends.OpenAI.OpenAiServerKindNames.TryParse(parse.GetValue(server), out var serverKind))
                throw new CliException($"--server: '{parse.GetValue(server)}' is not one of {string.Join(", ", Backends.OpenAI.OpenAiServerKindNames.All)}.");
            IGenerator generator;
            try
            {
                generator = Generators.Open(new GeneratorSpec(parse.GetValue(model)!)
                {
                    ServerKind = serverKind,
                    ServerModel = parse.GetValue(serverModel),
                    Chat = parse.GetValue(chat),
                    SupportsN = parse.GetValue(supportsN),
                    ApiKey = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
                    Threads = parse.GetValue(threads),
                });
            }
            catch (Exception ex) when (ex is FileNotFoundException or GgufFormatException or ArgumentException or UriFormatException)
            {
                throw new CliException(ex.Message, ex);
            }
            using (generator)
            {
                var sampler = new PoolSampler(generator, MathAnswerChecker.Default, MathAnswerChecker.Default);
                var path = parse.GetValue(output)!;
                var started = Stopwatch.GetTimestamp();
                PoolSampler.Outcome outcome;
                if (parse.GetValue(quiet))
                {
                    outcome = await sampler.RunAsync(problems, path, options, null, ct).ConfigureAwait(false);
                }
                else
                {
                    outcome = await context.Console.Progress()
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async progress =>
                        {
                            var task = progress.AddTask("samples", maxValue: problems.Count * options.SamplesPerProblem);
                            return await sampler.RunAsync(problems, path, options, (done, _, usage) =>
                            {
                                task.Value = done;
                                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                                task.Description = $"samples ({usage.CompletionTokens / Math.Max(seconds, 1e-3):0} tok/s)";
                            }, ct).ConfigureAwait(false);
                        }).ConfigureAwait(false);
                }
                var elapsed = Stopwatch.GetElapsedTime(started);
                context.Error.WriteLine(
                    $"{outcome.Problems} problems × {options.SamplesPerProblem} samples in {path}: {outcome.Generated} generated, {outcome.Reused} already there; " +
                    $"{outcome.Usage.CompletionTokens} completion tokens in {elapsed.TotalSeconds:0.0} s ({outcome.Usage.CompletionTokens / Math.Max(elapsed.TotalSeconds, 1e-3):0} tok/s).");
            }
            return 0;
        });
        return command;
    }
}
