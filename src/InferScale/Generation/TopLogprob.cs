namespace InferScale.Generation;

/// <summary>One alternative token at a position, with its log-probability.</summary>
/// <param name="Token">The token's text.</param>
/// <param name="Logprob">Natural-log probability under the sampling distribution before truncation.</param>
public readonly record struct TopLogprob(string Token, float Logprob);
