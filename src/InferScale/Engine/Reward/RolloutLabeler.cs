using InferScale.Engine.Sampling;
using InferScale.Generation;
using InferScale.Randomness;
using InferScale.Tasks.Arith;
using InferScale.Verification;

namespace InferScale.Engine.Reward;

/// <summary>
/// Labels policy samples for reward-model training with Monte-Carlo rollouts (Math-Shepherd; Snell et al.). For each
/// arith training problem <c>FirstProblem + i</c>: <see cref="RewardLabelOptions.SamplesPerProblem"/> solutions are
/// sampled (sample <c>j</c> = <see cref="EngineGenerator"/> sample <c>j</c> of the prompt with seed
/// <see cref="ProblemSeed"/>); then from the prefix ending with each step but the last (<see cref="RewardDocument"/>
/// steps), <see cref="RewardLabelOptions.Rollouts"/> continuations are sampled (rollout <c>r</c> = generator sample
/// <c>r</c> of prompt + prefix with seed <see cref="PrefixSeed"/>), and the step's label is the fraction whose final
/// answer equals the gold one. The last step's label is the solution's own outcome. With
/// <see cref="RewardLabelOptions.CorruptedPerProblem"/> each problem also gets solutions made by
/// <see cref="StepCorruption"/> from its samples and continued by the policy (seed <see cref="CorruptionSeed"/>), then
/// labelled the same way. All rollouts of a chunk of problems
/// decode together, forked from the solution's KV cache (prefixes are computed once). Deterministic for any chunking
/// and thread count. Not thread-safe.
/// </summary>
public sealed class RolloutLabeler : IDisposable
{
    private readonly EngineSession _session;
    private readonly ITokenizer _tokenizer;
    private readonly RewardLabelOptions _options;
    private readonly RolloutRunner _runner;
    private readonly ArithGenerator _problems = new();
    private readonly IAnswerExtractor _extractor;
    private readonly IAnswerEquivalence _equivalence;
    private readonly TimeProvider _time;

    /// <summary>A labeller for the policy (<paramref name="config"/>, <paramref name="weights"/>, <paramref name="tokenizer"/>) running on <paramref name="threads"/> kernel threads.</summary>
    public RolloutLabeler(TransformerConfig config, TransformerWeights weights, ITokenizer tokenizer, RewardLabelOptions options, int threads = 1, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _tokenizer = tokenizer;
        _time = time ?? TimeProvider.System;
        _session = new EngineSession(config, weights, new EngineOptions { Threads = threads, MaxBatchSize = options.MaxActive, MaxBatchRows = Math.Max(256, options.MaxActive) });
        var sampling = new SamplingOptions { Temperature = options.Temperature };
        _runner = new RolloutRunner(_session, tokenizer, SamplerChain.FromOptions(sampling, config.VocabSize), sampling.MaxTokens, options.MaxActive);
        _extractor = MathAnswerChecker.Default;
        _equivalence = MathAnswerChecker.Default;
    }

    /// <summary>What labelling has cost so far.</summary>
    public LabellingCost Cost { get; private set; }

    /// <summary>The sampling seed of problem <paramref name="problemIndex"/>'s solutions.</summary>
    public static ulong ProblemSeed(ulong seed, long problemIndex) => SplitMix64.Combine(seed, 0x501, (ulong)problemIndex);

    /// <summary>The sampling seed of the rollouts from step <paramref name="step"/> (0-based) of sample <paramref name="sample"/> of problem <paramref name="problemIndex"/>.</summary>
    public static ulong PrefixSeed(ulong seed, long problemIndex, int sample, int step) =>
        SplitMix64.Combine(seed, 0x502, (ulong)problemIndex, (ulong)sample, (ulong)step);

    /// <summary>The training problem labelled at position <paramref name="index"/> (0-based) of the options' block.</summary>
    public ArithProblem Problem(int index) => _problems.Training(_options.FirstProblem + index);

