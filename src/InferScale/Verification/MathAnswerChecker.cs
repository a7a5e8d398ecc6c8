using System.Globalization;
using System.Text.RegularExpressions;

namespace InferScale.Verification;

/// <summary>
/// PLACEHOLDER so that the analysis branch compiles; the real checker (another branch) replaces this file at merge.
/// Extracts the last <c>\boxed{…}</c> (nested braces), else <c>#### x</c>, else the last number; two answers are
/// equivalent when their trimmed strings are equal or they parse to equal numbers.
/// </summary>
public sealed partial class MathAnswerChecker : IAnswerExtractor, IAnswerEquivalence
{
    /// <summary>The shared instance.</summary>
    public static MathAnswerChecker Default { get; } = new();

    /// <inheritdoc />
    public string? Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var boxed = text.LastIndexOf("\\boxed{", StringComparison.Ordinal);
        if (boxed >= 0)
        {
            var start = boxed + "\\boxed{".Length;
            var depth = 1;
            for (var i = start; i < text.Length; i++)
            {
                if (text[i] == '{') depth++;
                else if (text[i] == '}' && --depth == 0) return text[start..i].Trim();
            }
        }

        var hashes = text.LastIndexOf("####", StringComparison.Ordinal);
        if (hashes >= 0) return text[(hashes + 4)..].Trim();
        var numbers = NumberPattern().Matches(text);
        return numbers.Count == 0 ? null : numbers[^1].Value;
    }

    /// <inheritdoc />
    public bool AreEquivalent(string gold, string predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var g = gold.Trim();
        var p = predicted.Trim();
        if (string.Equals(g, p, StringComparison.Ordinal)) return true;
        return double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            && x == y;
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}
