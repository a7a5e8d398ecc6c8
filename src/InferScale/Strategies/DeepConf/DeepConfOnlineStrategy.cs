using InferScale.Generation;
using MathNet.Numerics.Statistics;

namespace InferScale.Strategies;

/// <summary>
/// <c>deepconf-online</c>: warm-up traces 0 … N_init−1 are drawn whole and set the threshold s = the (100 − η)th
/// percentile (linear interpolation) of their confidences; warm-up traces at or above s vote. Traces N_init, N_init+1, …
/// are grown in chunks by prefix continuation and stopped (<see cref="FinishReason.Cancelled"/>, no vote) as soon as
/// their lowest group confidence so far falls below s; every token generated is charged. Sampling ends when the leading
/// answer's share of the weighted vote reaches the consensus threshold, or the budget is spent.
/// </summary>
internal sealed class DeepConfOnlineStrategy(DeepConfOnlineOptions options)
    : ScalingStrategy<DeepConfOnlineOptions>(DeepConfOnlineStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var limit = SampleDraw.Limit(run.Context.Budget);
        var sampling = DeepConfVote.Sampling(run, Options);
        var warmup = await SampleDraw.DrawAsync(run, 0, Math.Min(Options.WarmupTraces, limit), sampling, cancellationToken).ConfigureAwait(false);
        var confidences = warmup.Select(s => DeepConfVote.Confidence(s, Options)).ToList();
        var known = confidences.Where(c => c is not null).Select(c => c!.Value).ToArray();
        if (known.Length == 0)
        {
            run.Note(TraceEventKind.Decision, "no warm-up trace has logprobs: falling back to an unweighted majority of the warm-up");
            return MajorityStrategy.Vote(run, [.. warmup.Select(s => run.Candidate(s))]);
        }
        var threshold = known.QuantileCustom(1 - Options.KeepPercent / 100.0, QuantileDefinition.R7);
        run.Note(TraceEventKind.Decision, $"threshold s = {threshold:G4} (the {100 - Options.KeepPercent:G3}th percentile of {known.Length} warm-up confidences)", 0, warmup.Count);
        var candidates = warmup.Select((s, i) => run.Candidate(s, confidences[i], kept: confidences[i] >= threshold)).ToList();
        var next = warmup.Count;
        while (next < limit && warmup.Count == Math.Min(Options.WarmupTraces, limit))
        {
            var share = DeepConfVote.LeaderShare(run, candidates);
            if (share >= Options.ConsensusThreshold)
            {
                run.Note(TraceEventKind.Decision, $"leader holds {share:P1} of the weighted vote >= {Options.ConsensusThreshold:P1}: stopping after {next} traces");
                break;
            }
            var trace = new ChunkedTrace(next);
            var budgetLeft = true;
            while (!trace.IsDone)
            {
                budgetLeft = await trace.ExtendAsync(run, sampling, Options.ChunkTokens, cancellationToken).ConfigureAwait(false);
                var low = TraceConfidence.LowestGroup(trace.Logprobs, Options.WindowSize, Options.TopLogprobs);
                if (!trace.IsDone && low < threshold)
                {
                    trace.Stop(FinishReason.Cancelled);
                    run.Note(TraceEventKind.Decision, $"trace {next} stopped after {trace.CompletionTokens} tokens: confidence {low:G4} < {threshold:G4}", next, 1);
                }
            }
            var sample = trace.ToSample(run);
            var confidence = DeepConfVote.Confidence(sample, Options);
            var votes = budgetLeft && trace.FinishReason is FinishReason.Stop or FinishReason.Length && confidence >= threshold;
            candidates.Add(run.Candidate(sample, confidence, kept: votes));
            next++;
            if (!budgetLeft)
                break;
        }
        return DeepConfVote.Complete(run, candidates);
    }
}
