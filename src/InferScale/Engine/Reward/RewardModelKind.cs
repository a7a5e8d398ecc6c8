namespace InferScale.Engine.Reward;

/// <summary>What a learned reward model was trained to predict.</summary>
public enum RewardModelKind
{
    /// <summary>A process reward model: at each step, the probability that the policy finishes correctly from there (Monte-Carlo rollout labels).</summary>
    Process,

    /// <summary>An outcome reward model: the probability that the solution's final answer is correct (labelled with the sampled solution's own outcome).</summary>
    Outcome,
}
