namespace InferScale.Verification.Reward;

/// <summary>What an <see cref="LlmJudgeRewardModel"/> asks the judge for.</summary>
public enum JudgeMode
{
    /// <summary>One grade from 0 to 10 for the whole solution; <see cref="RewardScore.Final"/> is grade / 10.</summary>
    OutcomeScore,

    /// <summary>A yes/no verdict per step (1 or 0); the outcome is their aggregate.</summary>
    StepVerdicts,
}
