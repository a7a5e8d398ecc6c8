using System.Text;
using System.Text.RegularExpressions;

namespace InferScale.Verification.Expressions;

/// <summary>
/// Finds the final answer in a model output, with Math-Verify's priorities: "final answer is X. I hope" first, then
/// <c>\boxed{…}</c> (adjacent boxes joined by "and"/","), then math after "answer:" or "answer", then the last math
/// environment or number. Within a priority the rightmost candidate that parses wins. Only the last
/// <c>maxScan</c> characters are searched, which bounds the work on huge inputs.
/// </summary>
internal static partial class AnswerExtractor
{
    private const int AnchorWindow = 220;
    private const int MaxChain = 6;
    private const int BareAnswerLength = 300;

    public static ParsedAnswer? Extract(string text, MathBudget budget, int maxScan)
    {
        var source = LatexCleaner.FixDoubleEscapes(text.Length > maxScan ? text[^maxScan..] : text).Trim();
        if (source.Length == 0)
            return null;
        if (BareAnswer(source, budget) is { } bare)
            return bare;

        var candidates = Candidates(source, budget);
        candidates.Sort(static (a, b) => a.Priority != b.Priority ? a.Priority.CompareTo(b.Priority)
            : a.End != b.End ? b.End.CompareTo(a.End) : a.Start.CompareTo(b.Start));
        ParsedAnswer? fallback = null;
        var failed = new List<(int Start, int End)>();
        foreach (var candidate in candidates)
        {
            // A number inside math that did not parse (the "0" of \sum_{k=0}) is not the answer.
            if (failed.Any(span => span.Start <= candidate.Start && candidate.End <= span.End))
                continue;
            var parsed = AnswerParsing.Parse(candidate.Text, budget);
            if (parsed.Node is not null)
                return parsed;
            fallback ??= parsed.Text.Length > 0 ? parsed : null;
            failed.Add((candidate.Start, candidate.End));
        }
        if (fallback is not null)
            return fallback;
        return source.Length <= BareAnswerLength ? AnswerParsing.Parse(source, budget) : null;
    }

    /// <summary>A short text with no delimiters and no words is an answer already ("1,22", "x^2+1", "\frac{1}{2}").</summary>
    private static ParsedAnswer? BareAnswer(string source, MathBudget budget)
    {
        if (source.Length > BareAnswerLength || source.Contains('$', StringComparison.Ordinal) || source.Contains("\\(", StringComparison.Ordinal)
            || source.Contains("\\[", StringComparison.Ordinal) || source.Contains("\\boxed", StringComparison.Ordinal) || source.Contains("\\fbox", StringComparison.Ordinal))
            return null;
        var number = WholeNumber().Match(source);
        if (number.Success)
            return AnswerParsing.Parse(NumberText(number) + (number.Groups["percent"].Length > 0 ? "%" : string.Empty), budget);
        if (Word().IsMatch(CommandWithArgument().Replace(source, " ")))
            return null;
        var parsed = AnswerParsing.Parse(source, budget);
        return parsed.Node is null ? null : parsed;
    }

    private static List<AnswerCandidate> Candidates(string text, MathBudget budget)
    {
        var list = new List<AnswerCandidate>();
        AddLatex(text, list, budget);
        AddBoxed(text, list, budget);
        AddExpressions(text, list, budget);
        return list;
    }

    private static void AddLatex(string text, List<AnswerCandidate> list, MathBudget budget)
    {
        var environments = LatexEnvironmentScanner.Scan(text, budget);
        // Chains "$a$, $b$ and $c$" starting at each environment; the plain ones do not overlap (as regex matches would not).
        var nextPlainStart = 0;
        for (var i = 0; i < environments.Count; i++)
        {
            budget.Tick();
            var last = i;
            while (last + 1 < environments.Count && last - i + 1 < MaxChain && Joins(text[environments[last].End..environments[last + 1].Start]))
                last++;
            var start = environments[i].Start;
            var end = environments[last].End;
            var content = string.Join(", ", environments.Skip(i).Take(last - i + 1).Select(e => e.Content));
            if (i >= nextPlainStart)
            {
                list.Add(new AnswerCandidate(300, start, end, content));
                nextPlainStart = last + 1;
            }
            var before = text[Math.Max(0, start - AnchorWindow)..start];
            if (FinalAnswerIs().IsMatch(before) && IHope().IsMatch(text[end..Math.Min(text.Length, end + 12)]))
                list.Add(new AnswerCandidate(0, start, end, content));
            if (FinalAnswerJustIs().IsMatch(before))
                list.Add(new AnswerCandidate(50, start, end, content));
            if (AnswerColon().IsMatch(before))
                list.Add(new AnswerCandidate(100, start, end, content));
            else if (AnswerWord().IsMatch(before))
                list.Add(new AnswerCandidate(200, start, end, content));
        }
    }

