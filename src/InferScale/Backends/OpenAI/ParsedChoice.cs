using InferScale.Generation;

namespace InferScale.Backends.OpenAI;

/// <summary>One choice of a response, in wire-neutral form.</summary>
internal sealed record ParsedChoice(int Index, string Text, string? FinishReason, IReadOnlyList<TokenLogprob>? Logprobs);
