namespace InferScale.Verification.Expressions;

/// <summary>An extracted answer: its cleaned text and, when it parses, its tree.</summary>
/// <param name="Text">The cleaned answer text.</param>
/// <param name="Node">The parsed tree, or null when the text is not well-formed math.</param>
/// <param name="IsPercent">Whether the raw answer carried a percent sign or word (the cleaned text drops it).</param>
internal sealed record ParsedAnswer(string Text, MathNode? Node, bool IsPercent = false);
