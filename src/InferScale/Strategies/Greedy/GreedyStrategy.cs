namespace InferScale.Strategies;

/// <summary><c>greedy</c>: sample 0 decoded at temperature 0; its answer is the result.</summary>
internal sealed class GreedyStrategy(GreedyOptions options) : ScalingStrategy<GreedyOptions>(GreedyStrategyExtensions.Name, options)
{
    protected override async ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        var samples = await run.SampleAsync(0, 1, run.Sampling with { Temperature = 0 }, cancellationToken: cancellationToken).ConfigureAwait(false);
        var candidates = samples.Select(s => run.Candidate(s)).ToList();
        var chosen = candidates.FirstOrDefault(c => c.Error is null);
        return run.Complete(candidates, chosen?.Answer, chosen);
    }
}
