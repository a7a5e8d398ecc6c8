using InferScale.Generation;

namespace InferScale.Strategies;

/// <summary>One budget-forced trace: its final text and what forcing did to it.</summary>
/// <param name="Sample">The whole completion (thinking, end of thinking, cue, answer) as one sample.</param>
/// <param name="ThinkingTokens">Tokens generated while thinking (the Waits appended are not counted).</param>
/// <param name="Waits">Times the end of thinking was suppressed.</param>
/// <param name="Capped">Whether thinking hit the maximum and was closed by force.</param>
/// <param name="WithinBounds">Whether the thinking tokens ended within [minimum, maximum] (s1's Control).</param>
internal sealed record ForcedTrace(Sample Sample, int ThinkingTokens, int Waits, bool Capped, bool WithinBounds);