    /// <summary>Labels the problems at positions <paramref name="indices"/> of the block; solutions in problem order, then sample order.</summary>
    public IReadOnlyList<LabelledSolution> Label(IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var start = _time.GetTimestamp();
        long prefilled = 0;
        var vocab = _session.Config.VocabSize;
        var n = _options.SamplesPerProblem;
        var k = _options.Rollouts;
        var owned = new List<SequenceHandle>();
        try
        {
            // Solutions: n samples of each prompt.
            var problems = indices.Select(i => (Index: _options.FirstProblem + i, Problem: Problem(i))).ToList();
            var sampleJobs = new List<RolloutJob>();
            foreach (var (index, problem) in problems)
            {
                var root = _session.CreateSequence();
                owned.Add(root);
                var logits = new float[vocab];
                var prompt = _tokenizer.Encode(problem.Prompt, addBos: true);
                _session.Prefill(root, prompt, logits);
                prefilled += prompt.Length;
                for (var j = 0; j < n; j++)
                    sampleJobs.Add(new RolloutJob(root, root.Length, logits, ProblemSeed(_options.Seed, index), j));
            }
            var sampled = _runner.Run(sampleJobs, cancellationToken);
            var drawn = new List<Drawn>(problems.Count * (n + _options.CorruptedPerProblem));
            for (var p = 0; p < problems.Count; p++)
            {
                for (var j = 0; j < n; j++)
                    drawn.Add(new Drawn(p, j, sampleJobs[p * n + j].Text!, null, sampleJobs[p * n + j].Parent));
                if (_options.CorruptedPerProblem > 0)
                    drawn.AddRange(Corrupted(problems[p].Index, problems[p].Problem, p, drawn.GetRange(drawn.Count - n, n)));
            }
            sampled += ContinueCorrupted(drawn, owned, ref prefilled, cancellationToken);

            // Prefixes: run each solution's steps once, with logits after every step but the last, then k rollouts each.
            var solutions = new List<(long Index, ArithProblem Problem, int Sample, string Text, RewardDocument Doc, SequenceHandle? Sequence, List<RolloutJob> Jobs, int? Corrupted)>();
            var rows = new List<BatchRow>();
            var logitRows = new List<(int Solution, int Step)>();
            for (var s = 0; s < drawn.Count; s++)
            {
                var (index, problem) = problems[drawn[s].Problem];
                var text = drawn[s].Text;
                var sample = drawn[s].Sample;
                var doc = RewardDocument.Create(_tokenizer, problem.Prompt, text);
                var steps = doc.StepEnds.Length;
                if (steps < 2)
                {
                    solutions.Add((index, problem, sample, text, doc, null, [], drawn[s].CorruptedStep));
                    continue;
                }
                var root = drawn[s].Root;
                var seq = root.Fork();
                owned.Add(seq);
                solutions.Add((index, problem, sample, text, doc, seq, [], drawn[s].CorruptedStep));
                var lastEnd = doc.StepEnds[steps - 2];
                if (lastEnd + 1 > _session.Config.ContextLength)
                    throw new InvalidOperationException($"problem {index} sample {sample}: a step prefix reaches the policy's context ({_session.Config.ContextLength} tokens).");
                var step = 0;
                for (var t = root.Length; t <= lastEnd; t++)
                {
                    var isEnd = step < steps - 1 && doc.StepEnds[step] == t;
                    rows.Add(new BatchRow(seq, doc.Tokens[t], isEnd));
                    if (isEnd)
                        logitRows.Add((s, step++));
                }
            }
            var prefixLogits = new float[logitRows.Count * vocab];
            _session.Forward(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows), prefixLogits);
            prefilled += rows.Count;
            var rolloutJobs = new List<RolloutJob>();
            for (var i = 0; i < logitRows.Count; i++)
            {
                var (s, step) = logitRows[i];
                var sol = solutions[s];
                var logits = prefixLogits.AsSpan(i * vocab, vocab).ToArray();
                for (var r = 0; r < k; r++)
                {
                    var job = new RolloutJob(sol.Sequence!, sol.Doc.StepEnds[step] + 1, logits, PrefixSeed(_options.Seed, sol.Index, sol.Sample, step), r);
                    sol.Jobs.Add(job);
                    rolloutJobs.Add(job);
                }
            }
            var rolled = _runner.Run(rolloutJobs, cancellationToken);

            var result = new List<LabelledSolution>(solutions.Count);
            foreach (var sol in solutions)
            {
                var answer = _extractor.Extract(sol.Text);
                var correct = answer is not null && _equivalence.AreEquivalent(sol.Problem.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture), answer);
                var steps = sol.Doc.StepEnds.Length;
                var values = new double[steps];
                for (var step = 0; step < steps - 1; step++)
                {
                    var prefix = RewardDocument.Prefix(sol.Text, step + 1);
                    var hits = 0;
                    for (var r = 0; r < k; r++)
                        hits += IsCorrect(sol.Problem, prefix + sol.Jobs[step * k + r].Text) ? 1 : 0;
                    values[step] = (double)hits / k;
                }
                if (steps > 0)
                    values[^1] = correct ? 1 : 0;
                result.Add(new LabelledSolution
                {
                    ProblemIndex = sol.Index,
                    ProblemId = sol.Problem.Id,
                    Level = sol.Problem.Level,
                    Prompt = sol.Problem.Prompt,
                    Gold = sol.Problem.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Sample = sol.Sample,
                    Solution = sol.Text,
                    Answer = answer,
                    Correct = correct,
                    StepValues = values,
                    RolloutTokens = sol.Jobs.Sum(j => (long)j.Tokens),
                    CorruptedStep = sol.Corrupted,
                });
            }
            Cost += new LabellingCost(solutions.Count, logitRows.Count, sampled, rolled, prefilled, _time.GetElapsedTime(start));
            return result;
        }
        finally
        {
            foreach (var s in owned)
                s.Release();
        }
    }

    /// <summary>The seed of corrupted solution <paramref name="slot"/> (0-based among the corrupted ones) of problem <paramref name="problemIndex"/>: it picks the base sample's step and offset, and seeds the policy's continuation.</summary>
    public static ulong CorruptionSeed(ulong seed, long problemIndex, int slot) => SplitMix64.Combine(seed, 0x503, (ulong)problemIndex, (ulong)slot);

    /// <summary>
    /// The corrupted solutions of one problem, still without their continuation: slot <c>j</c> corrupts base sample
    /// <c>j mod n</c> (or the next sample that has a step ending in an integer and leaves room in the policy's context to
    /// continue; when none has, the slot repeats sample <c>j mod n</c> uncorrupted, so every problem has the same number
    /// of solutions).
    /// </summary>
    private IEnumerable<Drawn> Corrupted(long index, ArithProblem problem, int p, List<Drawn> samples)
    {
        var n = samples.Count;
        for (var j = 0; j < _options.CorruptedPerProblem; j++)
        {
            var random = new SplitMix64(CorruptionSeed(_options.Seed, index, j));
            Drawn? corrupted = null;
            for (var t = 0; t < n && corrupted is null; t++)
            {
                if (StepCorruption.Corrupt(samples[(j + t) % n].Text, ref random) is not { } c)
                    continue;
                var tokens = RewardDocument.Create(_tokenizer, problem.Prompt, c.Prefix).Tokens;
                if (tokens.Length < _session.Config.ContextLength)
                    corrupted = new Drawn(p, n + j, c.Prefix, c.Step, samples[0].Root) { Continuation = (CorruptionSeed(_options.Seed, index, j), tokens) };
            }
            yield return corrupted ?? samples[j % n] with { Sample = n + j };
        }
    }

    /// <summary>Samples the policy's continuation of every corrupted prefix in <paramref name="drawn"/> (all decoded together) and appends it to the prefix; returns the tokens generated.</summary>
    private long ContinueCorrupted(List<Drawn> drawn, List<SequenceHandle> owned, ref long prefilled, CancellationToken cancellationToken)
    {
        var pending = new List<(int Drawn, SequenceHandle Sequence, int Length)>();
        var rows = new List<BatchRow>();
        for (var i = 0; i < drawn.Count; i++)
        {
            if (drawn[i].Continuation is not { } continuation)
                continue;
            var tokens = continuation.PrefixTokens;
            var root = drawn[i].Root;
            var seq = root.Fork();
            owned.Add(seq);
            for (var t = root.Length; t < tokens.Length; t++)
                rows.Add(new BatchRow(seq, tokens[t], t == tokens.Length - 1));
            pending.Add((i, seq, tokens.Length));
        }
        if (pending.Count == 0)
            return 0;
        var vocab = _session.Config.VocabSize;
        var logits = new float[pending.Count * vocab];
        _session.Forward(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows), logits);
        prefilled += rows.Count;
        var jobs = pending.Select((x, k) => new RolloutJob(x.Sequence, x.Length, logits.AsSpan(k * vocab, vocab).ToArray(), drawn[x.Drawn].Continuation!.Value.Seed, 0)).ToList();
        var generated = _runner.Run(jobs, cancellationToken);
        for (var k = 0; k < pending.Count; k++)
        {
            var d = drawn[pending[k].Drawn];
            drawn[pending[k].Drawn] = d with { Text = d.Text + jobs[k].Text, Continuation = null };
        }
        return generated;
    }

    /// <summary>Whether <paramref name="text"/>'s final answer is <paramref name="problem"/>'s gold answer.</summary>
    private bool IsCorrect(ArithProblem problem, string text) =>
        _extractor.Extract(text) is { } answer && _equivalence.AreEquivalent(problem.Answer.ToString(System.Globalization.CultureInfo.InvariantCulture), answer);

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    /// <summary>A solution to label: problem position in the chunk, sample index, text, the corrupted step (if any) and the prompt's sequence.</summary>
    private sealed record Drawn(int Problem, int Sample, string Text, int? CorruptedStep, SequenceHandle Root)
    {
        /// <summary>For a corrupted prefix still to be continued: the continuation's seed and the prompt + prefix tokens.</summary>
        public (ulong Seed, int[] PrefixTokens)? Continuation { get; init; }
    }
}
