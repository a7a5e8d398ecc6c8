using System.Buffers;
using System.Numerics.Tensors;
using InferScale.Engine.Kernels;

namespace InferScale.Engine;

/// <summary>
/// The low-level engine: a model, its paged KV cache and a kernel thread pool. Sequences are created, prefilled,
/// forked, extended and released here; one <see cref="Forward"/> call runs any mix of rows from any sequences.
/// Numerics are batch-invariant: a sequence's logits are bit-identical whatever else shares the batch, the thread
/// count, whether its prefix was shared or forked, and how its prompt was chunked. Not thread-safe: one caller at a time.
/// </summary>
public sealed class EngineSession : IDisposable
{
    private readonly TransformerWeights _weights;
    private readonly WeightMatrix[] _wqkv;
    private readonly WeightMatrix[] _wGateUp;
    private readonly float[] _ropeCos;
    private readonly float[] _ropeSin;
    private readonly WorkerPool _pool;
    private readonly AttentionWork _attention;
    private readonly int _qkvDim;
    private readonly int _capacity;
    private readonly float[] _x;
    private readonly float[] _xb;
    private readonly float[] _qkv;
    private readonly float[] _att;
    private readonly float[] _proj;
    private readonly float[] _hh;
    private readonly float[] _act;
    private readonly int[] _positions;
    private readonly int[] _tokens;
    private readonly float[][] _kvData;
    private readonly int[] _kvSlot;
    private readonly SequenceHandle[] _rowSeq;
    private BatchRow[] _rowScratch = new BatchRow[16];

    /// <summary>Creates a session over <paramref name="weights"/> (validated against <paramref name="config"/>).</summary>
    public EngineSession(TransformerConfig config, TransformerWeights weights, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        weights.Validate(config);
        Options = options ?? new EngineOptions();
        Options.Validate();
        Config = config;
        _weights = weights;
        Cache = new KvCache(config, Options.KvBlockSize);
        _qkvDim = config.Dim + 2 * config.KvDim;
        _wqkv = new WeightMatrix[config.Layers];
        _wGateUp = new WeightMatrix[config.Layers];
        for (var l = 0; l < config.Layers; l++)
        {
            var w = weights.Layers[l];
            _wqkv[l] = WeightMatrix.Concat(w.Wq, w.Wk, w.Wv);
            _wGateUp[l] = WeightMatrix.Concat(w.WGate, w.WUp);
        }
        var half = config.HeadDim / 2;
        _ropeCos = new float[config.ContextLength * half];
        _ropeSin = new float[config.ContextLength * half];
        Rope.BuildTable(config.ContextLength, config.HeadDim, config.RopeTheta, _ropeCos, _ropeSin);
        _pool = new WorkerPool(Options.Threads);
        _attention = new AttentionWork(this, Options.Threads, config.ContextLength);
        var r = _capacity = Options.MaxBatchRows;
        _x = new float[r * config.Dim];
        _xb = new float[r * config.Dim];
        _qkv = new float[r * _qkvDim];
        _att = new float[r * config.Dim];
        _proj = new float[r * config.Dim];
        _hh = new float[r * 2 * config.HiddenDim];
        _act = new float[r * config.HiddenDim];
        _positions = new int[r];
        _tokens = new int[r];
        _kvData = new float[r][];
        _kvSlot = new int[r];
        _rowSeq = new SequenceHandle[r];
    }

    /// <summary>The model's shape.</summary>
    public TransformerConfig Config { get; }

    /// <summary>The options in force.</summary>
    public EngineOptions Options { get; }

    /// <summary>The KV block pool.</summary>
    public KvCache Cache { get; }

    /// <summary>FLOPs executed so far by this session (see <see cref="EngineFlops"/> for the formula).</summary>
    public double ExecutedFlops { get; private set; }

    /// <summary>Token rows run through the model so far.</summary>
    public long ComputedTokens { get; private set; }

    /// <summary>
    /// Tells the session that no forward pass follows soon (a generation call ended), so its kernel threads sleep now
    /// instead of spinning for their next job and taking a core from the rest of the process. The next pass wakes them.
    /// </summary>
    public void Idle() => _pool.Park();

    /// <summary>A new empty sequence.</summary>
    public SequenceHandle CreateSequence() => new(this);

