using InferScale.Engine;

namespace InferScale.Cli.Commands;

/// <summary>Runs the <c>bench engine</c> measurements on random-weight presets.</summary>
internal sealed class BenchEngineRunner(BenchEngineSettings settings, TimeProvider time)
{
    public BenchEngineReport Run(Action<string> progress, CancellationToken cancellationToken)
    {
        progress($"FMA peak on {Environment.ProcessorCount} cores…");
        var peak = BenchEnginePeak.Measure(Environment.ProcessorCount, settings.PeakWindow, time);
        var decode = new List<BenchEngineReport.DecodeCell>();
        var prefill = new List<BenchEngineReport.PrefillCell>();
        (double Speedup, double Shared, double Independent) shared = default;
        foreach (var name in settings.Models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var config = BenchModels.Get(name);
            var weights = RandomWeights.Create(config, seed: 1);
            using var session = new EngineSession(config, weights, new EngineOptions { Threads = settings.Threads, MaxBatchSize = 256, MaxBatchRows = 256 });
            foreach (var batch in settings.Batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress($"{name}: decode at batch {batch}…");
                decode.Add(MeasureDecode(session, name, batch));
            }
            progress($"{name}: prefill…");
            prefill.Add(MeasurePrefill(session, name));
            if (name == settings.SharedPrefixModel)
            {
                progress($"{name}: {settings.SharedSamples} samples of a {settings.SharedPromptTokens}-token prompt, shared vs independent…");
                shared = MeasureSharedPrefix(session);
            }
        }
        return new BenchEngineReport(peak, settings.Threads, decode, prefill, shared.Speedup, settings.SharedPrefixModel, shared.Shared, shared.Independent,
            $"{settings.SharedSamples} samples × {settings.SharedPromptTokens}-token prompt × {settings.SharedCompletionTokens} tokens");
    }

    /// <summary>n seeded random token ids below <paramref name="vocab"/> (the bench's prompts and decode inputs).</summary>
    internal static int[] RandomTokens(int seed, int n, int vocab)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => random.Next(vocab))];
    }

    private BenchEngineReport.DecodeCell MeasureDecode(EngineSession session, string name, int batch)
    {
        var vocab = session.Config.VocabSize;
        using var root = session.CreateSequence();
        session.Prefill(root, RandomTokens(2, settings.DecodeContext, vocab), []);
        var seqs = Enumerable.Range(0, batch).Select(_ => root.Fork()).ToArray();
        var tokens = RandomTokens(3, batch, vocab);
        var logits = new float[batch * vocab];
        try
        {
            session.DecodeStep(seqs, tokens, logits);
            var flops0 = session.ExecutedFlops;
            var start = time.GetTimestamp();
            var steps = 0;
            while (steps < 2 || time.GetElapsedTime(start) < settings.Window)
            {
                if (seqs[0].Length >= settings.DecodeContext + settings.DecodeSteps)
                {
                    // Like llama-bench's tg128: contexts stay in [DecodeContext, DecodeContext + DecodeSteps].
                    for (var i = 0; i < batch; i++)
                    {
                        seqs[i].Release();
                        seqs[i] = root.Fork();
                    }
                }
                session.DecodeStep(seqs, tokens, logits);
                steps++;
            }
            var seconds = time.GetElapsedTime(start).TotalSeconds;
            return new BenchEngineReport.DecodeCell(name, batch, batch * steps / seconds, (session.ExecutedFlops - flops0) / seconds / 1e9);
        }
        finally
        {
            foreach (var s in seqs)
                s.Release();
        }
    }

    private BenchEngineReport.PrefillCell MeasurePrefill(EngineSession session, string name)
    {
        var tokens = RandomTokens(4, settings.PrefillTokens, session.Config.VocabSize);
        var logits = new float[session.Config.VocabSize];
        using (var warm = session.CreateSequence())
            session.Prefill(warm, tokens.AsSpan(0, 32), logits);
        var flops0 = session.ExecutedFlops;
        var start = time.GetTimestamp();
        var runs = 0;
        while (runs < 1 || time.GetElapsedTime(start) < settings.Window)
        {
            using var seq = session.CreateSequence();
            session.Prefill(seq, tokens, logits);
            runs++;
        }
        var seconds = time.GetElapsedTime(start).TotalSeconds;
        return new BenchEngineReport.PrefillCell(name, tokens.Length, runs * tokens.Length / seconds, (session.ExecutedFlops - flops0) / seconds / 1e9);
    }

    /// <summary>n samples of one prompt (64 × 50 tokens of 200 by default): prefill once and fork, vs 64 sequences each prefilling its own copy (batched).</summary>
    private (double Speedup, double Shared, double Independent) MeasureSharedPrefix(EngineSession session)
    {
        int samples = settings.SharedSamples, promptLength = settings.SharedPromptTokens, completion = settings.SharedCompletionTokens;
        var vocab = session.Config.VocabSize;
        var prompt = RandomTokens(5, promptLength, vocab);
        var tokens = RandomTokens(6, samples, vocab);
        var logits = new float[samples * vocab];

        void DecodeAll(SequenceHandle[] seqs)
        {
            for (var step = 0; step < completion; step++)
                session.DecodeStep(seqs, tokens, logits);
            foreach (var s in seqs)
                s.Release();
        }

        var start = time.GetTimestamp();
        using (var root = session.CreateSequence())
        {
            session.Prefill(root, prompt, logits.AsSpan(0, vocab));
            DecodeAll([.. Enumerable.Range(0, samples).Select(_ => root.Fork())]);
        }
        var sharedSeconds = time.GetElapsedTime(start).TotalSeconds;

        start = time.GetTimestamp();
        var independent = Enumerable.Range(0, samples).Select(_ => session.CreateSequence()).ToArray();
        var rows = independent.SelectMany(s => prompt.Select((t, i) => new BatchRow(s, t, i == promptLength - 1))).ToArray();
        session.Forward(rows, logits);
        DecodeAll(independent);
        var independentSeconds = time.GetElapsedTime(start).TotalSeconds;
        return (independentSeconds / sharedSeconds, sharedSeconds, independentSeconds);
    }
}
