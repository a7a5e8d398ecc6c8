namespace InferScale.Engine;

/// <summary>One row of a forward pass: append <paramref name="Token"/> to <paramref name="Sequence"/>, and say whether its logits are wanted.</summary>
/// <param name="Sequence">The sequence the token extends.</param>
/// <param name="Token">The token id.</param>
/// <param name="NeedLogits">Whether to compute the logits after this token (prefill rows other than the last skip the output head).</param>
public readonly record struct BatchRow(SequenceHandle Sequence, int Token, bool NeedLogits);
