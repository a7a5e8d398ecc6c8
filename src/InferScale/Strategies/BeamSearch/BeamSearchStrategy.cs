namespace InferScale.Strategies;

/// <summary>
/// <c>beam-search</c> (Snell et al.): round 1 samples N first steps; every round scores the new steps with the PRM,
/// sets complete solutions aside, keeps the N/M best unfinished ones and samples M next steps of each; it stops after
/// <see cref="BeamSearchOptions.MaxRounds"/> rounds, when N solutions are complete, or when the budget refuses a call.
/// The answer is a weighted vote (best-of-N weighted) over the complete solutions.
/// </summary>
internal sealed class BeamSearchStrategy(BeamSearchOptions options) : ScalingStrategy<BeamSearchOptions>(BeamSearchStrategyExtensions.Name, options)
{
    protected override ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var search = new StepSearcher(run, Options.Aggregation);
        var width = StepSearchWidth.Resolve(Options.Width, run.Context.Budget);
        return BeamSearchLoop.RunAsync(search, width, Options.BeamWidth, Options.MaxRounds, search.ScoreAsync, cancellationToken);
    }
}
