namespace InferScale.Generation;

/// <summary>The log-probability of one generated token, with the most likely alternatives at that position.</summary>
/// <param name="Token">The generated token's text.</param>
/// <param name="Logprob">Natural-log probability of the generated token.</param>
/// <param name="Top">The top-k alternatives at this position (may be empty when not requested).</param>
public sealed record TokenLogprob(string Token, float Logprob, IReadOnlyList<TopLogprob> Top);
