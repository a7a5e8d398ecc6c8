namespace InferScale.Strategies;

/// <summary>
/// <c>pass-at-k</c>: draws samples 0 … k−1 and grades each against the gold answer. The answer is the first correct
/// sample's (else sample 0's); <see cref="StrategyResult.IsCorrect"/> is whether any sample is correct.
/// </summary>
internal sealed class PassAtKStrategy(PassAtKOptions options) : ScalingStrategy<PassAtKOptions>(PassAtKStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        if (run.Context.Problem.Gold is null)
            throw new ArgumentException($"pass-at-k is an oracle: problem '{run.Context.Problem.Id}' needs a gold answer (Problem.Gold).", "context");
        var k = SampleDraw.Limit(run.Context.Budget);
        var candidates = new List<StrategyCandidate>();
        if (Options.StopAtFirstCorrect)
        {
            for (var i = 0; i < k; i++)
            {
                var one = await run.SampleAsync(i, 1, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (one.Count == 0)
                    break;
                var candidate = run.Candidate(one[0]);
                candidates.Add(candidate);
                if (candidate.IsCorrect == true)
                {
                    run.Note(TraceEventKind.Decision, $"sample {i} is correct: stopping", i, 1);
                    break;
                }
            }
        }
        else
        {
            var samples = await SampleDraw.DrawAsync(run, 0, k, null, cancellationToken).ConfigureAwait(false);
            candidates.AddRange(samples.Select(s => run.Candidate(s)));
        }
        var chosen = candidates.FirstOrDefault(c => c.IsCorrect == true) ?? candidates.FirstOrDefault(c => c.Answer is not null);
        var correct = candidates.Count(c => c.IsCorrect == true);
        run.Note(TraceEventKind.Decision, $"{correct} of {candidates.Count} samples correct");
        return run.Complete(candidates, chosen?.Answer, chosen, isCorrect: correct > 0);
    }
}
