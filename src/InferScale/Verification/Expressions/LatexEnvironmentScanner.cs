using System.Text.RegularExpressions;

namespace InferScale.Verification.Expressions;

/// <summary>
/// Finds math environments left to right without overlaps, in linear time (hand-written instead of one regex because
/// a lazy regex over unmatched <c>$$</c> is quadratic on hostile input). Inline forms may not span lines.
/// </summary>
internal static partial class LatexEnvironmentScanner
{
    public static List<LatexEnvironment> Scan(string text, MathBudget budget)
    {
        var found = new List<LatexEnvironment>();
        var noDisplayDollar = false;
        var noDisplayBracket = false;
        var i = 0;
        while (i < text.Length)
        {
            budget.Tick();
            var c = text[i];
            var escaped = i > 0 && text[i - 1] == '\\';
            int end;
            if (c == '$' && !escaped && i + 1 < text.Length && text[i + 1] == '$' && !noDisplayDollar)
            {
                end = FindUnescaped(text, "$$", i + 2, allowNewline: true);
                if (end < 0)
                    noDisplayDollar = true;
                else if (end > i + 2)
                {
                    i = Add(text, found, i, i + 2, end, end + 2);
                    continue;
                }
            }
            if (c == '\\' && !escaped && i + 1 < text.Length && text[i + 1] == '[' && !noDisplayBracket)
            {
                end = FindUnescaped(text, "\\]", i + 2, allowNewline: true);
                if (end < 0)
                    noDisplayBracket = true;
                else if (end > i + 2)
                {
                    i = Add(text, found, i, i + 2, end, end + 2);
                    continue;
                }
            }
            if (c == '$' && !escaped && (i == 0 || !char.IsAsciiDigit(text[i - 1])))
            {
                end = FindUnescaped(text, "$", i + 1, allowNewline: false);
                if (end > i + 1)
                {
                    i = Add(text, found, i, i + 1, end, end + 1);
                    continue;
                }
            }
            if (c == '\\' && !escaped && i + 1 < text.Length && text[i + 1] == '(')
            {
                end = FindUnescaped(text, "\\)", i + 2, allowNewline: false);
                if (end > i + 2)
                {
                    i = Add(text, found, i, i + 2, end, end + 2);
                    continue;
                }
            }
            if (c == '\\' && string.CompareOrdinal(text, i, "\\frac", 0, 5) == 0)
            {
                var fraction = BareFraction().Match(text, Math.Max(0, i - 1), Math.Min(text.Length - Math.Max(0, i - 1), 80));
                if (fraction.Success && fraction.Index <= i)
                {
                    i = Add(text, found, fraction.Index, fraction.Index, fraction.Index + fraction.Length, fraction.Index + fraction.Length);
                    continue;
                }
            }
            i++;
        }
        return found;
    }

    private static int Add(string text, List<LatexEnvironment> found, int start, int contentStart, int contentEnd, int end)
    {
        var content = text[contentStart..contentEnd];
        var percent = Percent().Match(text, end, Math.Min(text.Length - end, 16));
        if (percent.Success && percent.Index == end)
        {
            end += percent.Length;
            content += "%";
        }
        found.Add(new LatexEnvironment(start, end, content));
        return end;
    }

    /// <summary>The index of <paramref name="closer"/> not preceded by a backslash, or -1 (or -1 at a newline when not allowed).</summary>
    private static int FindUnescaped(string text, string closer, int from, bool allowNewline)
    {
        var i = from;
        while (i < text.Length)
        {
            var next = text.IndexOf(closer, i, StringComparison.Ordinal);
            if (!allowNewline)
            {
                var newline = text.IndexOf('\n', i);
                if (newline >= 0 && (next < 0 || newline < next))
                    return -1;
            }
            if (next < 0)
                return -1;
            if (next > 0 && text[next - 1] == '\\' && closer[0] != '\\')
            {
                i = next + 1;
                continue;
            }
            return next;
        }
        return -1;
    }

    [GeneratedRegex(@"-?\\frac\{-?\d+(?:[.,]\d+)?\}\{-?\d+(?:[.,]\d+)?\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BareFraction();

    [GeneratedRegex(@"\s*(?:\\?%|[Pp]ercentage|[Pp]ercent|[Pp]ct)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Percent();
}
