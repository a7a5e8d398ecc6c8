namespace InferScale.Verification.Expressions;

/// <summary>A span of model output that may hold the final answer.</summary>
/// <param name="Priority">Lower is tried first (0: "final answer is … I hope", 50: boxed, 100/200: after "answer", 300: anywhere).</param>
/// <param name="Start">Start of the whole match (anchor included).</param>
/// <param name="End">End of the whole match; within a priority the rightmost is tried first.</param>
/// <param name="Text">The answer text (LaTeX or plain).</param>
internal sealed record AnswerCandidate(int Priority, int Start, int End, string Text);
