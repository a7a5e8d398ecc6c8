using System.CommandLine;
using System.Globalization;
using System.Text;
using InferScale.Backends;
using InferScale.Engine;
using InferScale.Engine.Gguf;
using InferScale.Engine.Reward;
using InferScale.Engine.Training;
using InferScale.Generation;
using InferScale.Tasks;
using InferScale.Tasks.Arith;
using InferScale.Verification.Reward;
using Spectre.Console;

namespace InferScale.Cli.Commands;

/// <summary>
/// <c>inferscale train-reward</c>: labels policy samples of arith training problems with Monte-Carlo rollouts (a
/// resumable JSONL file shared by the PRM and the ORM), then trains a reward model with a value head from the policy's
/// weights (checkpoints, loss CSV) and writes it as GGUF. <c>inferscale train-reward eval</c> measures reward models on
/// test-set samples (AUC, best-of-n, weighted majority).
/// </summary>
internal static class TrainRewardCommand
{
    public static Command Create(CliContext context)
    {
        var kind = new Option<string>("--kind") { Description = "prm (labels: Monte-Carlo rollout values per step) or orm (labels: the solution's outcome).", Required = true };
        kind.AcceptOnlyFromAmong("prm", "orm");
        var policy = new Option<string>("--policy") { Description = "The policy GGUF that samples, rolls out and initialises the reward model.", DefaultValueFactory = _ => "models/arith-0.3m.gguf" };
        var labels = new Option<string?>("--labels") { Description = "The label file (JSONL; created, or resumed and extended; default runs/reward-labels/POLICY.jsonl)." };
        var problems = new Option<int>("--problems") { Description = "Arith training problems to label (never test problems).", DefaultValueFactory = _ => 1000 };
        var samples = new Option<int>("--samples") { Description = "Solutions sampled per problem.", DefaultValueFactory = _ => 4 };
        var corrupted = new Option<int>("--corrupted") { Description = "Corrupted solutions per problem besides the samples: one step's result moved, continued by the policy, labelled by rollouts like a sample.", DefaultValueFactory = _ => 0 };
        var rollouts = new Option<int>("--rollouts") { Description = "Rollouts from each step prefix (k).", DefaultValueFactory = _ => 4 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature of solutions and rollouts.", DefaultValueFactory = _ => 0.8 };
        var labelSeed = new Option<ulong>("--label-seed") { Description = "Seed of the sampled solutions and rollouts.", DefaultValueFactory = _ => 1UL };
        var labelOnly = new Option<bool>("--label-only") { Description = "Only make (or extend) the label file." };
        var init = new Option<string>("--init") { Description = "Start from the policy's weights (policy) or from random weights (random).", DefaultValueFactory = _ => "policy" };
        init.AcceptOnlyFromAmong("policy", "random");
        var contextLength = new Option<int>("--context") { Description = "The reward model's context (prompt + solution; the policy's own ends at 256).", DefaultValueFactory = _ => 320 };
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 3000 };
        var batch = new Option<int>("--batch") { Description = "Rows per batch (each row packs whole solutions into --context tokens).", DefaultValueFactory = _ => 4 };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => 1e-3f };
        var minLr = new Option<float>("--min-lr-ratio") { Description = "Floor of the cosine decay, as a fraction of --lr.", DefaultValueFactory = _ => 0.1f };
        var warmup = new Option<int>("--warmup") { Description = "Linear warm-up steps.", DefaultValueFactory = _ => 100 };
        var weightDecay = new Option<float>("--weight-decay") { Description = "AdamW decoupled weight decay (matrices only).", DefaultValueFactory = _ => 0.1f };
        var clip = new Option<float>("--grad-clip") { Description = "Global gradient-norm clip (0 = off).", DefaultValueFactory = _ => 1f };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the value head's initialisation and the data order.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Worker threads (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var outFile = new Option<string?>("--out") { Description = "The reward model to write (default: models/arith-prm.gguf or models/arith-orm.gguf)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint, resumed from when it exists (default: runs/reward-checkpoints/OUT.ckpt)." };
        var every = new Option<int>("--checkpoint-every") { Description = "Save a checkpoint every N steps (0: only at the end and on Ctrl+C).", DefaultValueFactory = _ => 200 };
        var lossCsv = new Option<string?>("--loss-csv") { Description = "Write step, loss, lr, grad_norm, tokens_per_s per step to this CSV." };
        var command = new Command("train-reward", "Label arith training solutions by Monte-Carlo rollouts of a policy and train a process (prm) or outcome (orm) reward model with a value head; writes GGUF.")
        {
            kind, policy, labels, problems, samples, corrupted, rollouts, temperature, labelSeed, labelOnly, init, contextLength, steps, batch, lr, minLr, warmup, weightDecay, clip, seed,
            threads, outFile, checkpoint, every, lossCsv,
        };
        command.Subcommands.Add(CreateEval(context));
        command.SetAction((parse, ct) =>
        {
            var rewardKind = parse.GetValue(kind) == "prm" ? RewardModelKind.Process : RewardModelKind.Outcome;
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1)
                throw new CliException("--threads must be at least 1.");
            var policyPath = parse.GetValue(policy)!;
            var policyFile = LoadPolicy(policyPath);
            var labelOptions = new RewardLabelOptions
            {
                Problems = parse.GetValue(problems),
                SamplesPerProblem = parse.GetValue(samples),
                CorruptedPerProblem = parse.GetValue(corrupted),
                Rollouts = parse.GetValue(rollouts),
                Temperature = parse.GetValue(temperature),
                Seed = parse.GetValue(labelSeed),
            };
            try
            {
                labelOptions.Validate();
            }
            catch (ArgumentException ex)
            {
                throw new CliException(LabelOptionName(ex.ParamName) + TrainCommand.PlainMessage(ex));
            }
            var labelsPath = Path.GetFullPath(parse.GetValue(labels) ?? Path.Combine("runs", "reward-labels", Path.GetFileNameWithoutExtension(policyPath) + ".jsonl"));
            var labelled = Label(context, policyFile, labelOptions, labelsPath, threadCount, ct);
            if (parse.GetValue(labelOnly))
                return Task.FromResult(0);

            var outPath = Path.GetFullPath(parse.GetValue(outFile) ?? Path.Combine("models", rewardKind == RewardModelKind.Process ? "arith-prm.gguf" : "arith-orm.gguf"));
            var checkpointPath = Path.GetFullPath(parse.GetValue(checkpoint) ?? Path.Combine("runs", "reward-checkpoints", Path.GetFileNameWithoutExtension(outPath) + ".ckpt"));
            var config = policyFile.Config with { ContextLength = parse.GetValue(contextLength) };
            var options = new TrainingOptions
            {
                Steps = parse.GetValue(steps),
                BatchSize = parse.GetValue(batch),
                SequenceLength = config.ContextLength,
                LearningRate = parse.GetValue(lr),
                MinLearningRateRatio = parse.GetValue(minLr),
                WarmupSteps = parse.GetValue(warmup),
                WeightDecay = parse.GetValue(weightDecay),
                GradClip = parse.GetValue(clip),
                Seed = parse.GetValue(seed),
                SelfCheckRate = 0,
            };
            try
            {
                config.Validate();
                options.Validate(config);
            }
            catch (ArgumentException ex)
            {
                throw new CliException((ex.ParamName == nameof(TransformerConfig.ContextLength) ? "--context: " : "") + TrainCommand.PlainMessage(ex));
            }
            if (parse.GetValue(every) < 0)
                throw new CliException("--checkpoint-every must be ≥ 0.");
            var data = new RewardTrainingData(policyFile.Tokenizer, labelled, rewardKind, options.Seed);
            var trainer = OpenTrainer(context, config, options, policyFile, parse.GetValue(init) == "policy", data, threadCount, checkpointPath);
            var csvPath = parse.GetValue(lossCsv) is { } csvGiven ? Path.GetFullPath(csvGiven) : null;
            using var csv = csvPath is null ? null : TrainCommand.OpenCsv(csvPath, trainer.Step);
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"training a {RewardGguf.KindName(rewardKind)} ({trainer.Model.Layout.Count:N0} parameters, {config.Layers} layers, dim {config.Dim}) on {data.Count:N0} solutions " +
                $"({data.LabelledPositions:N0} labelled steps, mean label {data.MeanLabel:F3}) for {options.Steps} steps of {options.BatchSize}×{options.SequenceLength} tokens on {threadCount} thread(s)"));
            var run = TrainCommand.Run(context, trainer, csv, checkpointPath, parse.GetValue(every), ct);
            trainer.CreateCheckpoint().Save(checkpointPath);
            RewardGguf.Save(outPath, trainer.Model, policyFile.Vocabulary, Path.GetFileNameWithoutExtension(outPath), rewardKind, policyFile.Name);
            var summary = run.Steps == 0
                ? "nothing to do: the checkpoint is already at the last step"
                : string.Create(CultureInfo.InvariantCulture, $"{run.Steps} steps, last loss {run.LastLoss:F4}, {run.TokensPerSecond:F0} tokens/s");
            context.Error.WriteLine($"{summary}; wrote {outPath} and {checkpointPath}" + (csvPath is null ? "" : $" and {csvPath}"));
            return Task.FromResult(0);
        });
        return command;
    }

    private static LlamaModelFile LoadPolicy(string path)
    {
        try
        {
            return LlamaGguf.Load(path);
        }
        catch (Exception ex) when (ex is IOException)
        {
            throw new CliException($"--policy: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the label file, labels the problems it lacks (appending whole chunks), and returns every solution of the requested problems.</summary>
    private static IReadOnlyList<LabelledSolution> Label(CliContext context, LlamaModelFile policy, RewardLabelOptions options, string path, int threads, CancellationToken ct)
    {
        var header = RewardLabelFile.Header(policy.Name, options);
        var existing = new List<LabelledSolution>();
        if (File.Exists(path))
        {
            try
            {
                existing.AddRange(RewardLabelFile.Read(path, header, tolerateTruncatedTail: true));
            }
            catch (DataFormatException ex)
            {
                throw new CliException(ex.Message, ex);
            }
        }
        var complete = existing.GroupBy(s => s.ProblemIndex).Where(g => g.Count() == options.SolutionsPerProblem).Select(g => g.Key).ToHashSet();
        existing.RemoveAll(s => !complete.Contains(s.ProblemIndex));
        var missing = Enumerable.Range(0, options.Problems).Where(i => !complete.Contains(options.FirstProblem + i)).ToList();
        if (missing.Count == 0)
        {
            context.Error.WriteLine($"labels: all {options.Problems} problems are in {path}");
            return Select(existing, options);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            writer.WriteLine(header);
            foreach (var s in existing)
                writer.WriteLine(RewardLabelFile.Line(s));
        }
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"labelling {missing.Count} problems × {options.SamplesPerProblem} samples{(options.CorruptedPerProblem > 0 ? $" + {options.CorruptedPerProblem} corrupted" : "")} × {options.Rollouts} rollouts per step with {policy.Name} on {threads} thread(s) into {path}"));
        using var labeler = new RolloutLabeler(policy.Config, policy.Weights, policy.Tokenizer, options, threads);
        var added = new List<LabelledSolution>();
        context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("labelling", maxValue: missing.Count);
                using var writer = new StreamWriter(path, append: true, new UTF8Encoding(false)) { NewLine = "\n" };
                for (var c = 0; c < missing.Count; c += options.ChunkProblems)
                {
                    ct.ThrowIfCancellationRequested();
                    var chunk = missing.GetRange(c, Math.Min(options.ChunkProblems, missing.Count - c));
                    var solutions = labeler.Label(chunk, ct);
                    foreach (var s in solutions)
                        writer.WriteLine(RewardLabelFile.Line(s));
                    writer.Flush();
                    added.AddRange(solutions);
                    var cost = labeler.Cost;
                    task.Value = c + chunk.Count;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"labelled {c + chunk.Count}/{missing.Count} problems, {cost.TotalTokens / Math.Max(cost.Elapsed.TotalSeconds, 1e-9):F0} tok/s");
                }
            });
        var total = labeler.Cost;
        var correct = added.Count(s => s.Correct);
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"labelling cost: {total.Solutions:N0} solutions ({correct * 100.0 / Math.Max(1, added.Count):F1}% correct), {total.Prefixes:N0} prefixes; tokens: {total.SampledTokens:N0} sampled + {total.RolloutTokens:N0} rollouts + {total.PrefillTokens:N0} prefill = {total.TotalTokens:N0} in {total.Elapsed.TotalSeconds:F0} s ({total.TotalTokens / Math.Max(total.Elapsed.TotalSeconds, 1e-9):F0} tokens/s)"));
        return Select(existing.Concat(added), options);
    }

    private static List<LabelledSolution> Select(IEnumerable<LabelledSolution> all, RewardLabelOptions options) =>
        [.. all.Where(s => s.ProblemIndex - options.FirstProblem < options.Problems).OrderBy(s => s.ProblemIndex).ThenBy(s => s.Sample)];

    private static Trainer OpenTrainer(CliContext context, TransformerConfig config, TrainingOptions options, LlamaModelFile policy, bool fromPolicy, RewardTrainingData data, int threads, string checkpointPath)
    {
        if (!File.Exists(checkpointPath))
        {
            var model = fromPolicy
                ? TrainingModel.FromWeights(config, policy.Weights, ValueHeadWeights.Initial(config.Dim, options.Seed))
                : TrainingModel.CreateInitialized(config, options.Seed, valueHead: true);
            return Trainer.FromModel(model, options, data, threads);
        }
        TrainingCheckpoint saved;
        try
        {
            saved = TrainingCheckpoint.Load(checkpointPath);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ex.Message + " Delete it to start afresh.");
        }
        if (!saved.ValueHead)
            throw new CliException($"the checkpoint {checkpointPath} is a language model's, not a reward model's; give another --checkpoint.");
        var differences = TrainCommand.Differences(saved.Config, config).Concat(TrainCommand.Differences(saved.Options, options)).ToList();
        if (differences.Count > 0)
            throw new CliException($"the checkpoint {checkpointPath} was made with other settings ({string.Join("; ", differences)}). Pass the same options to resume, or delete it to start afresh.");
        context.Error.WriteLine($"resuming from {checkpointPath} at step {saved.Step} of {saved.Options.Steps}");
        return Trainer.FromCheckpoint(saved, data, threads);
    }

    private static string LabelOptionName(string? param) => param switch
    {
        nameof(RewardLabelOptions.Problems) => "--problems: ",
        nameof(RewardLabelOptions.SamplesPerProblem) => "--samples: ",
        nameof(RewardLabelOptions.CorruptedPerProblem) => "--corrupted: ",
        nameof(RewardLabelOptions.Rollouts) => "--rollouts: ",
        nameof(RewardLabelOptions.Temperature) => "--temperature: ",
        _ => "",
    };

    private static Command CreateEval(CliContext context)
    {
        var policy = new Option<string>("--policy") { Description = "The policy GGUF whose samples are scored.", DefaultValueFactory = _ => "models/arith-0.3m.gguf" };
        var prm = new Option<string?>("--prm") { Description = "A process reward model GGUF (scored as PRM (last) and PRM (min))." };
        var orm = new Option<string?>("--orm") { Description = "An outcome reward model GGUF." };
        var dataset = new Option<string>("--dataset") { Description = "Problems (a built-in dataset or a JSONL path; never the training stream).", DefaultValueFactory = _ => "arith" };
        var limit = new Option<int>("--limit") { Description = "The first N problems of each level.", DefaultValueFactory = _ => 20 };
        var n = new Option<int>("--n") { Description = "Samples per problem.", DefaultValueFactory = _ => 16 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature.", DefaultValueFactory = _ => 0.8 };
        var seed = new Option<ulong>("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 1UL };
        var threads = new Option<int>("--threads") { Description = "Engine threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("eval", "Score test-set samples of a policy with reward models: AUC of correctness, best-of-n and weighted-majority accuracy per level (Markdown on stdout).")
        {
            policy, prm, orm, dataset, limit, n, temperature, seed, threads,
        };
        command.SetAction(async (parse, ct) =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount < 1)
                throw new CliException("--threads must be at least 1.");
            var perLevel = parse.GetValue(limit);
            if (perLevel < 1)
                throw new CliException("--limit must be at least 1.");
            var count = parse.GetValue(n);
            if (count < 1)
                throw new CliException("--n must be at least 1.");
            List<Problem> problems;
            try
            {
                problems = [.. DatasetCatalog.Default.Load(parse.GetValue(dataset)!).GroupBy(p => p.Level ?? "").SelectMany(g => g.Take(perLevel))];
            }
            catch (Exception ex) when (ex is FileNotFoundException or DataFormatException)
            {
                throw new CliException(ex.Message, ex);
            }
            var scorers = new List<RewardScorer>();
            if (parse.GetValue(orm) is { } ormPath)
                scorers.Add(new RewardScorer("ORM", OpenReward(ormPath, "--orm", threadCount)));
            if (parse.GetValue(prm) is { } prmPath)
            {
                var model = OpenReward(prmPath, "--prm", threadCount);
                scorers.Add(new RewardScorer("PRM (last)", model, StepAggregation.Last));
                scorers.Add(new RewardScorer("PRM (min)", model, StepAggregation.Min));
            }
            scorers.Add(new RewardScorer("rule-based arith-steps (min)", new ArithStepRewardModel(), StepAggregation.Min));
            IGenerator generator;
            try
            {
                generator = Generators.Open(new GeneratorSpec(parse.GetValue(policy)!) { Threads = threadCount });
            }
            catch (IOException ex)
            {
                throw new CliException($"--policy: {ex.Message}", ex);
            }
            using var owned = generator as IDisposable;
            var sampling = new SamplingOptions { Temperature = parse.GetValue(temperature), Seed = parse.GetValue(seed), MaxTokens = 256 };
            RewardEvaluationReport report = null!;
            await context.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("sampling and scoring", maxValue: problems.Count);
                    report = await RewardEvaluation.RunAsync(generator, problems, scorers, count, sampling, new Progress<int>(v => task.Value = v), ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            context.Out.Write(Markdown(report));
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Problems} problems × {report.Samples} samples; policy {report.PolicyUsage.CompletionTokens:N0} completion tokens in {report.PolicyUsage.WallTime.TotalSeconds:F1} s; reward models read {report.RewardUsage.VerifierTokens:N0} tokens"));
            return 0;
        });
        return command;
    }

    private static EngineRewardModel OpenReward(string path, string option, int threads)
    {
        try
        {
            return EngineRewardModel.Open(path, threads);
        }
        catch (IOException ex)
        {
            throw new CliException($"{option}: {ex.Message}", ex);
        }
    }

    private static string Markdown(RewardEvaluationReport r)
    {
        var levels = r.PassAt1.Keys.ToList();
        var s = new StringBuilder();
        string F(double v) => double.IsNaN(v) ? "–" : v.ToString("F2", CultureInfo.InvariantCulture);
        void Table(string title, Func<RewardEvaluationRow, IReadOnlyDictionary<string, double>> pick, bool baselines)
        {
            s.Append(CultureInfo.InvariantCulture, $"\n{title}\n\n| | {string.Join(" | ", levels)} |\n|---|{string.Concat(levels.Select(_ => "---:|"))}\n");
            if (baselines)
            {
                s.Append(CultureInfo.InvariantCulture, $"| pass@1 (mean) | {string.Join(" | ", levels.Select(l => F(r.PassAt1[l])))} |\n");
                s.Append(CultureInfo.InvariantCulture, $"| majority@{r.Samples} | {string.Join(" | ", levels.Select(l => F(r.MajorityAtN[l])))} |\n");
            }
            foreach (var row in r.Rows)
                s.Append(CultureInfo.InvariantCulture, $"| {row.Scorer} | {string.Join(" | ", levels.Select(l => F(pick(row)[l])))} |\n");
            if (baselines)
                s.Append(CultureInfo.InvariantCulture, $"| pass@{r.Samples} (oracle) | {string.Join(" | ", levels.Select(l => F(r.PassAtN[l])))} |\n");
        }
        Table($"AUC of final-answer correctness ({r.Problems} problems × {r.Samples} samples)", row => row.Auc, false);
        Table($"best-of-{r.Samples} accuracy", row => row.BestOfN, true);
        Table($"weighted-majority-{r.Samples} accuracy", row => row.WeightedMajority, true);
        return s.ToString();
    }
}
