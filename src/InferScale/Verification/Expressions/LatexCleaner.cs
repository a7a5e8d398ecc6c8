using System.Text;
using System.Text.RegularExpressions;

namespace InferScale.Verification.Expressions;

/// <summary>
/// String-level normalisation of an extracted LaTeX answer: drops delimiters, spacing, sizing and units, unifies
/// <c>\dfrac</c>/<c>\tfrac</c>/<c>\cfrac</c>, relations and operators, thousands separators, percent signs and degrees,
/// and turns "and"/"or" between answers into commas. The result is what the tokenizer reads.
/// </summary>
internal static partial class LatexCleaner
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, string> CommandMap = new(StringComparer.Ordinal)
    {
        ["dfrac"] = "\\frac", ["tfrac"] = "\\frac", ["cfrac"] = "\\frac", ["frac"] = "\\frac",
        ["dbinom"] = "\\binom", ["tbinom"] = "\\binom",
        ["le"] = "≤", ["leq"] = "≤", ["leqslant"] = "≤", ["ge"] = "≥", ["geq"] = "≥", ["geqslant"] = "≥",
        ["ne"] = "≠", ["neq"] = "≠", ["lt"] = "<", ["gt"] = ">", ["approx"] = "≈", ["simeq"] = "≈", ["thickapprox"] = "≈",
        ["in"] = "∈", ["cup"] = "∪", ["cap"] = "∩", ["times"] = "*", ["cdot"] = "*", ["ast"] = "*", ["div"] = "/",
        ["pm"] = "±", ["mp"] = "∓", ["lbrace"] = "\\{", ["rbrace"] = "\\}", ["langle"] = "(", ["rangle"] = ")",
        ["vert"] = "|", ["lvert"] = "|", ["rvert"] = "|", ["mid"] = "|", ["%"] = "", ["$"] = "", ["circ"] = "", ["degree"] = "",
        ["!"] = "", [","] = " ", [";"] = " ", [":"] = " ", [" "] = " ", ["quad"] = " ", ["qquad"] = " ",
        ["displaystyle"] = "", ["textstyle"] = "", ["left"] = "", ["right"] = "", ["middle"] = "",
        ["big"] = "", ["Big"] = "", ["bigg"] = "", ["Bigg"] = "", ["bigl"] = "", ["bigr"] = "", ["Bigl"] = "", ["Bigr"] = "",
        ["biggl"] = "", ["biggr"] = "", ["Biggl"] = "", ["Biggr"] = "", ["limits"] = "", ["nolimits"] = "",
        ["boxed"] = "", ["fbox"] = "", ["mathbf"] = "", ["boldsymbol"] = "", ["mathit"] = "", ["bm"] = "",
        ["(" ] = "", [")"] = "", ["["] = "", ["]"] = "",
    };

    private static readonly HashSet<string> TextCommands = new(StringComparer.Ordinal)
    {
        "text", "textbf", "textit", "textnormal", "textrm", "texttt", "textsf", "mbox", "mathrm", "mathsf", "operatorname", "hbox",
    };

    /// <summary>Turns <c>\\frac</c> (a doubly escaped command, common in JSON-escaped model output) into <c>\frac</c>.</summary>
    public static string FixDoubleEscapes(string text) =>
        text.Contains("\\\\", StringComparison.Ordinal) ? DoubleEscapedCommand().Replace(text, "\\") : text;

    /// <summary>Normalises one extracted answer; see the type's summary.</summary>
    public static string Clean(string latex)
    {
        var text = FixDoubleEscapes(latex);
        text = text.Replace("\\$", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal);
        text = text.Replace("\\qquad", " ", StringComparison.Ordinal).Replace("\\quad", " ", StringComparison.Ordinal);
        text = Degrees().Replace(text, "");
        text = BraceComma().Replace(text, "");
        text = EscapedThousands().Replace(text, "");
        text = RewriteCommands(text);
        text = text.Replace("<=", "≤", StringComparison.Ordinal).Replace(">=", "≥", StringComparison.Ordinal)
            .Replace("×", "*", StringComparison.Ordinal).Replace("·", "*", StringComparison.Ordinal).Replace("÷", "/", StringComparison.Ordinal)
            .Replace("−", "-", StringComparison.Ordinal).Replace("°", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal)
            .Replace("π", "\\pi ", StringComparison.Ordinal).Replace("∞", "\\infty ", StringComparison.Ordinal)
            .Replace("√", "\\sqrt", StringComparison.Ordinal).Replace("\f", "\\f", StringComparison.Ordinal);
        text = NotEquals().Replace(text, "≠");
        text = PercentWords().Replace(text, "$1");
        text = Thousands().Replace(text, m => m.Value.Replace(",", "", StringComparison.Ordinal));
        text = SpacedThousands().Replace(text, "");
        text = AndOr().Replace(text, ",");
        text = Whitespace().Replace(text, " ").Trim();
        return text.TrimEnd('.', ',', ';', ' ', '\\').TrimStart(',', ';', ' ');
    }

    /// <summary>The cleaned text without any whitespace: equal strings mean equal answers.</summary>
    public static string Canonical(string cleaned)
    {
        var sb = new StringBuilder(cleaned.Length);
        foreach (var c in cleaned)
            if (!char.IsWhiteSpace(c))
                sb.Append(c);
        return sb.ToString();
    }

    private static string RewriteCommands(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            var start = i + 1;
            var end = start;
            while (end < text.Length && char.IsAsciiLetter(text[end]))
                end++;
            if (end == start)
            {
                var symbol = text[start].ToString();
                if (text[start] == '\\')
                {
                    sb.Append("\\\\");
                    i = start + 1;
                    continue;
                }
                if (CommandMap.TryGetValue(symbol, out var mappedSymbol))
                    sb.Append(mappedSymbol);
                else
                    sb.Append('\\').Append(symbol);
                i = start + 1;
                continue;
            }
            var name = text[start..end];
            i = end;
            if (TextCommands.Contains(name))
            {
                i = AppendText(text, i, sb);
                continue;
            }
            if (CommandMap.TryGetValue(name, out var mapped))
            {
                if ((name is "left" or "right" or "middle" || name.StartsWith("big", StringComparison.OrdinalIgnoreCase)) && i < text.Length && text[i] == '.')
                    i++;
                sb.Append(mapped);
                if (mapped.StartsWith('\\') && mapped.Length > 1 && char.IsAsciiLetter(mapped[^1]))
                    sb.Append(' ');
                continue;
            }
            sb.Append('\\').Append(name);
            if (i < text.Length && char.IsAsciiLetter(text[i]))
                sb.Append(' ');
        }
        return sb.ToString();
    }

    private static int AppendText(string text, int i, StringBuilder sb)
    {
        while (i < text.Length && text[i] == ' ')
            i++;
        if (i >= text.Length || text[i] != '{')
            return i;
        var close = Braces.FindClose(text, i);
        if (close < 0)
            return i;
        var content = text[(i + 1)..close].Trim();
        i = close + 1;
        var lower = content.ToLowerInvariant();
        if (content.Length == 0)
            return i;
        if (lower is "and" or "or" or "," or "and also")
        {
            sb.Append(", ");
            return i;
        }
        var isWord = content.All(ch => char.IsLetter(ch) || ch == ' ');
        var previous = LastNonSpace(sb);
        if (isWord && (char.IsAsciiDigit(previous) || previous is '}' or ')' or '.') && !(content.Length == 1 && char.IsAsciiLetter(content[0])))
        {
            // A unit after a value ("3\text{ cm}^2"): drop it with its power.
            var unitPower = UnitPower().Match(text, i);
            if (unitPower.Success && unitPower.Index == i)
                i += unitPower.Length;
            return i;
        }
        if (isWord && content.Length > 1)
            sb.Append("\\text{").Append(Whitespace().Replace(lower, " ")).Append('}');
        else
            sb.Append(' ').Append(content).Append(' ');
        return i;
    }

    private static char LastNonSpace(StringBuilder sb)
    {
        for (var k = sb.Length - 1; k >= 0; k--)
            if (!char.IsWhiteSpace(sb[k]))
                return sb[k];
        return '\0';
    }

    [GeneratedRegex(@"(?<!\\)\\\\(?=(?:d?t?c?frac|boxed|fbox|left|right|le|leq|ge|geq|lt|gt|neq|ne|text|textbf|mathrm|mbox|sqrt|pi|cdot|times|in|cup|cap|infty|pm|mp|quad|qquad|circ|approx|div|sin|cos|tan|log|ln|begin|end|mathbf|dots|ldots)(?![A-Za-z]))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DoubleEscapedCommand();

    [GeneratedRegex(@"\^\s*\{?\s*\\circ\s*\}?|\^\s*\{\s*\\text\{\s*o\s*\}\s*\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Degrees();

    [GeneratedRegex(@"\{,\s*\}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex BraceComma();

    [GeneratedRegex(@"(?<=\d),\\!\s*(?=\d)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EscapedThousands();

    [GeneratedRegex(@"(?<=[A-Za-z\s)])!=", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NotEquals();

    [GeneratedRegex(@"(\d|\})\s*(?:percentage|percent|pct)(?![A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex PercentWords();

    [GeneratedRegex(@"(?<![\d.])(?<![(\[,]\s*)\d{1,3}(?:,\d{3})+(?![\d])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Thousands();

    [GeneratedRegex(@"(?<=(?<![\d.])\d{1,3}) (?=\d{3}(?![\d]))", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SpacedThousands();

    [GeneratedRegex(@"(?<![A-Za-z\\{])(?:and|or)(?![A-Za-z])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AndOr();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*\^\s*(?:\{\s*[23]\s*\}|[23])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex UnitPower();
}
