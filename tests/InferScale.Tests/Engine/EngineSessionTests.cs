using InferScale.Engine;

namespace InferScale.Tests.Engine;

public sealed class EngineSessionTests
{
    private static readonly int Vocab = TinyModels.Config.VocabSize;

    [Fact]
    public void Forward_AllPositions_AgreesWithScalarReferenceModel()
    {
        var tokens = TinyModels.Tokens(1, 40);
        var expected = ReferenceTransformer.Forward(TinyModels.Config, TinyModels.Weights, tokens);
        using var session = TinyModels.Session(threads: 2);
        var seq = session.CreateSequence();
        var rows = tokens.Select(t => new BatchRow(seq, t, true)).ToArray();
        var logits = new float[tokens.Length * Vocab];
        session.Forward(rows, logits);
        var maxDiff = 0.0;
        for (var p = 0; p < tokens.Length; p++)
        {
            for (var v = 0; v < Vocab; v++)
                maxDiff = Math.Max(maxDiff, Math.Abs(expected[p][v] - logits[p * Vocab + v]));
        }
        Assert.True(maxDiff < 1e-3, $"max abs diff {maxDiff}");
        Assert.Equal(tokens.Length, seq.Length);
        Assert.Equal(tokens, seq.Tokens.ToArray());
    }

    [Fact]
    public void Forward_SequenceAloneBatchedForkedChunkedThreaded_LogitsAreBitIdentical()
    {
        var prompt = TinyModels.Tokens(2, 41);
        var continuation = TinyModels.Tokens(3, 12);

        // A: alone, one thread, the prompt in one call.
        List<float[]> alone;
        using (var s = TinyModels.Session(threads: 1, maxBatchRows: 64))
        {
            var seq = s.CreateSequence();
            alone = Decode(s, [seq], prompt, continuation, target: 0, prefill: (sq, t, l) => s.Prefill(sq, t, l));
        }

        // B: two threads, prefill chunked by the session (8 rows), in a batch of 21 sequences of other lengths.
        using (var s = TinyModels.Session(threads: 2, maxBatchRows: 32))
        {
            var others = Enumerable.Range(0, 20).Select(i =>
            {
                var o = s.CreateSequence();
                s.Prefill(o, TinyModels.Tokens(100 + i, 30 + i), []);
                return o;
            }).ToList();
            var target = s.CreateSequence();
            others.Insert(7, target);
            var batched = Decode(s, others, prompt, continuation, target: 7, prefill: (sq, t, l) => s.Prefill(sq, t, l));
            AssertBitIdentical(alone, batched, "batched with 20 others, 2 threads, chunked by 32");
        }

        // C: prefix shared with a fork taken mid-block, the rest prefilled by hand in uneven chunks, 2 threads.
        using (var s = TinyModels.Session(threads: 2, maxBatchRows: 8))
        {
            var parent = s.CreateSequence();
            s.Prefill(parent, prompt.AsSpan(0, 21), []);
            var sibling = parent.Fork();
            s.Prefill(sibling, TinyModels.Tokens(9, 5), []);
            var target = parent.Fork();
            parent.Release();
            var forked = Decode(s, [sibling, target], prompt.AsSpan(21).ToArray(), continuation, target: 1, prefill: (sq, t, l) =>
            {
                for (var i = 0; i < t.Length; i += 3)
                {
                    var n = Math.Min(3, t.Length - i);
                    s.Prefill(sq, t.Slice(i, n), i + n == t.Length ? l : []);
                }
            });
            AssertBitIdentical(alone, forked, "forked from a shared prefix, chunks of 3");
        }
    }

    private delegate void PrefillFn(SequenceHandle seq, ReadOnlySpan<int> tokens, Span<float> logits);

