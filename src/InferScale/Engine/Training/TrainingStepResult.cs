namespace InferScale.Engine.Training;

/// <summary>What one optimiser step did.</summary>
/// <param name="Step">Steps completed, this one included (1-based).</param>
/// <param name="Loss">Mean masked cross-entropy of the step's batch, before the update (nats per token).</param>
/// <param name="LearningRate">Learning rate used.</param>
/// <param name="GradNorm">Global gradient L2 norm before clipping.</param>
/// <param name="Tokens">Positions processed (B·T, padding included).</param>
/// <param name="TrainedTokens">Positions with a loss weight (completion tokens by default).</param>
/// <param name="Elapsed">Wall time of the step (forward, backward, update), from the trainer's <see cref="TimeProvider"/>.</param>
public readonly record struct TrainingStepResult(long Step, float Loss, float LearningRate, float GradNorm, int Tokens, int TrainedTokens, TimeSpan Elapsed)
{
    /// <summary>Processed positions per second of wall time.</summary>
    public double TokensPerSecond => Elapsed > TimeSpan.Zero ? Tokens / Elapsed.TotalSeconds : 0;
}
