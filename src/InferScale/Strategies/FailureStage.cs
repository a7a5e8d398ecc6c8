namespace InferScale.Strategies;

/// <summary>Where a candidate failed.</summary>
public enum FailureStage
{
    /// <summary>The generator threw or returned <see cref="Generation.FinishReason.Error"/> for the sample.</summary>
    Generation,

    /// <summary>The reward model threw or returned a NaN score.</summary>
    Scoring,
}
