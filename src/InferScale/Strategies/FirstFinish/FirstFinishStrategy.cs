using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>
/// <c>first-finish</c>: among samples 0 … n−1, the one that finished (<see cref="FinishReason.Stop"/>) with the fewest
/// completion tokens, ties to the lower index. In lock-step mode (<see cref="FirstFinishOptions.ChunkTokens"/>) the
/// samples grow one chunk per round and the run stops after the first round in which any finished; the others are
/// stopped (<see cref="FinishReason.Cancelled"/>).
/// </summary>
internal sealed class FirstFinishStrategy(FirstFinishOptions options) : ScalingStrategy<FirstFinishOptions>(FirstFinishStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var n = SampleDraw.Limit(run.Context.Budget);
        List<Sample> samples;
        if (Options.ChunkTokens is int chunk)
        {
            var traces = Enumerable.Range(0, n).Select(i => new ChunkedTrace(i)).ToList();
            var round = 0;
            while (traces.Any(t => !t.IsDone) && !traces.Any(t => t.FinishReason == FinishReason.Stop && t.IsDone))
            {
                var budgetLeft = true;
                foreach (var t in traces.Where(t => !t.IsDone))
                {
                    if (!budgetLeft || !await t.ExtendAsync(run, run.Sampling, chunk, cancellationToken).ConfigureAwait(false))
                    {
                        budgetLeft = false;
                        t.Stop(FinishReason.Cancelled);
                    }
                }
                round++;
                if (!budgetLeft)
                    break;
            }
            foreach (var t in traces.Where(t => !t.IsDone))
                t.Stop(FinishReason.Cancelled);
            run.Note(TraceEventKind.Decision, $"{round} lock-step rounds of {chunk} tokens; {traces.Count(t => t.FinishReason == FinishReason.Stop)} finished");
            samples = [.. traces.Where(t => t.CompletionTokens > 0 || t.FinishReason == FinishReason.Error).Select(t => t.ToSample(run))];
        }
        else
        {
            samples = await SampleDraw.DrawAsync(run, 0, n, null, cancellationToken).ConfigureAwait(false);
        }
        var finished = samples.Where(s => s.FinishReason == FinishReason.Stop).OrderBy(s => s.CompletionTokens).ThenBy(s => s.Index).FirstOrDefault();
        var candidates = samples.Select(s => run.Candidate(s, kept: s.FinishReason == FinishReason.Stop)).ToList();
        if (finished is null)
        {
            run.Note(TraceEventKind.Decision, "no sample finished");
            return run.Complete(candidates, null, null);
        }
        run.Note(TraceEventKind.Decision, $"sample {finished.Index} finished first ({finished.CompletionTokens} tokens)", finished.Index, 1);
        return run.Complete(candidates, finished.Answer, candidates.First(c => c.Index == finished.Index));
    }
}
