namespace InferScale.Strategies;

/// <summary>
/// <c>entropic-particle-filter</c>: the particle filter of <see cref="ParticleFilterLoop"/> with an annealing schedule
/// that keeps diversity. Each step starts from the base temperature T₀ (<see cref="EntropicParticleFilterOptions.ResampleTemperature"/>);
/// while the normalised entropy <c>H(w)/ln n</c> of the weights <c>softmax(logit(score)/T)</c> is below
/// <see cref="EntropicParticleFilterOptions.EntropyThreshold"/>, T is multiplied by
/// <see cref="EntropicParticleFilterOptions.AnnealingFactor"/> (at most <see cref="ParticleFilterLoop.MaxAnnealings"/>
/// times), flattening the weights so that resampling does not collapse onto one particle. Each annealing is traced.
/// </summary>
internal sealed class EntropicParticleFilterStrategy(EntropicParticleFilterOptions options)
    : ScalingStrategy<EntropicParticleFilterOptions>(EntropicParticleFilterStrategyExtensions.Name, options)
{
    protected override ValueTask<StrategyResult> RunCoreAsync(StrategyRun run, CancellationToken cancellationToken)
    {
        run.RequireRewardModel();
        var search = new StepSearcher(run, Options.Aggregation);
        var particles = StepSearchWidth.Resolve(Options.Particles, run.Context.Budget);
        return ParticleFilterLoop.RunAsync(search, particles, Options.MaxSteps, Temperature, cancellationToken);

        double Temperature(int step, IReadOnlyList<double> logits)
        {
            var t = Options.ResampleTemperature;
            var entropy = StepWeights.NormalizedEntropy(StepWeights.Softmax(logits, t));
            var raises = 0;
            while (entropy < Options.EntropyThreshold && raises < ParticleFilterLoop.MaxAnnealings && Options.AnnealingFactor > 1)
            {
                t *= Options.AnnealingFactor;
                entropy = StepWeights.NormalizedEntropy(StepWeights.Softmax(logits, t));
                raises++;
            }
            if (raises > 0)
                run.Note(TraceEventKind.Decision, $"step {step}: weight entropy below {Options.EntropyThreshold:G3}; annealed T {Options.ResampleTemperature:G4} -> {t:G4} ({raises}x), entropy now {entropy:G3}");
            return t;
        }
    }
}
