using System.CommandLine;
using System.Globalization;
using InferScale.Engine;
using InferScale.Engine.Training;
using InferScale.Tasks.Arith;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary>
/// <c>inferscale train</c>: trains one of the project's small models on the arith task, with checkpoints (resumed
/// when the file exists), a loss CSV, a progress bar on stderr, and GGUF export at the end. Ctrl+C saves a checkpoint.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var preset = new Option<string>("--preset") { Description = "Model shape: tiny (27K parameters), 0.3m (312K) or 3m (2.93M); the options below override it.", DefaultValueFactory = _ => "0.3m" };
        preset.AcceptOnlyFromAmong([.. ModelPresets.Names]);
        var dim = new Option<int?>("--dim") { Description = "Model width." };
        var layers = new Option<int?>("--layers") { Description = "Transformer blocks." };
        var heads = new Option<int?>("--heads") { Description = "Attention heads." };
        var kvHeads = new Option<int?>("--kv-heads") { Description = "Key/value heads (grouped-query attention)." };
        var hidden = new Option<int?>("--hidden") { Description = "SwiGLU hidden width." };
        var contextLength = new Option<int?>("--context") { Description = "Context length." };
        var untied = new Option<bool>("--untied") { Description = "Give the model its own output head instead of reusing the token embedding." };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 2000 };
        var batch = new Option<int>("--batch") { Description = "Sequences per batch.", DefaultValueFactory = _ => 8 };
        var seqLen = new Option<int?>("--seq-len") { Description = "Tokens per sequence (default: the context length)." };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 3e-3f };
        var minLr = new Option<float>("--min-lr-ratio") { Description = "Floor of the cosine decay, as a fraction of --lr.", DefaultValueFactory = _ => 0.1f };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up steps.", DefaultValueFactory = _ => 100 };
        var weightDecay = new Option<float>("--weight-decay") { Description = "AdamW decoupled weight decay (matrices only).", DefaultValueFactory = _ => 0.1f };
        var clip = new Option<float>("--grad-clip") { Description = "Global gradient-norm clip (0 = off).", DefaultValueFactory = _ => 1f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the initial weights and the data stream.", DefaultValueFactory = _ => 1UL };
        var selfCheck = new Option<double>("--self-check-rate") { Description = "Share of training solutions with a self-check 'Wait' trace.", DefaultValueFactory = _ => 0.15 };
        var levelMix = new Option<string>("--level-weights") { Description = "How often each level 1-5 appears in the training stream: five whole-number weights, e.g. 1,1,2,3,3.", DefaultValueFactory = _ => "1,1,1,1,1" };
        var onPrompt = new Option<bool>("--train-on-prompt") { Description = "Also train on prompt tokens (default: completion and EOS only)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outFile = new Option<FileInfo?>("--out") { Description = "The GGUF model to write (default: models/arith-PRESET.gguf)." };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Checkpoint file, resumed from when it exists (default: the --out path with .ckpt)." };
        var every = new Option<int>("--checkpoint-every") { Description = "Save a checkpoint every N steps (0: only at the end and on Ctrl+C).", DefaultValueFactory = _ => 100 };
        var lossCsv = new Option<FileInfo?>("--loss-csv") { Description = "Write step, loss, lr, grad_norm, tokens_per_s per step to this CSV." };
        var command = new Command("train", "Train a small llama-style model on the built-in arith task (hand-written backward pass, AdamW) and export it as GGUF.")
        {
            preset, dim, layers, heads, kvHeads, hidden, contextLength, untied, steps, batch, seqLen, lr, minLr, warmup, weightDecay, clip, seed, selfCheck, levelMix, onPrompt,
            threads, outFile, checkpoint, every, lossCsv,
        };
        command.SetAction((parse, ct) =>
        {
            var tokenizer = ByteTokenizer.Instance;
            var presetName = parse.GetValue(preset)!;
            var baseConfig = ModelPresets.Get(presetName, tokenizer.VocabSize);
            var config = baseConfig with
            {
                Dim = parse.GetValue(dim) ?? baseConfig.Dim,
                Layers = parse.GetValue(layers) ?? baseConfig.Layers,
                Heads = parse.GetValue(heads) ?? baseConfig.Heads,
                KvHeads = parse.GetValue(kvHeads) ?? baseConfig.KvHeads,
                HiddenDim = parse.GetValue(hidden) ?? baseConfig.HiddenDim,
                ContextLength = parse.GetValue(contextLength) ?? baseConfig.ContextLength,
                TiedEmbeddings = !parse.GetValue(untied),
            };
            var options = new TrainingOptions
            {
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                SequenceLength = parse.GetValue(seqLen) ?? config.ContextLength,
                LearningRate = parse.GetValue(lr),
                MinLearningRateRatio = parse.GetValue(minLr),
                WarmupSteps = parse.GetValue(warmup),
                WeightDecay = parse.GetValue(weightDecay),
                GradClip = parse.GetValue(clip),
                Seed = parse.GetValue(seed),
                SelfCheckRate = parse.GetValue(selfCheck),
                TrainOnPrompt = parse.GetValue(onPrompt),
                LevelMix = ParseLevelMix(parse.GetValue(levelMix)!),
            };
            var threadCount = parse.GetValue(threads);
            var checkpointEvery = parse.GetValue(every);
            try
            {
                config.Validate();
                options.Validate(config);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(OptionName(ex.ParamName) + PlainMessage(ex));
            }
            if (threadCount < 1)
                throw new CliException("--threads must be at least 1.");
            if (checkpointEvery < 0)
                throw new CliException("--checkpoint-every must be ≥ 0.");
            var outPath = parse.GetValue(outFile)?.FullName ?? Path.GetFullPath(Path.Combine("models", $"arith-{presetName}.gguf"));
            var checkpointPath = parse.GetValue(checkpoint)?.FullName ?? Path.ChangeExtension(outPath, ".ckpt");
            var trainer = OpenTrainer(context, config, options, tokenizer, threadCount, checkpointPath);
            var csvPath = parse.GetValue(lossCsv)?.FullName;
            using var csv = csvPath is null ? null : OpenCsv(csvPath, trainer.Step);

            context.Error.WriteLine($"training {config.ParameterCount:N0} parameters (dim {config.Dim}, {config.Layers} layers, {config.Heads}/{config.KvHeads} heads, hidden {config.HiddenDim}) " +
                $"for {options.Steps} steps of {options.BatchSize}×{options.SequenceLength} tokens on {threadCount} thread(s)" +
                (options.LevelMix.IsUniform ? "" : $", level weights {options.LevelMix}"));
            var run = Run(context, trainer, csv, checkpointPath, checkpointEvery, ct);

            trainer.CreateCheckpoint().Save(checkpointPath);
            var name = Path.GetFileNameWithoutExtension(outPath);
            TrainingExport.SaveGguf(trainer.Model, outPath, tokenizer.Vocabulary, name);
            var summary = run.Steps == 0
                ? "nothing to do: the checkpoint is already at the last step"
                : string.Create(CultureInfo.InvariantCulture, $"{run.Steps} steps, last loss {run.LastLoss:F4}, {run.TokensPerSecond:F0} tokens/s");
            context.Error.WriteLine($"{summary}; wrote {outPath} and {checkpointPath}" + (csvPath is null ? "" : $" and {csvPath}"));
            return Task.FromResult(0);
        });
        return command;
    }

    internal readonly record struct RunSummary(int Steps, float LastLoss, double TokensPerSecond);

    internal static RunSummary Run(CliContext context, Trainer trainer, StreamWriter? csv, string checkpointPath, int checkpointEvery, CancellationToken ct)
    {
        var steps = 0;
        var last = 0f;
        double tokens = 0, seconds = 0;
        var smoothed = double.NaN;
        context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("starting", maxValue: trainer.Options.Steps);
                task.Value = trainer.Step;
                while (!trainer.IsComplete)
                {
                    if (ct.IsCancellationRequested)
                    {
                        trainer.CreateCheckpoint().Save(checkpointPath);
                        context.Error.WriteLine($"saved {checkpointPath} at step {trainer.Step}; run the same command to resume.");
                        ct.ThrowIfCancellationRequested();
                    }
                    var r = trainer.RunStep();
                    steps++;
                    last = r.Loss;
                    tokens += r.Tokens;
                    seconds += r.Elapsed.TotalSeconds;
                    smoothed = double.IsNaN(smoothed) ? r.Loss : 0.9 * smoothed + 0.1 * r.Loss;
                    csv?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Step},{r.Loss:G7},{r.LearningRate:G6},{r.GradNorm:G6},{r.TokensPerSecond:F1}"));
                    task.Value = r.Step;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"step {r.Step} loss {smoothed:F3} {tokens / Math.Max(seconds, 1e-9):F0} tok/s");
                    if (checkpointEvery > 0 && r.Step % checkpointEvery == 0 && !trainer.IsComplete)
                    {
                        csv?.Flush();
                        trainer.CreateCheckpoint().Save(checkpointPath);
                    }
                }
            });
        return new RunSummary(steps, last, seconds > 0 ? tokens / seconds : 0);
    }

    private static Trainer OpenTrainer(CliContext context, TransformerConfig config, TrainingOptions options, ITokenizer tokenizer, int threads, string checkpointPath)
    {
        if (!File.Exists(checkpointPath))
            return new Trainer(config, options, new ArithTrainingData(tokenizer, options), threads);
        TrainingCheckpoint saved;
        try
        {
            saved = TrainingCheckpoint.Load(checkpointPath);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message + " Delete it to start afresh.");
        }
        var differences = Differences(saved.Config, config).Concat(Differences(saved.Options, options)).ToList();
        if (differences.Count > 0)
            throw new CliException($"the checkpoint {checkpointPath} was made with other settings ({string.Join("; ", differences)}). Pass the same options to resume, or delete it to start afresh.");
        context.Error.WriteLine($"resuming from {checkpointPath} at step {saved.Step} of {saved.Options.Steps}");
        return Trainer.FromCheckpoint(saved, new ArithTrainingData(tokenizer, saved.Options), threads);
    }

    internal static IEnumerable<string> Differences<T>(T saved, T given)
    {
        foreach (var property in typeof(T).GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanWrite)
                continue;
            var a = property.GetValue(saved);
            var b = property.GetValue(given);
            if (!Equals(a, b))
                yield return FormattableString.Invariant($"{property.Name} {a} in the checkpoint, {b} now");
        }
    }

    internal static StreamWriter OpenCsv(string path, long keepThroughStep)
    {
        const string Header = "step,loss,lr,grad_norm,tokens_per_s";
        var kept = new List<string>();
        if (keepThroughStep > 0 && File.Exists(path))
        {
            kept.AddRange(File.ReadLines(path).Skip(1).Where(line =>
                long.TryParse(line.AsSpan(0, Math.Max(0, line.IndexOf(','))), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s <= keepThroughStep));
        }
        var dir = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(dir))
            Directory.CreateDirectory(dir);
        var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        writer.WriteLine(Header);
        foreach (var line in kept)
            writer.WriteLine(line);
        return writer;
    }

    private static ArithLevelMix ParseLevelMix(string text)
    {
        try
        {
            return ArithLevelMix.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new CliException("--level-weights: " + ex.Message);
        }
    }

    internal static string PlainMessage(ArgumentException ex)
    {
        var first = ex.Message.Split('\n')[0].TrimEnd();
        return ex.ParamName is null ? first : first.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
    }

    private static string OptionName(string? param) => param switch
    {
        nameof(TrainingOptions.Steps) => "--steps: ",
        nameof(TrainingOptions.BatchSize) => "--batch: ",
        nameof(TrainingOptions.SequenceLength) => "--seq-len: ",
        nameof(TrainingOptions.LearningRate) => "--lr: ",
        nameof(TrainingOptions.MinLearningRateRatio) => "--min-lr-ratio: ",
        nameof(TrainingOptions.WarmupSteps) => "--warmup: ",
        nameof(TrainingOptions.WeightDecay) => "--weight-decay: ",
        nameof(TrainingOptions.GradClip) => "--grad-clip: ",
        nameof(TrainingOptions.SelfCheckRate) => "--self-check-rate: ",
        nameof(TransformerConfig.Dim) => "--dim: ",
        nameof(TransformerConfig.Layers) => "--layers: ",
        nameof(TransformerConfig.Heads) => "--heads: ",
        nameof(TransformerConfig.KvHeads) => "--kv-heads: ",
        nameof(TransformerConfig.HiddenDim) => "--hidden: ",
        nameof(TransformerConfig.ContextLength) => "--context: ",
        _ => "",
    };
}
