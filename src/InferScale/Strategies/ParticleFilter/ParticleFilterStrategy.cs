namespace InferScale.Strategies;

/// <summary>
/// <c>particle-filter</c> (Puri et al. 2025): particles are partial solutions, extended one step at a time, weighted by
/// the softmax of their PRM scores' log-odds at <see cref="ParticleFilterOptions.ResampleTemperature"/> and resampled
/// systematically (seeded); finished particles are kept and vote, weighted by their scores (see <see cref="ParticleFilterLoop"/>).
/// </summary>
internal sealed class ParticleFilterStrategy(ParticleFilterOptions options) : ScalingStrategy<ParticleFilterOptions>(ParticleFilterStrategyExtensions.Name, options)
{
    protected override ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var search = new StepSearcher(run, Options.Aggregation);
        var particles = StepSearchWidth.Resolve(Options.Particles, run.Context.Budget);
        return ParticleFilterLoop.RunAsync(search, particles, Options.MaxSteps, (_, _) => Options.ResampleTemperature, cancellationToken);
    }
}