    /// <summary>
    /// Appends <paramref name="tokens"/> to <paramref name="sequence"/> (in chunks of <see cref="EngineOptions.MaxBatchRows"/>)
    /// and, when <paramref name="logits"/> is not empty, writes the logits after the last token (<c>[vocab]</c>).
    /// </summary>
    public void Prefill(SequenceHandle sequence, ReadOnlySpan<int> tokens, Span<float> logits)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var rows = ArrayPool<BatchRow>.Shared.Rent(Math.Max(1, tokens.Length));
        try
        {
            for (var i = 0; i < tokens.Length; i++)
                rows[i] = new BatchRow(sequence, tokens[i], i == tokens.Length - 1 && !logits.IsEmpty);
            Forward(rows.AsSpan(0, tokens.Length), logits);
        }
        finally
        {
            ArrayPool<BatchRow>.Shared.Return(rows, clearArray: true);
        }
    }

    /// <summary>Appends one token to each sequence and writes each one's logits (<c>[sequences, vocab]</c>).</summary>
    public void DecodeStep(ReadOnlySpan<SequenceHandle> sequences, ReadOnlySpan<int> tokens, Span<float> logits)
    {
        if (tokens.Length != sequences.Length)
            throw new ArgumentException($"{sequences.Length} sequences but {tokens.Length} tokens.", nameof(tokens));
        if (_rowScratch.Length < sequences.Length)
            _rowScratch = new BatchRow[Math.Max(sequences.Length, _rowScratch.Length * 2)];
        for (var i = 0; i < sequences.Length; i++)
            _rowScratch[i] = new BatchRow(sequences[i], tokens[i], true);
        Forward(_rowScratch.AsSpan(0, sequences.Length), logits);
    }

    /// <summary>
    /// Runs <paramref name="rows"/> through the model: each row appends its token to its sequence (rows of one sequence
    /// in position order). Writes the logits of the rows that ask for them, in row order, to <paramref name="logits"/>
    /// (<c>[rows needing logits, vocab]</c>).
    /// </summary>
    public void Forward(ReadOnlySpan<BatchRow> rows, Span<float> logits)
    {
        var needed = 0;
        foreach (var row in rows)
        {
            if (row.Sequence is null || !ReferenceEquals(row.Sequence.Session, this))
                throw new ArgumentException("Every row's sequence must belong to this session.", nameof(rows));
            row.Sequence.ThrowIfReleased();
            if ((uint)row.Token >= (uint)Config.VocabSize)
                throw new ArgumentOutOfRangeException(nameof(rows), row.Token, $"Token id {row.Token} is outside the vocabulary [0, {Config.VocabSize}).");
            if (row.NeedLogits)
                needed++;
        }
        if (logits.Length < (long)needed * Config.VocabSize)
            throw new ArgumentException($"logits has {logits.Length} elements; {needed} rows × {Config.VocabSize} needed.", nameof(logits));
        var done = 0;
        for (var c0 = 0; c0 < rows.Length; c0 += _capacity)
        {
            var chunk = rows.Slice(c0, Math.Min(_capacity, rows.Length - c0));
            var n = 0;
            foreach (var row in chunk)
                n += row.NeedLogits ? 1 : 0;
            ForwardChunk(chunk, logits.Slice(done * Config.VocabSize, n * Config.VocabSize));
            done += n;
        }
    }

    private void ForwardChunk(ReadOnlySpan<BatchRow> rows, Span<float> logits)
    {
        var c = Config;
        var r = rows.Length;
        var dim = c.Dim;
        var kvDim = c.KvDim;
        var half = c.HeadDim / 2;
        for (var i = 0; i < r; i++)
        {
            var seq = rows[i].Sequence;
            if (seq.Length >= c.ContextLength)
                throw new InvalidOperationException($"The sequence is full: the context length is {c.ContextLength} positions.");
            _positions[i] = seq.Length;
            _tokens[i] = rows[i].Token;
            (_kvData[i], _kvSlot[i]) = seq.Append(rows[i].Token);
            _rowSeq[i] = seq;
        }
        var x = _x.AsSpan(0, r * dim);
        _weights.TokenEmbedding.Lookup(dim, _tokens.AsSpan(0, r), x);
        for (var l = 0; l < c.Layers; l++)
        {
            var layer = _weights.Layers[l];
            for (var i = 0; i < r; i++)
                RmsNorm.Compute(x.Slice(i * dim, dim), layer.AttnNorm, c.RmsEps, _xb.AsSpan(i * dim, dim));
            _wqkv[l].MatMul(_xb, r, dim, _qkvDim, _qkv, _pool);
            var keyOffset = Cache.KeyOffset(l);
            var valueOffset = Cache.ValueOffset(l);
            for (var i = 0; i < r; i++)
            {
                var row = _qkv.AsSpan(i * _qkvDim, _qkvDim);
                var cos = _ropeCos.AsSpan(_positions[i] * half, half);
                var sin = _ropeSin.AsSpan(_positions[i] * half, half);
                Rope.Apply(row[..dim], c.Heads, c.HeadDim, cos, sin);
                Rope.Apply(row.Slice(dim, kvDim), c.KvHeads, c.HeadDim, cos, sin);
                row.Slice(dim, kvDim).CopyTo(_kvData[i].AsSpan(keyOffset + _kvSlot[i] * kvDim, kvDim));
                row.Slice(dim + kvDim, kvDim).CopyTo(_kvData[i].AsSpan(valueOffset + _kvSlot[i] * kvDim, kvDim));
            }
            _attention.Run(_pool, r, keyOffset, valueOffset);
            layer.Wo.MatMul(_att, r, dim, dim, _proj, _pool);
            TensorPrimitives.Add(x, _proj.AsSpan(0, r * dim), x);
            for (var i = 0; i < r; i++)
                RmsNorm.Compute(x.Slice(i * dim, dim), layer.FfnNorm, c.RmsEps, _xb.AsSpan(i * dim, dim));
            var h = c.HiddenDim;
            _wGateUp[l].MatMul(_xb, r, dim, 2 * h, _hh, _pool);
            for (var i = 0; i < r; i++)
                SiluMul.Compute(_hh.AsSpan(i * 2 * h, h), _hh.AsSpan(i * 2 * h + h, h), _act.AsSpan(i * h, h));
            layer.WDown.MatMul(_act, r, h, dim, _proj, _pool);
            TensorPrimitives.Add(x, _proj.AsSpan(0, r * dim), x);
        }
        var n = 0;
        for (var i = 0; i < r; i++)
        {
            if (rows[i].NeedLogits)
                RmsNorm.Compute(x.Slice(i * dim, dim), _weights.FinalNorm, c.RmsEps, _xb.AsSpan(n++ * dim, dim));
            ExecutedFlops += EngineFlops.PerToken(c, _positions[i], rows[i].NeedLogits);
            _rowSeq[i] = null!;
            _kvData[i] = null!;
        }
        if (n > 0)
            _weights.OutputHead.MatMul(_xb, n, dim, c.VocabSize, logits, _pool);
        ComputedTokens += r;
    }

    /// <summary>Stops the kernel threads.</summary>
    public void Dispose() => _pool.Dispose();

    /// <summary>Attention for every (row, head) of a chunk, split across threads in contiguous ranges.</summary>
    private sealed class AttentionWork(EngineSession session, int threads, int contextLength) : IPoolWork
    {
        private readonly float[][] _scores = Enumerable.Range(0, threads).Select(_ => new float[contextLength]).ToArray();
        private int _rows;
        private int _keyOffset;
        private int _valueOffset;

        public void Run(WorkerPool pool, int rows, int keyOffset, int valueOffset)
        {
            _rows = rows;
            _keyOffset = keyOffset;
            _valueOffset = valueOffset;
            long work = 0;
            for (var i = 0; i < rows; i++)
                work += session._positions[i] + 1;
            if (work * session.Config.Dim < 1 << 15)
                Execute(0, 1);
            else
                pool.Run(this);
        }

        public void Execute(int part, int parts)
        {
            var c = session.Config;
            var total = _rows * c.Heads;
            var (start, end) = PartRange.Of(total, 1, part, parts);
            var scores = _scores[part];
            var item = start;
            while (item < end)
            {
                var row = item / c.Heads;
                var h0 = item % c.Heads;
                var h1 = Math.Min(c.Heads, h0 + (end - item));
                Attention.ComputeHeads(
                    session._qkv.AsSpan(row * session._qkvDim, c.Dim), c.Heads, c.KvHeads, c.HeadDim,
                    session._rowSeq[row].BlockData, session.Cache.BlockSize, _keyOffset, _valueOffset,
                    session._positions[row] + 1, scores, session._att.AsSpan(row * c.Dim, c.Dim), h0, h1);
                item += h1 - h0;
            }
        }
    }
}
