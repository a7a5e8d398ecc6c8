namespace InferScale.Verification;

/// <summary>
/// Finds a final answer only where the text marks one explicitly — <c>\boxed{…}</c>, <c>\fbox{…}</c> or GSM8K's
/// <c>#### …</c> — and then reads it with an inner extractor (by default <see cref="MathAnswerChecker"/>). Step-level
/// search needs this strictness: a partial solution such as <c>v = 4 + 5 = 9</c> holds an expression that a lenient
/// extractor would take for the answer, ending the search after one step.
/// </summary>
public sealed class MarkedAnswerExtractor : IAnswerExtractor
{
    private static readonly string[] Markers = ["\\boxed", "\\fbox", "####"];
    private readonly IAnswerExtractor _inner;

    /// <summary>Reads marked answers with <paramref name="inner"/> (default <see cref="MathAnswerChecker.Default"/>).</summary>
    public MarkedAnswerExtractor(IAnswerExtractor? inner = null) => _inner = inner ?? MathAnswerChecker.Default;

    /// <summary>A shared instance over <see cref="MathAnswerChecker.Default"/>.</summary>
    public static MarkedAnswerExtractor Default { get; } = new();

    /// <inheritdoc />
    public string? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var marker in Markers)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
                return _inner.Extract(text);
        }
        return null;
    }
}
