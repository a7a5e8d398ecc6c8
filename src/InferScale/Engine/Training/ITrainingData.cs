namespace InferScale.Engine.Training;

/// <summary>A seeded stream of training batches in which batch <c>step</c> is a pure function of the step (so a resumed run sees the same data).</summary>
public interface ITrainingData
{
    /// <summary>The batch for step <paramref name="step"/> (0-based).</summary>
    TrainingBatch Batch(long step, int batchSize, int sequenceLength);
}
