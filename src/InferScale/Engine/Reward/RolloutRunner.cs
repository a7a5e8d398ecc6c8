using System.Runtime.InteropServices;
using InferScale.Engine.Sampling;

namespace InferScale.Engine.Reward;

/// <summary>
/// Decodes many <see cref="RolloutJob"/>s together on one <see cref="EngineSession"/>: up to <c>maxActive</c> sequences
/// per decode step, finished ones leave and waiting ones join, exactly as <see cref="EngineGenerator"/> does for the
/// samples of one prompt (same sampler chain, same random streams, same stop rules: EOS, <c>maxTokens</c>, or a full
/// context). Because the engine's numerics are batch-invariant, a rollout's text does not depend on what else is decoded.
/// </summary>
internal sealed class RolloutRunner(EngineSession session, ITokenizer tokenizer, SamplerChain sampler, int maxTokens, int maxActive)
{
    private float[] _logits = [];

    /// <summary>Runs every job to completion (sets <see cref="RolloutJob.Text"/> and <see cref="RolloutJob.Tokens"/>); returns the tokens generated.</summary>
    public long Run(IReadOnlyList<RolloutJob> jobs, CancellationToken cancellationToken)
    {
        var vocab = session.Config.VocabSize;
        if (_logits.Length < maxActive * vocab)
            _logits = new float[maxActive * vocab];
        var active = new List<State>(maxActive);
        var seqs = new SequenceHandle[maxActive];
        var tokens = new int[maxActive];
        var next = 0;
        long generated = 0;
        try
        {
            while (true)
            {
                while (active.Count < maxActive && next < jobs.Count)
                {
                    var job = jobs[next++];
                    active.Add(new State(job, new SampleRandom(job.Seed, job.Index), job.Parent.Fork(job.Length)));
                }
                foreach (var s in active)
                {
                    var row = s.Row < 0 ? s.Job.Logits.AsSpan() : _logits.AsSpan(s.Row * vocab, vocab);
                    var token = sampler.Sample(row, ref s.Random);
                    s.Ids.Add(token);
                    if (token == tokenizer.EosId)
                        Finish(s, CollectionsMarshal.AsSpan(s.Ids)[..^1]);
                    else if (s.Ids.Count >= maxTokens || s.Sequence!.Length + 1 >= session.Config.ContextLength)
                        Finish(s, CollectionsMarshal.AsSpan(s.Ids));
                }
                foreach (var s in active)
                {
                    if (s.Sequence is null)
                        generated += s.Ids.Count;
                }
                active.RemoveAll(s => s.Sequence is null);
                if (active.Count == 0 && next == jobs.Count)
                    break;
                cancellationToken.ThrowIfCancellationRequested();
                if (active.Count == 0)
                    continue;
                for (var k = 0; k < active.Count; k++)
                {
                    seqs[k] = active[k].Sequence!;
                    tokens[k] = active[k].Ids[^1];
                    active[k].Row = k;
                }
                session.DecodeStep(seqs.AsSpan(0, active.Count), tokens.AsSpan(0, active.Count), _logits);
            }
        }
        finally
        {
            foreach (var s in active)
                s.Sequence?.Release();
        }
        return generated;
    }

    private void Finish(State s, ReadOnlySpan<int> ids)
    {
        s.Job.Text = tokenizer.Decode(ids);
        s.Job.Tokens = s.Ids.Count;
        s.Sequence!.Release();
        s.Sequence = null;
    }

    private sealed class State(RolloutJob job, SampleRandom random, SequenceHandle sequence)
    {
        public SampleRandom Random = random;

        public RolloutJob Job { get; } = job;

        public SequenceHandle? Sequence { get; set; } = sequence;

        public List<int> Ids { get; } = [];

        public int Row { get; set; } = -1;
    }
}
