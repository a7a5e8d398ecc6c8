namespace InferScale.Strategies;

/// <summary>What a <see cref="ComputeBudget"/> counts.</summary>
public enum BudgetKind
{
    /// <summary>
    /// Sequences requested from the policy generator: every sample of every call counts one (a whole solution or a
    /// continuation), failed samples included, so sample indices are never re-drawn; a trace grown in chunks by
    /// prefix continuation counts once (its later chunks are marked as continuations).
    /// </summary>
    Samples,

    /// <summary>
    /// Policy tokens: the sum over generator calls of <c>Usage.PromptTokens + Usage.CompletionTokens</c> (prompt tokens
    /// the backend computed, cached prompt tokens excluded; reward-model tokens are recorded but not charged).
    /// </summary>
    Tokens,

    /// <summary>Policy FLOPs: the sum over generator calls of <c>Usage.Flops</c> (reward-model FLOPs are recorded but not charged).</summary>
    Flops,
}
