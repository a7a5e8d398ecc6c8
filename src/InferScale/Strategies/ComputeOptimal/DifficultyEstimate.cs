namespace InferScale.Strategies;

/// <summary>How <c>compute-optimal</c> estimates a question's difficulty.</summary>
public enum DifficultyEstimate
{
    /// <summary>The mean verifier score of a few probe samples (usable at test time).</summary>
    Predicted,

    /// <summary>Pass@1 from many samples graded against the gold answer (an upper bound; needs the gold).</summary>
    Oracle,
}