    private static bool Joins(string gap) => gap.Length <= 12 && ChainGap().IsMatch(gap);

    private static void AddBoxed(string text, List<AnswerCandidate> list, MathBudget budget)
    {
        var boxes = new List<(int Start, int End, string Content)>();
        var i = 0;
        while (i < text.Length)
        {
            budget.Tick();
            var at = text.IndexOf('\\', i);
            if (at < 0)
                break;
            var length = string.CompareOrdinal(text, at, "\\boxed", 0, 6) == 0 ? 6 : string.CompareOrdinal(text, at, "\\fbox", 0, 5) == 0 ? 5 : 0;
            if (length == 0)
            {
                i = at + 1;
                continue;
            }
            var open = at + length;
            while (open < text.Length && text[open] == ' ')
                open++;
            if (open >= text.Length || text[open] != '{')
            {
                i = open;
                continue;
            }
            var close = Braces.FindClose(text, open);
            if (close < 0)
            {
                boxes.Add((at, text.Length, text[(open + 1)..].TrimEnd('$', '.', ' ', '\n')));
                break;
            }
            boxes.Add((at, close + 1, text[(open + 1)..close]));
            i = close + 1;
        }
        var k = 0;
        while (k < boxes.Count)
        {
            var last = k;
            while (last + 1 < boxes.Count && BoxesJoin(text[boxes[last].End..boxes[last + 1].Start]))
                last++;
            var content = string.Join(", ", boxes.Skip(k).Take(last - k + 1).Select(b => b.Content));
            list.Add(new AnswerCandidate(50, boxes[k].Start, boxes[last].End, content));
            k = last + 1;
        }
    }

    /// <summary>Boxes are one answer when only punctuation, spacing or a short phrase with "and"/"or"/"," separates them.</summary>
    private static bool BoxesJoin(string gap)
    {
        if (gap.Length > 80)
            return false;
        var words = SeparatorNoise().Replace(gap, " ").Trim();
        if (words.Length > 40)
            return false;
        return !words.Any(char.IsLetter) || AndOrComma().IsMatch(words);
    }

    private static void AddExpressions(string text, List<AnswerCandidate> list, MathBudget budget)
    {
        AddMatches(FinalAnswerIsExpression(), 0, text, list, budget);
        AddMatches(FinalAnswerJustIsExpression(), 50, text, list, budget);
        AddMatches(AnswerColonExpression(), 100, text, list, budget);
        AddMatches(AnswerExpression(), 200, text, list, budget);
        AddMatches(PlainExpression(), 300, text, list, budget);
        AddMatches(PlainNumber(), 300, text, list, budget);
    }

