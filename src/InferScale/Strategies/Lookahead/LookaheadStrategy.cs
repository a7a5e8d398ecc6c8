namespace InferScale.Strategies;

/// <summary>
/// <c>lookahead</c> (Snell et al.): beam search (see <see cref="BeamSearchLoop"/>) in which an unfinished step is
/// scored by rolling it out <see cref="LookaheadOptions.Lookahead"/> more steps at temperature 0 and scoring the
/// rollout's end with the PRM; the rollout itself is discarded (its compute is charged). A complete step is scored
/// as it is.
/// </summary>
internal sealed class LookaheadStrategy(LookaheadOptions options) : ScalingStrategy<LookaheadOptions>(LookaheadStrategyExtensions.Name, options)
{
    protected override ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var search = new StepSearcher(run, Options.Aggregation);
        var width = StepSearchWidth.Resolve(Options.Width, run.Context.Budget);
        return BeamSearchLoop.RunAsync(search, width, Options.BeamWidth, Options.MaxRounds, ScoreByRolloutAsync, cancellationToken);

        async ValueTask<bool> ScoreByRolloutAsync(StepNode step, CancellationToken ct)
        {
            if (step.IsComplete)
                return await search.ScoreAsync(step, ct).ConfigureAwait(false);
            var end = await search.RolloutAsync(step, Options.Lookahead, ct).ConfigureAwait(false);
            if (ReferenceEquals(end, step))
                return await search.ScoreAsync(step, ct).ConfigureAwait(false);
            if (!await search.ScoreAsync(end, ct).ConfigureAwait(false))
                return false;
            step.Reward = end.Reward;
            step.Score = end.Score;
            return true;
        }
    }
}
