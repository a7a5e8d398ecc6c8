using InferScale.Generation;

namespace InferScale.Gateway.Runs;

/// <summary>One answer of a run.</summary>
/// <param name="Index">The choice index.</param>
/// <param name="Text">The answer text.</param>
/// <param name="FinishReason">OpenAI's finish reason: <c>stop</c> or <c>length</c>.</param>
/// <param name="Logprobs">Token logprobs when asked for and known; <see langword="null"/> otherwise.</param>
internal sealed record RunChoice(int Index, string Text, string FinishReason, IReadOnlyList<TokenLogprob>? Logprobs);
