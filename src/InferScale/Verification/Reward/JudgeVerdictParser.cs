using System.Globalization;
using System.Text.RegularExpressions;

namespace InferScale.Verification.Reward;

/// <summary>Deterministic parsing of a judge's text: a 0–10 grade, or yes/no verdicts per step.</summary>
internal static partial class JudgeVerdictParser
{
    /// <summary>
    /// The grade in <paramref name="text"/>: the last <c>Score: N</c> (optionally <c>N/10</c>), else the last
    /// <c>[[N]]</c>, else the last <c>N/10</c>. Fails (returns false with a reason) when none is found or N is outside [0, 10].
    /// </summary>
    public static bool TryParseGrade(string text, out double grade, out string problem)
    {
        grade = double.NaN;
        var match = LastMatch(ScoreLine(), text) ?? LastMatch(DoubleBracket(), text) ?? LastMatch(OutOfTen(), text);
        if (match is null)
        {
            problem = $"no grade found (expected \"Score: N\") in: {Snippet(text)}";
            return false;
        }
        var value = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        if (value is < 0 or > 10)
        {
            problem = $"grade {value} is outside 0–10";
            return false;
        }
        grade = value;
        problem = "";
        return true;
    }

    /// <summary>
    /// Verdicts for steps 1…<paramref name="stepCount"/> from lines like <c>Step 2: no</c> (also correct/incorrect,
    /// true/false); the last verdict for a step wins; steps without a verdict are NaN and listed in
    /// <paramref name="missing"/>.
    /// </summary>
    public static double[] ParseStepVerdicts(string text, int stepCount, out List<int> missing)
    {
        var verdicts = Enumerable.Repeat(double.NaN, stepCount).ToArray();
        foreach (Match m in StepLine().Matches(text))
        {
            if (!int.TryParse(m.Groups["k"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1 || k > stepCount)
                continue;
            var word = m.Groups["v"].Value.ToLowerInvariant();
            verdicts[k - 1] = word is "yes" or "correct" or "true" ? 1.0 : 0.0;
        }
        missing = [.. Enumerable.Range(1, stepCount).Where(k => double.IsNaN(verdicts[k - 1]))];
        return verdicts;
    }

    private static Match? LastMatch(Regex regex, string text)
    {
        Match? last = null;
        foreach (Match m in regex.Matches(text))
            last = m;
        return last;
    }

    private static string Snippet(string text) => text.Length <= 120 ? text : text[..120] + "…";

    [GeneratedRegex(@"\bscore\s*[:=]?\s*\**\s*(?<n>\d+(?:\.\d+)?)\s*\**(?:\s*/\s*10)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScoreLine();

    [GeneratedRegex(@"\[\[(?<n>\d+(?:\.\d+)?)\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleBracket();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)\s*/\s*10\b", RegexOptions.CultureInvariant)]
    private static partial Regex OutOfTen();

    [GeneratedRegex(@"^\W*step\s*(?<k>\d+)\s*[:\-–.)]\s*\**\s*(?<v>yes|no|correct|incorrect|true|false)\b",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex StepLine();
}
