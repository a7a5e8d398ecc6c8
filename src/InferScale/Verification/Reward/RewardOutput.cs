namespace InferScale.Verification.Reward;

/// <summary>What the values a pooling reward model returns mean.</summary>
public enum RewardOutput
{
    /// <summary>One value per step (process reward model); the outcome is their aggregate.</summary>
    Steps,

    /// <summary>An outcome reward: the last value returned is the score; no step scores.</summary>
    Outcome,
}
