namespace InferScale.Verification.Expressions;

/// <summary>One math environment found in text: <c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c>, <c>\[…\]</c> or a bare <c>\frac{a}{b}</c>.</summary>
/// <param name="Start">Index of the opening delimiter.</param>
/// <param name="End">Index just past the closing delimiter (and any percent sign after it).</param>
/// <param name="Content">The text between the delimiters.</param>
internal readonly record struct LatexEnvironment(int Start, int End, string Content);
