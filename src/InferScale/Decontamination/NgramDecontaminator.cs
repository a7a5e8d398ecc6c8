using System.Collections.Frozen;

namespace InferScale.Decontamination;

/// <summary>
/// Tulu 3's n-gram decontamination: an evaluation instance is contaminated when more than half of its tokens are
/// covered by 8-grams it shares with a single training instance. The (small) evaluation set's n-grams are indexed
/// once; the (large) training set is streamed once, in parallel batches, so memory does not grow with it. Results do
/// not depend on the thread count (ties go to the earliest training instance).
/// </summary>
public sealed class NgramDecontaminator
{
    private const int BatchSize = 8192;

    private readonly DecontaminationOptions _options;
    private readonly int[] _evalTokenCounts;
    private readonly string?[] _evalIds;
    private readonly FrozenDictionary<ulong, Posting[]> _index;

    private readonly record struct Posting(int Eval, int Position);

    /// <summary>Indexes the evaluation texts (ids optional, parallel to the texts).</summary>
    public NgramDecontaminator(IReadOnlyList<string> evalTexts, IReadOnlyList<string?>? evalIds = null, DecontaminationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(evalTexts);
        _options = options ?? new DecontaminationOptions();
        _options.Validate();
        if (evalIds is not null && evalIds.Count != evalTexts.Count)
            throw new ArgumentException($"{evalIds.Count} ids for {evalTexts.Count} evaluation texts.", nameof(evalIds));
        _evalIds = evalIds?.ToArray() ?? new string?[evalTexts.Count];
        _evalTokenCounts = new int[evalTexts.Count];
        var postings = new Dictionary<ulong, List<Posting>>();
        var tokens = new List<ulong>();
        var ngrams = new List<ulong>();
        for (var e = 0; e < evalTexts.Count; e++)
        {
            NgramTokens.TokenHashes(evalTexts[e], tokens);
            _evalTokenCounts[e] = tokens.Count;
            NgramTokens.NgramHashes(tokens, _options.NgramSize, ngrams);
            for (var p = 0; p < ngrams.Count; p++)
            {
                if (!postings.TryGetValue(ngrams[p], out var list))
                    postings[ngrams[p]] = list = [];
                list.Add(new Posting(e, p));
            }
        }
        _index = postings.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>Number of distinct evaluation n-grams indexed.</summary>
    public int IndexedNgrams => _index.Count;

    /// <summary>Streams <paramref name="trainTexts"/> and reports the contaminated evaluation instances.</summary>
    public DecontaminationReport Run(IEnumerable<string> trainTexts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainTexts);
        var best = new Best[_evalTokenCounts.Length];
        Array.Fill(best, new Best(0, long.MaxValue));
        var batch = new List<string>(BatchSize);
        long trainCount = 0;
        foreach (var text in trainTexts)
        {
            batch.Add(text);
            if (batch.Count == BatchSize)
            {
                ProcessBatch(batch, trainCount, best, cancellationToken);
                trainCount += batch.Count;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            ProcessBatch(batch, trainCount, best, cancellationToken);
            trainCount += batch.Count;
        }

        var contaminated = new List<ContaminatedInstance>();
        for (var e = 0; e < best.Length; e++)
        {
            if (best[e].Coverage > _options.InstanceThreshold)
                contaminated.Add(new ContaminatedInstance(e, _evalIds[e], best[e].Coverage, best[e].TrainIndex));
        }
        return new DecontaminationReport { EvalInstances = best.Length, TrainInstances = trainCount, Contaminated = contaminated, Options = _options };
    }

    private readonly record struct Best(double Coverage, long TrainIndex)
    {
        public bool Beats(Best other) => Coverage > other.Coverage || (Coverage == other.Coverage && TrainIndex < other.TrainIndex);
    }

    private void ProcessBatch(List<string> batch, long firstIndex, Best[] best, CancellationToken cancellationToken)
    {
        var workers = Math.Min(_options.Threads, Math.Max(1, batch.Count / 256));
        var locals = new Best[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, w =>
        {
            var local = new Best[best.Length];
            Array.Fill(local, new Best(0, long.MaxValue));
            var scratch = new Scratch(_evalTokenCounts);
            var start = batch.Count * w / workers;
            var end = batch.Count * (w + 1) / workers;
            for (var i = start; i < end; i++)
                Scan(batch[i], firstIndex + i, scratch, local);
            locals[w] = local;
        });
        foreach (var local in locals)
        {
            for (var e = 0; e < best.Length; e++)
            {
                if (local[e].Beats(best[e]))
                    best[e] = local[e];
            }
        }
    }

    private void Scan(string text, long trainIndex, Scratch scratch, Best[] local)
    {
        NgramTokens.TokenHashes(text, scratch.Tokens);
        NgramTokens.NgramHashes(scratch.Tokens, _options.NgramSize, scratch.Ngrams);
        foreach (var ngram in scratch.Ngrams)
        {
            if (!_index.TryGetValue(ngram, out var postings))
                continue;
            foreach (var posting in postings)
                scratch.Cover(posting.Eval, posting.Position, _options.NgramSize);
        }
        foreach (var e in scratch.Touched)
        {
            var coverage = (double)scratch.CoveredCount(e) / _evalTokenCounts[e];
            var candidate = new Best(coverage, trainIndex);
            if (candidate.Beats(local[e]))
                local[e] = candidate;
        }
        scratch.Reset();
    }

    /// <summary>Per-thread covered-token bitmaps for the evaluation instances one training line touched.</summary>
    private sealed class Scratch(int[] tokenCounts)
    {
        private readonly bool[]?[] _covered = new bool[]?[tokenCounts.Length];
        private readonly bool[] _touched = new bool[tokenCounts.Length];

        public List<ulong> Tokens { get; } = [];

        public List<ulong> Ngrams { get; } = [];

        public List<int> Touched { get; } = [];

        public void Cover(int eval, int position, int n)
        {
            var bits = _covered[eval] ??= new bool[tokenCounts[eval]];
            if (!_touched[eval])
            {
                _touched[eval] = true;
                Touched.Add(eval);
            }
            bits.AsSpan(position, n).Fill(true);
        }

        public int CoveredCount(int eval)
        {
            var count = 0;
            foreach (var b in _covered[eval]!)
                count += b ? 1 : 0;
            return count;
        }

        public void Reset()
        {
            foreach (var e in Touched)
            {
                Array.Clear(_covered[e]!);
                _touched[e] = false;
            }
            Touched.Clear();
        }
    }
}
