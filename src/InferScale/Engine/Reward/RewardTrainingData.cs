using InferScale.Engine.Training;
using InferScale.Randomness;

namespace InferScale.Engine.Reward;

/// <summary>
/// Reward-model training batches from labelled solutions. Each solution is a <see cref="RewardDocument"/> whose step
/// ends carry the label (weight 1): for a <see cref="RewardModelKind.Process"/> model the Monte-Carlo value of the step
/// prefix, for an <see cref="RewardModelKind.Outcome"/> model the solution's outcome (0 or 1) at every step (a value
/// model in the manner of Cobbe et al.'s verifiers; its last step is the outcome score). Each epoch visits every
/// solution once in an order shuffled by (seed, epoch); documents are packed whole, in that order, into rows of T
/// tokens (positions restart per document, so attention stays inside each; row tails are padding with weight 0; a
/// document longer than a row is cut and loses the labels past the cut). Batch <c>s</c> holds rows
/// <c>s·B … s·B + B − 1</c> of the sequence of all epochs' rows, so it depends only on (data, seed, s).
/// </summary>
public sealed class RewardTrainingData : ITrainingData
{
    private readonly (int[] Tokens, int[] Ends, float[] Labels)[] _docs;
    private readonly ulong _seed;
    private readonly int _padToken;
    private readonly List<int[][]> _epochs = [];
    private readonly List<long> _epochStart = [0];
    private int _rowLength = -1;

    /// <summary>Documents for <paramref name="solutions"/> read by <paramref name="tokenizer"/>, labelled for <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">No solution has a step, or a solution's values do not match its steps (the message names the problem and sample).</exception>
    public RewardTrainingData(ITokenizer tokenizer, IReadOnlyList<LabelledSolution> solutions, RewardModelKind kind, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(solutions);
        var docs = new List<(int[], int[], float[])>(solutions.Count);
        foreach (var s in solutions)
        {
            var doc = RewardDocument.Create(tokenizer, s.Prompt, s.Solution);
            if (doc.StepEnds.Length != s.StepValues.Count)
                throw new ArgumentException($"{s.ProblemId} sample {s.Sample}: {s.StepValues.Count} values for {doc.StepEnds.Length} steps.", nameof(solutions));
            if (doc.StepEnds.Length == 0)
                continue;
            var labels = kind == RewardModelKind.Process
                ? s.StepValues.Select(v => (float)v).ToArray()
                : Enumerable.Repeat(s.Correct ? 1f : 0f, doc.StepEnds.Length).ToArray();
            docs.Add((doc.Tokens, doc.StepEnds, labels));
        }
        if (docs.Count == 0)
            throw new ArgumentException("No labelled solution has a step to train on.", nameof(solutions));
        _docs = [.. docs];
        _seed = seed;
        _padToken = Math.Max(tokenizer.EosId, 0);
        Kind = kind;
    }

    /// <summary>Documents (solutions with at least one step).</summary>
    public int Count => _docs.Length;

    /// <summary>What the labels are.</summary>
    public RewardModelKind Kind { get; }

    /// <summary>Labelled positions over one epoch.</summary>
    public long LabelledPositions => _docs.Sum(d => (long)d.Labels.Length);

    /// <summary>Mean label over one epoch.</summary>
    public double MeanLabel => _docs.SelectMany(d => d.Labels).Average(v => (double)v);

    /// <inheritdoc />
    public TrainingBatch Batch(long step, int batchSize, int sequenceLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (_rowLength != sequenceLength)
        {
            _epochs.Clear();
            _epochStart.Clear();
            _epochStart.Add(0);
            _rowLength = sequenceLength;
        }
        var batch = new TrainingBatch(batchSize, sequenceLength);
        for (var b = 0; b < batchSize; b++)
        {
            var row = Row(step * batchSize + b);
            var used = 0;
            foreach (var d in row)
            {
                var (tokens, ends, labels) = _docs[d];
                var length = Math.Min(tokens.Length, sequenceLength - used);
                var at = b * sequenceLength + used;
                for (var i = 0; i < length; i++)
                {
                    batch.Inputs[at + i] = tokens[i];
                    batch.Targets[at + i] = _padToken;
                    batch.Positions[at + i] = i;
                }
                for (var j = 0; j < ends.Length && ends[j] < length; j++)
                {
                    batch.LossMask[at + ends[j]] = 1f;
                    batch.ValueTargets[at + ends[j]] = labels[j];
                }
                used += length;
            }
            for (var i = used; i < sequenceLength; i++)
            {
                batch.Inputs[b * sequenceLength + i] = _padToken;
                batch.Targets[b * sequenceLength + i] = _padToken;
            }
        }
        return batch;
    }

    /// <summary>The documents of global row <paramref name="row"/>.</summary>
    private int[] Row(long row)
    {
        while (_epochStart[^1] <= row)
        {
            var rows = PackEpoch(_epochs.Count);
            _epochs.Add(rows);
            _epochStart.Add(_epochStart[^1] + rows.Length);
        }
        var e = _epochStart.BinarySearch(row);
        e = e >= 0 ? e : ~e - 1;
        return _epochs[e][row - _epochStart[e]];
    }

    private int[][] PackEpoch(int epoch)
    {
        var order = Enumerable.Range(0, _docs.Length).ToArray();
        var rng = new SplitMix64(SplitMix64.Combine(_seed, 0x4E0C, (ulong)epoch));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        var rows = new List<int[]>();
        var current = new List<int>();
        var used = 0;
        foreach (var d in order)
        {
            var length = Math.Min(_docs[d].Tokens.Length, _rowLength);
            if (used + length > _rowLength)
            {
                rows.Add([.. current]);
                current.Clear();
                used = 0;
            }
            current.Add(d);
            used += length;
        }
        if (current.Count > 0)
            rows.Add([.. current]);
        return [.. rows];
    }
}
