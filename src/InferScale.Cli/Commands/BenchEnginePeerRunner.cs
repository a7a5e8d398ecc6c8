using InferScale.Engine;
using InferScale.Engine.Gguf;

namespace InferScale.Cli.Commands;

/// <summary>
/// Runs our engine and llama.cpp's <c>llama-batched-bench</c> on the same GGUF files (the <c>1m</c>/<c>25m</c> presets
/// written as F32 and Q8_0), cell by cell and alternating engines within each cell (ours, llama.cpp, ours, …) so that a
/// load swing on a shared machine hits both. Our cells mirror llama-batched-bench's: prefill is one sequence's prompt
/// in one forward pass (logits of the last token only); decode is B sequences of a <c>DecodePrompt</c>-token prompt
/// (prefilled untimed) decoding <c>DecodeTokens</c> steps together, every step timed.
/// </summary>
internal sealed class BenchEnginePeerRunner(BenchEnginePeerSettings settings, LlamaBatchedBench llama, TimeProvider time)
{
    public BenchEnginePeerReport Run(Action<string> progress, CancellationToken cancellationToken)
    {
        settings.Validate();
        var temporary = settings.ModelDirectory is null;
        var dir = settings.ModelDirectory ?? Directory.CreateTempSubdirectory("inferscale-peer-").FullName;
        Directory.CreateDirectory(dir);
        var cells = new List<BenchEnginePeerReport.Cell>();
        try
        {
            foreach (var model in settings.Models)
            {
                foreach (var type in settings.Types)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var path = Path.Combine(dir, $"bench-{model}-{type.ToString().ToLowerInvariant()}.gguf");
                    progress($"{model} {type}: writing {path}…");
                    BenchModelFiles.Write(path, model, type);
                    cells.AddRange(RunFile(path, model, type.ToString(), progress, cancellationToken));
                }
            }
        }
        finally
        {
            if (temporary)
                Directory.Delete(dir, recursive: true);
        }
        return new BenchEnginePeerReport(settings.Threads, settings.Rounds, llama.Executable, cells);
    }

    private List<BenchEnginePeerReport.Cell> RunFile(string path, string model, string type, Action<string> progress, CancellationToken cancellationToken)
    {
        var file = LlamaGguf.Load(path);
        var maxBatch = settings.Batches.Max();
        using var session = new EngineSession(file.Config, file.Weights, new EngineOptions
        {
            Threads = settings.Threads,
            MaxBatchSize = Math.Max(maxBatch, 1),
            MaxBatchRows = Math.Max(256, maxBatch),
        });
        // Warm-up (JIT tiers, caches): every cell, short and untimed, repeated for at least half a second so that tiered
        // compilation has promoted the hot methods before the first measured cell (a 1m prefill lasts milliseconds).
        var warmStart = time.GetTimestamp();
        do
        {
            Prefill(session, Math.Min(64, settings.PrefillTokens));
            foreach (var b in settings.Batches)
                Decode(session, b, Math.Min(4, settings.DecodeTokens));
        }
        while (time.GetElapsedTime(warmStart) < TimeSpan.FromSeconds(0.5));

        var cells = new List<BenchEnginePeerReport.Cell>();
        var work = new List<(string Work, int Batch, int Tokens)> { ("prefill", 1, settings.PrefillTokens) };
        work.AddRange(settings.Batches.Select(b => ("decode", b, settings.DecodeTokens)));
        foreach (var (kind, batch, tokens) in work)
        {
            progress(kind == "prefill" ? $"{model} {type}: prefill {tokens} tokens…" : $"{model} {type}: decode at batch {batch}…");
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var r = 0; r < settings.Rounds; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (kind == "prefill")
                {
                    ours.Add(Prefill(session, tokens));
                    theirs.Add(llama.Run(path, tokens, 1, 1, settings.Threads, cancellationToken).PrefillTokensPerSecond);
                }
                else
                {
                    ours.Add(Decode(session, batch, tokens));
                    theirs.Add(llama.Run(path, settings.DecodePrompt, tokens, batch, settings.Threads, cancellationToken).DecodeTokensPerSecond);
                }
            }
            cells.Add(new BenchEnginePeerReport.Cell(model, type, kind, batch, tokens, Median(ours), Median(theirs),
                Median(ours.Zip(theirs, (o, t) => o / t).ToList())));
        }
        return cells;
    }

    /// <summary>One sequence's prompt in one pass; tokens/s.</summary>
    private double Prefill(EngineSession session, int tokens)
    {
        var prompt = BenchEngineRunner.RandomTokens(4, tokens, session.Config.VocabSize);
        var logits = new float[session.Config.VocabSize];
        using var seq = session.CreateSequence();
        var start = time.GetTimestamp();
        session.Prefill(seq, prompt, logits);
        return tokens / time.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary><paramref name="batch"/> sequences decoding <paramref name="steps"/> tokens together; generated tokens/s.</summary>
    private double Decode(EngineSession session, int batch, int steps)
    {
        var vocab = session.Config.VocabSize;
        using var root = session.CreateSequence();
        session.Prefill(root, BenchEngineRunner.RandomTokens(2, settings.DecodePrompt, vocab), []);
        var seqs = Enumerable.Range(0, batch).Select(_ => root.Fork()).ToArray();
        var tokens = BenchEngineRunner.RandomTokens(3, batch, vocab);
        var logits = new float[batch * vocab];
        try
        {
            var start = time.GetTimestamp();
            for (var s = 0; s < steps; s++)
                session.DecodeStep(seqs, tokens, logits);
            return (double)batch * steps / time.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            foreach (var s in seqs)
                s.Release();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