    private static void AddMatches(Regex regex, int priority, string text, List<AnswerCandidate> list, MathBudget budget)
    {
        try
        {
            foreach (Match match in regex.Matches(text))
            {
                budget.Tick();
                var expression = match.Groups["expr"];
                var value = expression.Success ? expression.Value.Trim() : NumberText(match);
                if (value.Length > 0)
                    list.Add(new AnswerCandidate(priority, match.Index, match.Index + match.Length, match.Groups["percent"].Success && match.Groups["percent"].Length > 0 ? value + "%" : value));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Treated as no match: the input is hostile and the budget is what matters.
        }
    }

    /// <summary>The number in a match of <see cref="NumberPattern"/>: thousands separators dropped, decimal comma made a point.</summary>
    private static string NumberText(Match match)
    {
        var integer = string.Empty;
        var fraction = string.Empty;
        foreach (var name in new[] { "integer1", "integer2", "integer3" })
            if (match.Groups[name].Success && match.Groups[name].Length > 0)
                integer = match.Groups[name].Value;
        foreach (var name in new[] { "decimal1", "decimal2", "decimal3" })
            if (match.Groups[name].Success && match.Groups[name].Length > 0)
                fraction = match.Groups[name].Value;
        if (integer.Length == 0 && fraction.Length == 0)
            return string.Empty;
        var sign = integer.StartsWith('-') ? "-" : string.Empty;
        var digits = new StringBuilder();
        foreach (var ch in integer)
            if (char.IsAsciiDigit(ch))
                digits.Append(ch);
        var whole = digits.ToString().TrimStart('0');
        if (whole.Length == 0)
            whole = "0";
        return sign + whole + fraction.Replace(',', '.');
    }

    private const string NumberPattern =
        @"(?<!\d)(?:(?<integer1>-?[1-9]\d{0,2}(?:[ ,]\d{3})+)(?<decimal1>\.\d+)?|(?<integer2>-?\d+)(?<decimal2>[.,]\d+)|(?<decimal3>\.\d+)|(?<integer3>-?\d+))(?<percent>\s*(?:%|[Pp]ercent|\s*[Pp]ercentage|\s*[Pp]ct))?";

    private const string ExpressionPattern = @"(?<expr>-?\(?-?\d[\d.\s+\-*×/^()÷]*[+\-*×/^()÷][\d.\s+\-*×/^()÷]+\)?)";
    private const string Prefix = @"(?:^|\s|=)(?:\*\*)?";
    private const string Suffix = @"(?:\*\*)?(?:\.|,|:|\s|\)|\$|$)";
    private const string Currency = "[$€£¥₹₽₪₩₫฿₡₢₣₤₥₦₧₨₭₮₯₰₱₲₳₴₵₶₷₸₺₻₼₾₿]?";
    private const string ExpressionWithAnchors = "(?:" + Prefix + ExpressionPattern + Suffix + ")";
    private const string NumberWithAnchors = "(?:" + Prefix + Currency + NumberPattern + ")";
    private const string ExpressionOrNumber = "(?:" + ExpressionWithAnchors + "|" + NumberWithAnchors + ")";

    [GeneratedRegex(@"^\s*" + Currency + NumberPattern + @"\s*\$?\s*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"[A-Za-z]{3,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Word();

    [GeneratedRegex(@"\\[A-Za-z]+(?:\{[^{}]*\})?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CommandWithArgument();

    [GeneratedRegex(@"(?i:final answer is):?\s*\z", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FinalAnswerIs();

    [GeneratedRegex(@"\A\.?\s?I hope", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IHope();

    [GeneratedRegex(@"(?i:final answer).{0,100}?\s+is:?\s*\z", RegexOptions.CultureInvariant | RegexOptions.Singleline, 1000)]
    private static partial Regex FinalAnswerJustIs();

    [GeneratedRegex(@"(?i:answer):.{0,50}\z", RegexOptions.CultureInvariant | RegexOptions.Singleline, 1000)]
    private static partial Regex AnswerColon();

    [GeneratedRegex(@"(?i:answer).{0,50}\z", RegexOptions.CultureInvariant | RegexOptions.Singleline, 1000)]
    private static partial Regex AnswerWord();

    [GeneratedRegex(@"\A\s*(?:,?\s*and|,?\s*or|,)\s*\z", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex ChainGap();

    [GeneratedRegex(@"\\[A-Za-z]+|[\\{}$()\[\]~]|\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SeparatorNoise();

    [GeneratedRegex(@"(?<![A-Za-z])(?:and|or)(?![A-Za-z])|,", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex AndOrComma();

    [GeneratedRegex(@"(?i:final answer is):?\s*" + ExpressionOrNumber + @"\.?\s?I hope", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FinalAnswerIsExpression();

    [GeneratedRegex(@"(?i:final answer.{0,100}?)\s+is:?" + ExpressionOrNumber, RegexOptions.CultureInvariant, 1000)]
    private static partial Regex FinalAnswerJustIsExpression();

    [GeneratedRegex(@"(?i:answer):(?:.{0,100}=\s*|.{0,50}?)" + ExpressionOrNumber + @"(?!\s*=)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AnswerColonExpression();

    [GeneratedRegex(@"(?i:answer)(?:.{0,100}=\s*|.{0,50}?)" + ExpressionOrNumber + @"(?!\s*=)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AnswerExpression();

    [GeneratedRegex(ExpressionWithAnchors, RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PlainExpression();

    [GeneratedRegex(NumberWithAnchors, RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PlainNumber();
}
