using InferScale.Tasks.Arith;

using InferScale.Randomness;

namespace InferScale.Strategies;

/// <summary>
/// The particle-filtering loop shared by <c>particle-filter</c> and <c>entropic-particle-filter</c> (Puri et al. 2025),
/// which differ only in the resampling temperature of each step.
/// </summary>
internal static class ParticleFilterLoop
{
    /// <summary>The most times the entropic filter raises the temperature in one step (so T ≤ T₀·factor¹⁰).</summary>
    public const int MaxAnnealings = 10;

    /// <summary>
    /// Step 1 samples N first steps (the particles). Each step then scores the new particles with the PRM, sets finished
    /// ones aside (they keep their score and vote at the end), weights the unfinished ones by
    /// <c>softmax(logit(score) / T)</c> with <c>T = temperature(step, logits)</c> (<see cref="StepWeights.LogOdds"/>), draws N − finished particles from them by systematic
    /// resampling (one uniform offset per step from the run's seed), and extends every drawn particle by one step (copies
    /// of one particle are one call, so they continue differently). Stops after <paramref name="maxSteps"/> steps, when no
    /// particle is unfinished or N are finished, or when the budget refuses a call. The answer is a weighted vote over the
    /// finished particles.
    /// </summary>
    public static async ValueTask<StrategyResult> RunAsync(
        StepSearcher search, int particles, int maxSteps, Func<int, IReadOnlyList<double>, double> temperature, CancellationToken cancellationToken)
    {
        var run = search.Run;
        var finished = new List<StepNode>();
        var others = new List<StepNode>();
        var active = new List<StepNode>();
        var parents = new List<(StepNode Node, int Copies)> { (StepSearcher.Root(), particles) };
        for (var step = 1; step <= maxSteps; step++)
        {
            (var round, var generated) = await search.ExpandRoundAsync(parents, finished, others, cancellationToken).ConfigureAwait(false);
            if (generated == 0)
                break;
            active = round;
            var draws = particles - finished.Count;
            if (active.Count == 0 || draws <= 0 || step == maxSteps)
            {
                run.Note(TraceEventKind.Decision, $"step {step}: {generated} particles extended, {finished.Count} finished; stopping");
                break;
            }
            var logits = StepWeights.LogOdds([.. active.Select(n => n.Score!.Value)]);
            var t = temperature(step, logits);
            var weights = StepWeights.Softmax(logits, t);
            var uniform = new SplitMix64(SplitMix64.Combine(run.Context.Seed, 0x50F1_7E27UL, (ulong)step)).NextDouble();
            var copiesOf = StepWeights.Systematic(weights, draws, uniform);
            parents = [.. active.Select((n, j) => (n, copiesOf[j])).Where(p => p.Item2 > 0)];
            run.Note(TraceEventKind.Decision,
                $"step {step}: {active.Count} unfinished, {finished.Count} finished; T = {t:G4}, weight entropy {StepWeights.NormalizedEntropy(weights):G3}; {draws} particles resampled onto {parents.Count}");
            active = [.. parents.Select(p => p.Node)];
        }
        return StepSearchOutcome.Complete(run, finished, others.Concat(active));
    }
}
