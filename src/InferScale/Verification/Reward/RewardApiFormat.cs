namespace InferScale.Verification.Reward;

/// <summary>The HTTP API an <see cref="HttpRewardModel"/> calls.</summary>
public enum RewardApiFormat
{
    /// <summary>
    /// vLLM's pooling API (<c>POST /pooling</c> or <c>/v1/pooling</c>, body <c>{"model", "input"}</c>): <c>data[0].data</c>
    /// is a number (outcome), a list of numbers (one per step, or per token) or a list of per-step class probabilities
    /// (for example Qwen2.5-Math-PRM's <c>[p_negative, p_positive]</c> at each step tag).
    /// </summary>
    VllmPooling,

    /// <summary>A generic JSON endpoint: the body comes from a template, the scores from configured JSON paths.</summary>
    StepScoresJson,
}
