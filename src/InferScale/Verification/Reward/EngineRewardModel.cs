using InferScale.Engine;
using InferScale.Engine.Reward;
using InferScale.Engine.Training;
using InferScale.Generation;

namespace InferScale.Verification.Reward;

/// <summary>
/// A learned reward model on the embedded engine: a llama trunk with a scalar value head
/// (<see cref="RewardGguf"/> files such as <c>models/arith-prm.gguf</c>). A solution is read as a
/// <see cref="RewardDocument"/> (steps = non-blank lines) in ONE forward pass, and step <c>i</c>'s score is the head's
/// output at the newline ending it — by causality exactly the score the prefix of the first <c>i</c> steps gets on its
/// own. <see cref="RewardScore.Final"/> is the last step's score (for an outcome model, the score at the end of the
/// solution; an empty solution is scored at the end of the prompt).
/// <para>
/// Calls that arrive while a forward pass runs are packed into the next pass (up to <c>maxRows</c> rows of the
/// context length), and <see cref="ScoreManyAsync"/> packs a whole list; a score never depends on what shares its
/// pass (the trainer's kernels fix every reduction order per row), so results are deterministic. Usage per call:
/// one call, <see cref="Usage.VerifierTokens"/> = the tokens read, <see cref="Usage.Flops"/> per <see cref="EngineFlops"/>
/// (without the language-model head). A prompt and solution longer than the context get NaN for the steps past it
/// (and an error when the last one is). Thread-safe.
/// </para>
/// </summary>
public sealed class EngineRewardModel : IRewardModel
{
    private readonly TrainingModel _model;
    private readonly ITokenizer _tokenizer;
    private readonly TimeProvider _time;
    private readonly int _maxRows;
    private readonly Lock _lock = new();
    private readonly List<Pending> _queue = [];
    private bool _running;

    /// <summary>A reward model over <paramref name="file"/>'s weights, running forward passes on <paramref name="threads"/> threads, at most <paramref name="maxRows"/> rows of the context length per pass.</summary>
    public EngineRewardModel(RewardModelFile file, int threads = 1, int maxRows = 4, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        _model = file.ToTrainingModel();
        _model.Threads = threads;
        _tokenizer = file.Tokenizer;
        _time = time ?? TimeProvider.System;
        _maxRows = maxRows;
        Kind = file.Kind;
        Name = file.Name;
    }

    /// <summary>Loads <paramref name="path"/> (see <see cref="RewardGguf.Load(string)"/>: a policy file without a value head fails with a message saying so).</summary>
    public static EngineRewardModel Open(string path, int threads = 1, int maxRows = 4, TimeProvider? time = null) =>
        new(RewardGguf.Load(path), threads, maxRows, time);

    /// <summary>Process or outcome model.</summary>
    public RewardModelKind Kind { get; }

    /// <summary>The model's name (<c>general.name</c>).</summary>
    public string Name { get; }

    /// <summary>The trunk's shape.</summary>
    public TransformerConfig Config => _model.Config;

    /// <inheritdoc />
    public async ValueTask<RewardScore> ScoreAsync(string prompt, string solution, CancellationToken cancellationToken = default)
    {
        var scores = await ScoreManyAsync([(prompt, solution)], cancellationToken).ConfigureAwait(false);
        return scores[0];
    }

    /// <summary>Scores several (prompt, solution) pairs, packed into as few forward passes as fit; results in input order.</summary>
    public async ValueTask<IReadOnlyList<RewardScore>> ScoreManyAsync(IReadOnlyList<(string Prompt, string Solution)> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(items[i].Prompt);
            ArgumentNullException.ThrowIfNull(items[i].Solution);
            pending[i] = new Pending(RewardDocument.Create(_tokenizer, items[i].Prompt, items[i].Solution));
        }
        bool run;
        lock (_lock)
        {
            _queue.AddRange(pending);
            run = !_running;
            _running = true;
        }
        if (run)
            Drain();
        var result = new RewardScore[pending.Length];
        for (var i = 0; i < pending.Length; i++)
            result[i] = await pending[i].Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs forward passes until the queue is empty (one caller at a time drains; later callers' items join its next pass).</summary>
    private void Drain()
    {
        while (true)
        {
            List<Pending> take;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _running = false;
                    return;
                }
                take = TakePass();
            }
            try
            {
                Run(take);
            }
            catch (Exception ex)
            {
                foreach (var p in take)
                    p.Result.TrySetException(ex);
            }
        }
    }

    /// <summary>Removes from the queue the items of the next pass: whole documents first-fit in queue order into at most <c>maxRows</c> rows.</summary>
    private List<Pending> TakePass()
    {
        var context = _model.Config.ContextLength;
        var take = new List<Pending>();
        int rows = 1, used = 0;
        foreach (var p in _queue)
        {
            var length = Math.Min(p.Document.Tokens.Length, context);
            if (used + length > context)
            {
                if (rows == _maxRows)
                    break;
                rows++;
                used = 0;
            }
            p.Row = rows - 1;
            p.Offset = used;
            used += length;
            take.Add(p);
        }
        _queue.RemoveRange(0, take.Count);
        return take;
    }

    private void Run(List<Pending> pass)
    {
        var start = _time.GetTimestamp();
        var config = _model.Config;
        var rowsUsed = pass[^1].Row + 1;
        var rows = 1;
        while (rows < rowsUsed)
            rows *= 2;
        var longest = pass.GroupBy(p => p.Row).Max(g => g.Sum(p => Math.Min(p.Document.Tokens.Length, config.ContextLength)));
        var width = Math.Min(config.ContextLength, (longest + 31) / 32 * 32);
        var batch = new TrainingBatch(rows, width);
        Array.Fill(batch.Inputs, Math.Max(_tokenizer.EosId, 0));
        foreach (var p in pass)
        {
            var tokens = p.Document.Tokens;
            var length = Math.Min(tokens.Length, config.ContextLength);
            var at = p.Row * width + p.Offset;
            for (var i = 0; i < length; i++)
            {
                batch.Inputs[at + i] = tokens[i];
                batch.Positions[at + i] = i;
            }
        }
        var values = _model.Values(batch);
        var elapsed = _time.GetElapsedTime(start);
        foreach (var p in pass)
        {
            var doc = p.Document;
            var length = Math.Min(doc.Tokens.Length, config.ContextLength);
            var at = p.Row * width + p.Offset;
            double Score(int position) => position < length ? values[at + position] : double.NaN;
            var steps = doc.StepEnds.Select(Score).ToArray();
            var final = steps.Length == 0 ? Score(doc.PromptEnd) : steps[^1];
            double flops = 0;
            for (var i = 0; i < length; i++)
                flops += EngineFlops.PerToken(config, i, withHead: false) + 2.0 * config.Dim;
            var usage = new Usage { Calls = 1, VerifierTokens = length, Flops = flops, WallTime = elapsed };
            var score = new RewardScore(steps, final, usage)
            {
                Error = double.IsNaN(final)
                    ? $"the prompt and solution are {doc.Tokens.Length} tokens; the reward model '{Name}' reads at most {config.ContextLength}"
                    : null,
            };
            p.Result.TrySetResult(score);
        }
    }

    private sealed class Pending(RewardDocument document)
    {
        public RewardDocument Document { get; } = document;

        public TaskCompletionSource<RewardScore> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Row { get; set; }

        public int Offset { get; set; }
    }
}