    /// <summary>Prefills the target, then decodes <paramref name="continuation"/> in lock-step with every sequence; returns the target's logits per step.</summary>
    private static List<float[]> Decode(EngineSession s, List<SequenceHandle> seqs, int[] prompt, int[] continuation, int target, PrefillFn prefill)
    {
        var result = new List<float[]>();
        var first = new float[Vocab];
        prefill(seqs[target], prompt, first);
        result.Add(first);
        var logits = new float[seqs.Count * Vocab];
        var tokens = new int[seqs.Count];
        foreach (var t in continuation)
        {
            for (var i = 0; i < seqs.Count; i++)
                tokens[i] = i == target ? t : (t + i) % Vocab;
            s.DecodeStep(seqs.ToArray(), tokens, logits);
            result.Add(logits.AsSpan(target * Vocab, Vocab).ToArray());
        }
        return result;
    }

    private static void AssertBitIdentical(List<float[]> expected, List<float[]> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var step = 0; step < expected.Count; step++)
            Assert.True(expected[step].AsSpan().SequenceEqual(actual[step]), $"{what}: logits differ at step {step}");
    }

    [Fact]
    public void Fork_BothBranchesExtended_EachMatchesAnUnforkedSequence()
    {
        var prompt = TinyModels.Tokens(4, 20);
        var a = TinyModels.Tokens(5, 6);
        var b = TinyModels.Tokens(6, 6);
        using var s = TinyModels.Session(blockSize: 8);
        float[] Fresh(int[] tail)
        {
            var seq = s.CreateSequence();
            var l = new float[Vocab];
            s.Prefill(seq, [.. prompt, .. tail], l);
            seq.Release();
            return l;
        }
        var expectedA = Fresh(a);
        var expectedB = Fresh(b);
        var parent = s.CreateSequence();
        s.Prefill(parent, prompt, []);
        var child = parent.Fork();
        var la = new float[Vocab];
        var lb = new float[Vocab];
        s.Prefill(parent, a, la);
        s.Prefill(child, b, lb);
        Assert.True(expectedA.AsSpan().SequenceEqual(la));
        Assert.True(expectedB.AsSpan().SequenceEqual(lb));
    }

    [Fact]
    public void Release_AllSequences_ReturnsBlocksToThePoolForReuse()
    {
        using var s = TinyModels.Session(blockSize: 8);
        var root = s.CreateSequence();
        s.Prefill(root, TinyModels.Tokens(7, 20), []);
        Assert.Equal(3, s.Cache.BlocksInUse);
        var forks = Enumerable.Range(0, 5).Select(_ => root.Fork()).ToList();
        Assert.Equal(3, s.Cache.BlocksInUse);
        foreach (var f in forks)
            s.Prefill(f, [3], []);
        // Each fork copied the shared partial last block on its first write; the full blocks stay shared.
        Assert.Equal(3 + 5, s.Cache.BlocksInUse);
        var allocated = s.Cache.BlocksAllocated;
        foreach (var f in forks)
            f.Release();
        root.Release();
        Assert.Equal(0, s.Cache.BlocksInUse);
        var again = s.CreateSequence();
        s.Prefill(again, TinyModels.Tokens(8, 30), []);
        Assert.Equal(allocated, s.Cache.BlocksAllocated);
    }

    [Fact]
    public void Forward_SequenceFull_ThrowsNamingTheContextLength()
    {
        using var s = TinyModels.Session();
        var seq = s.CreateSequence();
        s.Prefill(seq, TinyModels.Tokens(1, TinyModels.Config.ContextLength), []);
        var ex = Assert.Throws<InvalidOperationException>(() => s.Prefill(seq, [2], []));
        Assert.Contains("256", ex.Message);
    }

    [Fact]
    public void ExecutedFlops_Prefill_FollowsTheDocumentedFormula()
    {
        using var s = TinyModels.Session();
        var seq = s.CreateSequence();
        s.Prefill(seq, TinyModels.Tokens(1, 10), new float[Vocab]);
        var expected = Enumerable.Range(0, 10).Sum(p => EngineFlops.PerToken(TinyModels.Config, p, withHead: p == 9));
        Assert.Equal(expected, s.ExecutedFlops, 6);
        Assert.Equal(10, s.ComputedTokens);
    }
}
